import { Drawer, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged, Part, StockMove } from '../../shared/service';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { paths } from '../shell/router';

/** A part's stock ledger, newest first, a page at a time: every receipt, issue, return and adjustment. */

const PAGE = 20;

export function LedgerDrawer({ part, onClose }: { part: Part | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={!!part} onClose={onClose} size={920} title={part ? t('parts.ledgerTitle', { partNo: part.partNo, name: part.name }) : ''} destroyOnHidden>
      {part && <LedgerTable key={part.id} part={part} />}
    </Drawer>
  );
}

function LedgerTable({ part }: { part: Part }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [page, setPage] = useState(1);
  // The answer with the request it answers: a page still loading shows the spinner, not stale rows.
  const [loaded, setLoaded] = useState<{ key: string; data: Paged<StockMove> } | null>(null);
  const key = `${page}:${part.onHand}`;
  const data = loaded?.key === key ? loaded.data : null;

  useEffect(() => {
    let live = true;
    call('stock.ledger', { partId: part.id, offset: (page - 1) * PAGE, limit: PAGE }).then((d) => live && setLoaded({ key, data: d }), showError);
    return () => {
      live = false;
    };
  }, [part.id, page, key, showError]);

  return (
      <Table<StockMove>
        data-testid="ledger-table"
        rowKey="id"
        size="small"
        loading={data === null}
        dataSource={data?.rows ?? []}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('parts.ledgerCol.at'), dataIndex: 'at', width: 136, render: (v: string) => formatInstant(v) },
          {
            title: t('parts.ledgerCol.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: StockMove['kind'], m) => (
              <>
                {t(`parts.kind.${k}`)}
                {m.override && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {t('parts.overrideTag')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('parts.ledgerCol.delta'),
            dataIndex: 'delta',
            align: 'right',
            width: 64,
            render: (d: number) => <Typography.Text type={d < 0 ? 'danger' : 'success'}>{d > 0 ? `+${d}` : d}</Typography.Text>,
          },
          { title: t('parts.ledgerCol.after'), dataIndex: 'onHandAfter', align: 'right', width: 90 },
          {
            title: t('parts.ledgerCol.case'),
            dataIndex: 'trackingNo',
            width: 140,
            render: (no: string | null, m) => (no && m.complaintId ? <a href={paths.case(m.complaintId)}>{no}</a> : ''),
          },
          { title: t('parts.ledgerCol.by'), dataIndex: 'by', width: 80 },
          { title: t('parts.ledgerCol.note'), dataIndex: 'note', ellipsis: true },
        ]}
      />
  );
}
