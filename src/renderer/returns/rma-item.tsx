import { Button, Descriptions, Space, Steps, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Rma, RmaAction, RmaState } from '../../shared/service';
import { formatFen } from '../case/amounts';
import { formatInstant } from '../common/format';
import type { RmaButton } from './rma-reasons';
import { RmaStateTag } from './rma-state-tag';

/** One return on the case page: its number and state, the steps it went through, what was recorded, and the next steps. */

const PATH: RmaState[] = ['requested', 'approved', 'shipped', 'received', 'inspected', 'closed'];

function stepAt(r: Rma, s: RmaState): string | null {
  switch (s) {
    case 'requested':
      return r.requestedAt;
    case 'approved':
    case 'rejected':
      return r.decidedAt;
    case 'shipped':
      return r.shippedAt;
    case 'received':
      return r.receivedAt;
    case 'inspected':
      return r.inspectedAt;
    case 'closed':
      return r.closedAt;
  }
}

function RmaSteps({ rma }: { rma: Rma }) {
  const { t } = useTranslation();
  const keys: RmaState[] = rma.state === 'rejected' ? ['requested', 'rejected'] : PATH;
  const current = keys.indexOf(rma.state);
  return (
    <Steps
      size="small"
      titlePlacement="vertical"
      current={current}
      status={rma.state === 'rejected' ? 'error' : rma.state === 'closed' ? 'finish' : 'process'}
      className="rma-steps"
      items={keys.map((k, i) => {
        const at = i <= current ? stepAt(rma, k) : null;
        return { key: k, title: t(`returns.enum.state.${k}`), content: at ? <span className="case-step-by">{dayjs(at).format('MM-DD HH:mm')}</span> : null };
      })}
    />
  );
}

export function RmaItem({ rma, buttons, onStep }: { rma: Rma; buttons: RmaButton[]; onStep(action: RmaAction): void }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`returns.field.${k}`);
  const items = [
    { key: 'quantity', label: f('quantity'), children: rma.quantity },
    { key: 'serialNo', label: f('serialNo'), children: rma.serialNo ?? '—' },
    { key: 'reason', label: f('reason'), children: rma.reason, span: 2 },
    ...(rma.decidedBy
      ? [{ key: 'decision', label: f('decision'), span: 2, children: [rma.decidedBy, formatInstant(rma.decidedAt), rma.decisionNote].filter(Boolean).join(' · ') }]
      : []),
    ...(rma.carrier ? [{ key: 'carrier', label: f('carrier'), children: rma.carrier }] : []),
    ...(rma.waybillNo ? [{ key: 'waybillNo', label: f('waybillNo'), children: rma.waybillNo }] : []),
    ...(rma.inspectionResult ? [{ key: 'inspectionResult', label: f('inspectionResult'), children: rma.inspectionResult, span: 2 }] : []),
    ...(rma.disposition ? [{ key: 'disposition', label: f('disposition'), children: t(`returns.enum.disposition.${rma.disposition}`) }] : []),
    ...(rma.refundAmount !== null ? [{ key: 'refund', label: f('refund'), children: formatFen(rma.refundAmount) }] : []),
  ];
  return (
    <div className="rma-item" data-testid={`rma-${rma.id}`}>
      <div className="rma-head">
        <Space size={8} wrap>
          <Typography.Text strong data-testid="rma-no">
            {rma.rmaNo ?? t('returns.noNumber', { id: rma.id })}
          </Typography.Text>
          <RmaStateTag value={rma.state} />
          <Typography.Text type="secondary" className="case-step-by">
            {t('returns.byline', { name: rma.requestedBy, at: formatInstant(rma.requestedAt) })}
          </Typography.Text>
        </Space>
        <Space size={6} wrap>
          {buttons.map((b) => {
            const button = (
              <Button
                key={b.action}
                id={`rma-${rma.id}-${b.action}`}
                size="small"
                type={b.action === 'reject' ? 'default' : 'primary'}
                danger={b.action === 'reject'}
                disabled={!!b.blocked}
                onClick={() => onStep(b.action)}
              >
                {t(`returns.action.${b.action}`)}
              </Button>
            );
            return b.blocked ? (
              <Tooltip key={b.action} title={b.blocked}>
                <span className="case-action-wrap">{button}</span>
              </Tooltip>
            ) : (
              button
            );
          })}
        </Space>
      </div>
      <RmaSteps rma={rma} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
    </div>
  );
}
