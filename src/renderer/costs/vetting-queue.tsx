import { CheckOutlined, CloseOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Input, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostLineDetail } from '../../shared/costs';
import type { CostLineState, Paged } from '../../shared/service';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { useDebouncedCallback } from '../common/use-debounced';
import { openAttachment } from '../case/upload';
import { paths } from '../shell/router';
import { costEnum } from './labels';
import { amountColumn, CostStateTags, costTypeColumn, dateSourceColumn, payerColumn } from './cost-columns';
import { VetModal, type VetAction } from './vet-modal';

/**
 * The lines waiting for Finance, oldest first, a page at a time; the other states on demand. Each
 * line with its case, what it is, its money in its own currency and in the base currency, who pays,
 * where it came from and its receipt. Finance approves, rejects, or reverses an approved line.
 */

const PAGE = 20;
const FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const statesOf = (f: Filter): CostLineState[] => (f === 'all' ? ['pending', 'approved', 'rejected'] : [f]);

export function VettingQueue({ finance, baseCurrency }: { finance: boolean; baseCurrency: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [filter, setFilter] = useState<Filter>('pending');
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<CostLineDetail> | null>(null);
  const [acting, setActing] = useState<{
    line: CostLineDetail;
    action: VetAction;
  } | null>(null);
  const search = useDebouncedCallback((v: string) => {
    setQ(v.trim());
    setPage(1);
  }, 250);

  const load = useCallback(() => {
    let live = true;
    call('costs.vettingQueue', {
      states: statesOf(filter),
      q,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    }).then(
      (d) => live && setData(d),
      (e: unknown) => {
        if (!live) return;
        setData({ rows: [], total: 0 });
        showError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [filter, q, page, showError]);
  useEffect(load, [load]);
  // Lines vetted elsewhere, or typed in on a case: the queue follows.
  useEffect(() => {
    const offs = [on('costs.changed', () => load()), on('complaints.changed', () => load())];
    return () => offs.forEach((off) => off());
  }, [load]);

  const done = (line: CostLineDetail) => {
    const action = acting?.action ?? 'approve';
    setActing(null);
    void message.success(t(`costsUi.vet.done.${action}`, { no: line.trackingNo }));
    load();
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          data-testid="vetting-filter"
          value={filter}
          onChange={(v) => (setFilter(v), setPage(1))}
          options={FILTERS.map((f) => ({
            value: f,
            label: f === 'all' ? t('costsUi.filter.all') : costEnum(t, 'state', f),
          }))}
        />
        <Input.Search
          id="vetting-search"
          allowClear
          style={{ width: 320 }}
          placeholder={t('costsUi.search')}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            search.run(e.target.value);
          }}
          onSearch={(v) => {
            search.cancel();
            setQ(v.trim());
            setPage(1);
          }}
        />
      </Space>
      <Table<CostLineDetail>
        data-testid="vetting-table"
        className="costs-table"
        rowKey="id"
        size="middle"
        loading={data === null}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1080 }}
        onRow={(l) => ({ 'data-testid': `cost-row-${l.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: t(filter === 'pending' ? 'costsUi.emptyPending' : 'costsUi.empty'),
        }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (total) => t('costsUi.total', { total }),
        }}
        columns={[
          {
            title: t('costsUi.col.case'),
            key: 'case',
            width: 170,
            render: (_, l) => (
              <div className="costs-case">
                <a href={paths.case(l.complaintId)}>{l.trackingNo}</a>
                <Typography.Text type="secondary" ellipsis={{ tooltip: l.customerName }}>
                  {l.customerName}
                </Typography.Text>
              </div>
            ),
          },
          costTypeColumn(t),
          dateSourceColumn(t, 110),
          amountColumn(t, baseCurrency, 160),
          payerColumn(t),
          {
            title: t('costsUi.col.receipt'),
            dataIndex: 'receiptAttachmentId',
            width: 84,
            render: (id: number | null, l) =>
              id ? (
                <Button
                  size="small"
                  type="link"
                  icon={<PaperClipOutlined />}
                  style={{ paddingInline: 0 }}
                  data-testid={`cost-receipt-${l.id}`}
                  onClick={() => void openAttachment(id).catch(showError)}
                >
                  {t('costsUi.openReceipt')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('costsUi.noReceipt')}</Typography.Text>
              ),
          },
          {
            title: t('costsUi.col.state'),
            dataIndex: 'state',
            width: 200,
            render: (s: CostLineState, l) => (
              <div className="costs-state">
                <CostStateTags line={l} t={t} testId={`cost-state-${l.id}`} />
                {l.vettedBy && (
                  <Typography.Text type="secondary" className="costs-vetted">
                    {t('costsUi.vettedBy', {
                      name: l.vettedBy,
                      at: formatInstant(l.vettedAt),
                    })}
                  </Typography.Text>
                )}
                {l.vetComment && (
                  <Tooltip title={l.vetComment}>
                    <Typography.Text className="costs-comment" ellipsis>
                      {l.vetComment}
                    </Typography.Text>
                  </Tooltip>
                )}
              </div>
            ),
          },
          ...(finance
            ? [
                {
                  key: 'actions',
                  width: 160,
                  fixed: 'right' as const,
                  render: (_: unknown, l: CostLineDetail) =>
                    l.state === 'pending' ? (
                      <Space size={4}>
                        <Button
                          size="small"
                          type="primary"
                          icon={<CheckOutlined />}
                          data-testid={`cost-approve-${l.id}`}
                          onClick={() => setActing({ line: l, action: 'approve' })}
                        >
                          {t('costsUi.approve')}
                        </Button>
                        <Button
                          size="small"
                          danger
                          icon={<CloseOutlined />}
                          data-testid={`cost-reject-${l.id}`}
                          onClick={() => setActing({ line: l, action: 'reject' })}
                        >
                          {t('costsUi.reject')}
                        </Button>
                      </Space>
                    ) : l.state === 'approved' && l.reversesId === null && l.reversedBy === null ? (
                      <Button
                        size="small"
                        icon={<RollbackOutlined />}
                        data-testid={`cost-reverse-${l.id}`}
                        onClick={() => setActing({ line: l, action: 'reverse' })}
                      >
                        {t('costsUi.reverse')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {acting && <VetModal line={acting.line} action={acting.action} baseCurrency={baseCurrency} onClose={() => setActing(null)} onDone={done} />}
    </>
  );
}
