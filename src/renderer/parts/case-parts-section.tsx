import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePart, ServiceAction } from '../../shared/service';
import { call } from '../api/client';
import { formatInstant } from '../common/format';
import { formatFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { LockHint, NotYet, useSectionEdit } from '../case/section-card';
import { AddPartModal } from './add-part-modal';
import './parts.css';

/**
 * The case's spare parts (seed 002 §2): each line's part, how it served, quantity, the faulty and
 * replacement serial numbers, the visit and what it costs. Lines are added and cancelled, never
 * edited: a cancelled line stays listed, its stock returned and its cost line gone.
 */

/** What a line costs the case; repaired parts and cancelled lines bring no automatic cost (see main's parts-case.ts). */
const lineCost = (l: CasePart) => (l.cancelledAt || l.usage === 'repaired' ? null : l.quantity * l.unitCost);

function CancelLine({ line, onDone }: { line: CasePart; onDone(): void }) {
  const { t } = useTranslation();
  const { file, fail } = useCase();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    try {
      await call('parts.cancelOnCase', { id: file.id, version: file.version, casePartId: line.id, note });
      void message.success(t('parts.case.cancelDone'));
      setOpen(false);
      onDone();
    } catch (e) {
      setOpen(false);
      fail(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" danger type="link" style={{ paddingInline: 0 }} onClick={() => setOpen(true)} data-testid={`case-part-cancel-${line.id}`}>
        {t('parts.case.cancel')}
      </Button>
      <Modal
        open={open}
        title={t('parts.case.cancelTitle', { partNo: line.partNo, quantity: line.quantity })}
        okText={t('parts.case.cancel')}
        okButtonProps={{ danger: true, disabled: !note.trim(), loading: saving, id: 'case-part-cancel-ok' }}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('parts.case.cancelHint')}</Typography.Paragraph>
        <Input.TextArea id="case-part-cancel-note" placeholder={t('parts.case.cancelReason')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />
      </Modal>
    </>
  );
}

export function CasePartsSection() {
  const { t } = useTranslation();
  const { file, refresh, fail } = useCase();
  const { message } = App.useApp();
  const { blocker } = useSectionEdit('parts');
  const [lines, setLines] = useState<CasePart[] | null>(null);
  const [visits, setVisits] = useState<ServiceAction[]>([]);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => {
    call('parts.forCase', { id: file.id }).then(setLines, fail);
    // The visits are another part's records; without them the lines still show, only unnamed.
    call('service.forCase', { id: file.id }).then(setVisits, () => setVisits([]));
  }, [file.id, fail]);
  // The case's version moves with every change to it, parts included.
  useEffect(load, [load, file.version]);

  const visitLabel = (id: number | null) => {
    if (id === null) return '';
    const v = visits.find((x) => x.id === id);
    return v ? `${formatInstant(v.actualStart ?? v.plannedStart ?? v.createdAt).slice(0, 10)} ${v.summary}` : `#${id}`;
  };
  const total = (lines ?? []).reduce((n, l) => n + (lineCost(l) ?? 0), 0);

  return (
    <Card
      id="section-parts"
      size="small"
      className="case-section case-parts"
      title={t('parts.case.title')}
      extra={
        blocker ? (
          <LockHint section="parts" />
        ) : (
          <Button id="case-part-add" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('parts.case.add')}
          </Button>
        )
      }
    >
      {lines && lines.length === 0 ? (
        <NotYet text={t('parts.case.none')} />
      ) : (
        <>
          <Table<CasePart>
            data-testid="case-parts-table"
            rowKey="id"
            size="small"
            loading={lines === null}
            dataSource={lines ?? []}
            pagination={false}
            rowClassName={(l) => (l.cancelledAt ? 'case-parts-cancelled' : '')}
            columns={[
              {
                title: t('parts.case.part'),
                key: 'part',
                render: (_, l) => (
                  <>
                    <Typography.Text strong>{l.partNo}</Typography.Text>
                    <div className="case-parts-sub">{l.partName}</div>
                  </>
                ),
              },
              {
                title: t('parts.case.usage'),
                dataIndex: 'usage',
                width: 76,
                render: (u: CasePart['usage'], l) =>
                  l.cancelledAt ? (
                    <Tooltip title={formatInstant(l.cancelledAt)}>
                      <Tag>{t('parts.case.cancelled')}</Tag>
                    </Tooltip>
                  ) : (
                    <Tooltip title={l.fromStock ? t('parts.case.fromStock') : t('parts.case.notFromStock')}>
                      <Tag color={l.fromStock ? 'blue' : 'default'}>{t(`parts.usage.${u}`)}</Tag>
                    </Tooltip>
                  ),
              },
              { title: t('parts.case.quantity'), dataIndex: 'quantity', width: 56, align: 'right' },
              {
                title: t('parts.case.serials'),
                key: 'serials',
                render: (_, l) =>
                  l.faultySerial || l.replacementSerial ? (
                    <>
                      <div>{l.faultySerial ?? '—'}</div>
                      <div className="case-parts-sub">→ {l.replacementSerial ?? '—'}</div>
                    </>
                  ) : null,
              },
              // Only when some line was fitted on a visit: the section is narrow.
              ...(lines?.some((l) => l.actionId !== null) ? [{ title: t('parts.case.visit'), key: 'visit', render: (_: unknown, l: CasePart) => visitLabel(l.actionId) }] : []),
              {
                title: t('parts.case.cost'),
                key: 'cost',
                width: 96,
                align: 'right',
                render: (_, l) => {
                  const c = lineCost(l);
                  if (c !== null) return formatFen(c);
                  return l.usage === 'repaired' && !l.cancelledAt ? (
                    <Tooltip title={t('parts.case.noCost')}>
                      <Typography.Text type="secondary">—</Typography.Text>
                    </Tooltip>
                  ) : (
                    ''
                  );
                },
              },
              {
                key: 'actions',
                width: 60,
                render: (_, l) => (!blocker && !l.cancelledAt ? <CancelLine line={l} onDone={() => void refresh()} /> : null),
              },
            ]}
          />
          {total > 0 && (
            <Space style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" data-testid="case-parts-total">
                {t('parts.case.total', { cost: formatFen(total) })}
              </Typography.Text>
            </Space>
          )}
        </>
      )}
      {adding && (
        <AddPartModal
          visits={visits}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void message.success(t('parts.case.added'));
            void refresh();
          }}
        />
      )}
    </Card>
  );
}
