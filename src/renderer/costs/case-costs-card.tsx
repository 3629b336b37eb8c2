import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Skeleton, Space, Table, Tooltip } from 'antd';
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
import { amountColumn, CostStateTags, costTypeColumn, dateSourceColumn, payerColumn } from './cost-columns';
import './costs.css';

/**
 * The case's costs on its page (issue 6): the summary (approved / pending by type and payer), every
 * line with Finance's word on it, and — for those the rules let type costs on this case now
 * (section 'costs') — new lines, and corrections or removal of pending lines typed in by hand.
 * Lines of visits, parts and returns change with their records; approved lines only by reversal.
 */


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
                costTypeColumn(t),
                dateSourceColumn(t, 104),
                amountColumn(t, base, 150),
                payerColumn(t),
                {
                  title: t('costsUi.col.state'),
                  dataIndex: 'state',
                  width: 110,
                  render: (s: CostLineState, l) => (
                    <Tooltip title={l.vetComment ? `${l.vettedBy ?? ''}：${l.vetComment}` : undefined}>
                      <span>
                        <CostStateTags line={l} t={t} testId={`case-cost-state-${l.id}`} />
                      </span>
                    </Tooltip>
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
