import { Drawer, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmortisationDimension, AmortisationEntry } from '../../shared/costs';
import type { Paged } from '../../shared/service';
import type { Department } from '../../shared/types';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatShare } from '../print/money';
import { paths } from '../shell/router';
import { costEnum, departmentLabel } from './labels';
import { formatMinor } from './money';
import type { DrillTarget } from './pivot-table';

/** The entries behind a cell or a row of the pivot, a page at a time, down to the case and its line. */

const PAGE = 20;

export function DrillDrawer({
  year,
  dimension,
  target,
  departments,
  onClose,
}: {
  year: number;
  dimension: AmortisationDimension;
  target: DrillTarget | null;
  departments: Department[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const when = target ? (target.month ? `${year}-${String(target.month).padStart(2, '0')}` : t('costsUi.drill.wholeYear', { year })) : '';
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={980}
      destroyOnHidden
      className="amort-drawer"
      title={
        target && (
          <Space size={12} wrap>
            <span data-testid="drill-title">
              {target.label} · {when}
            </span>
            <Typography.Text type="secondary">{t('costsUi.drill.sum', { amount: formatMinor(target.amount) })}</Typography.Text>
          </Space>
        )
      }
    >
      {target && (
        <DrillEntries
          key={`${year}-${dimension}-${target.key}-${target.month}`}
          year={year}
          dimension={dimension}
          target={target}
          departments={departments}
        />
      )}
    </Drawer>
  );
}

function DrillEntries({
  year,
  dimension,
  target,
  departments,
}: {
  year: number;
  dimension: AmortisationDimension;
  target: DrillTarget;
  departments: Department[];
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [page, setPage] = useState(1);
  const [loaded, setLoaded] = useState<{
    page: number;
    data: Paged<AmortisationEntry>;
  } | null>(null);
  const { key, month } = target;
  const data = loaded?.page === page ? loaded.data : null;

  useEffect(() => {
    let live = true;
    call('amortisation.drill', {
      year,
      dimension,
      key,
      month,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    }).then(
      (d) => live && setLoaded({ page, data: d }),
      (e: unknown) => {
        if (!live) return;
        setLoaded({ page, data: { rows: [], total: 0 } });
        showError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [year, dimension, key, month, page, showError]);

  const allocatedTo = (e: AmortisationEntry) =>
    e.personName
      ? e.personName
      : e.departmentId !== null
        ? departmentLabel(t, departments, e.departmentId, e.departmentName)
        : t('costsUi.pivot.unallocated');

  return (
    <Table<AmortisationEntry>
      data-testid="drill-table"
      rowKey="id"
      size="small"
      loading={data === null}
      dataSource={data?.rows ?? []}
      pagination={{
        current: page,
        pageSize: PAGE,
        total: data?.total ?? loaded?.data.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
        showTotal: (total) => t('costsUi.drill.total', { total }),
      }}
      columns={[
        {
          title: t('costsUi.drill.col.period'),
          dataIndex: 'period',
          width: 84,
        },
        {
          title: t('costsUi.col.case'),
          dataIndex: 'trackingNo',
          width: 150,
          render: (no: string, e) => (
            <a href={paths.case(e.complaintId)} data-testid={`drill-case-${e.id}`}>
              {no}
            </a>
          ),
        },
        {
          title: t('costsUi.drill.col.customer'),
          dataIndex: 'customerName',
          ellipsis: true,
        },
        {
          title: t('costsUi.drill.col.line'),
          key: 'line',
          width: 120,
          render: (_, e) => (
            <span>
              {costEnum(t, 'costType', e.costType)} <Typography.Text type="secondary">#{e.costLineId}</Typography.Text>
            </span>
          ),
        },
        {
          title: t('costsUi.drill.col.target'),
          key: 'target',
          width: 120,
          ellipsis: true,
          render: (_, e) => allocatedTo(e),
        },
        {
          title: t('costsUi.drill.col.kind'),
          dataIndex: 'kind',
          width: 80,
          render: (k: AmortisationEntry['kind']) => <Tag color={k === 'adjustment' ? 'orange' : 'blue'}>{costEnum(t, 'kind', k)}</Tag>,
        },
        {
          title: t('costsUi.drill.col.share'),
          dataIndex: 'shareBp',
          width: 80,
          align: 'right',
          render: (bp: number) => formatShare(bp),
        },
        {
          title: t('costsUi.drill.col.amount'),
          dataIndex: 'amount',
          width: 110,
          align: 'right',
          render: (a: number) => <Typography.Text type={a < 0 ? 'danger' : undefined}>{formatMinor(a)}</Typography.Text>,
        },
      ]}
    />
  );
}
