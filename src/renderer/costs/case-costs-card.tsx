import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostLineDetail } from '../../shared/costs';
import type { CostLineState } from '../../shared/service';
import { call, on } from '../api/client';
import { useCase } from '../case/case-context';
import { LockHint } from '../case/section-card';
import { openAttachment } from '../case/upload';
import { CostLineModal } from './cost-line-modal';
import { CostSummary } from './cost-summary';
import { costEnum } from './labels';
import { formatAmount } from './money';
import './costs.css';

/**
 * The case's costs on its page (issue 6): the summary (approved / pending by type and payer), every
 * line with Finance's word on it, and — for those the rules let type costs on this case now
 * (section 'costs') — new lines, and corrections or removal of pending lines typed in by hand.
 * Lines of visits, parts and returns change with their records; approved lines only by reversal.
 */

const STATE_COLOR: Record<CostLineState, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export function CaseCostsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { file, workflow, settings, fail, refresh } = useCase();
  const base = settings.baseCurrency;
  const editable = !workflow.sections.costs;
  const [lines, setLines] = useState<CostLineDetail[] | null>(null);
  const [editing, setEditing] = useState<CostLineDetail | 'new' | null>(null);

  const load = useCallback(() => {
    let live = true;
    call('costs.caseDetail', { id: file.id }).then(
      (l) => live && setLines(l),
      (e: unknown) => live && fail(e),
    );
    return () => {
      live = false;
    };
  }, [file.id, fail]);
  // The case's version moves with every change to its lines; Finance's vetting says so by event.
  useEffect(load, [load, file.version]);
  useEffect(
    () =>
      on('costs.changed', ({ complaintIds }) => {
        if (complaintIds.includes(file.id)) load();
      }),
    [file.id, load],
  );

  const remove = async (l: CostLineDetail) => {
    try {
      await call('costs.remove', { id: file.id, version: file.version, lineId: l.id });
      void message.success(t('costsUi.case.removed'));
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

  const correctable = (l: CostLineDetail) => editable && l.source === 'manual' && l.state === 'pending';

  return (
    <Card
      id="section-costs"
      size="small"
      className="case-section"
      title={t('costsUi.case.title')}
      extra={
        editable ? (
          <Button id="cost-line-add" size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('costsUi.case.add')}
          </Button>
        ) : (
          <LockHint section="costs" />
        )
      }
    >
      {lines === null ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <CostSummary lines={lines} currency={base} />
          {lines.length > 0 && (
            <Table<CostLineDetail>
              data-testid="case-cost-lines"
              className="costs-table"
              style={{ marginTop: 12 }}
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={lines}
              scroll={{ x: 760 }}
              onRow={(l) => ({ 'data-testid': `case-cost-${l.id}` }) as HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('costsUi.col.type'),
                  dataIndex: 'costType',
                  render: (v: string, l) => (
                    <div className="costs-case">
                      <span>{costEnum(t, 'costType', v)}</span>
                      {l.description && (
                        <Typography.Text type="secondary" ellipsis={{ tooltip: l.description }}>
                          {l.description}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                },
                {
                  title: t('costsUi.col.dateSource'),
                  dataIndex: 'incurredOn',
                  width: 104,
                  render: (d: string, l) => (
                    <div className="costs-case">
                      <span>{d}</span>
                      <Typography.Text type="secondary">{costEnum(t, 'source', l.source)}</Typography.Text>
                    </div>
                  ),
                },
                {
                  title: t('costsUi.col.amount'),
                  key: 'amount',
                  width: 150,
                  align: 'right',
                  render: (_, l) => (
                    <div className="costs-amount">
                      <Typography.Text strong type={l.baseAmount < 0 ? 'danger' : undefined}>
                        {formatAmount(l.baseAmount, base)}
                      </Typography.Text>
                      {l.currency !== base && (
                        <Typography.Text type="secondary" className="costs-fx">
                          {formatAmount(l.amount, l.currency)} × {l.fxRate}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                },
                { title: t('costsUi.col.payer'), dataIndex: 'payer', width: 80, render: (v: string) => costEnum(t, 'payer', v) },
                {
                  title: t('costsUi.col.state'),
                  dataIndex: 'state',
                  width: 110,
                  render: (s: CostLineState, l) => (
                    <Space size={2} wrap>
                      <Tooltip title={l.vetComment ? `${l.vettedBy ?? ''}：${l.vetComment}` : undefined}>
                        <Tag color={STATE_COLOR[s]} data-testid={`case-cost-state-${l.id}`}>
                          {costEnum(t, 'state', s)}
                        </Tag>
                      </Tooltip>
                      {l.reversesId !== null && <Tag color="purple">{t('costsUi.reversal')}</Tag>}
                      {l.reversedBy !== null && <Tag>{t('costsUi.reversed')}</Tag>}
                    </Space>
                  ),
                },
                {
                  key: 'actions',
                  width: 110,
                  render: (_, l) => (
                    <Space size={0}>
                      {l.receiptAttachmentId && (
                        <Tooltip title={t('costsUi.col.receipt')}>
                          <Button
                            size="small"
                            type="text"
                            icon={<PaperClipOutlined />}
                            onClick={() => void openAttachment(l.receiptAttachmentId!).catch(fail)}
                            aria-label={t('costsUi.col.receipt')}
                          />
                        </Tooltip>
                      )}
                      {correctable(l) && (
                        <Button
                          size="small"
                          type="text"
                          icon={<EditOutlined />}
                          data-testid={`case-cost-edit-${l.id}`}
                          aria-label={t('costsUi.case.edit')}
                          onClick={() => setEditing(l)}
                        />
                      )}
                      {correctable(l) && (
                        <Popconfirm title={t('costsUi.case.removeConfirm')} onConfirm={() => remove(l)} okButtonProps={{ danger: true }}>
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('costsUi.case.remove')}
                            data-testid={`case-cost-remove-${l.id}`}
                          />
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
      {editing && <CostLineModal line={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
