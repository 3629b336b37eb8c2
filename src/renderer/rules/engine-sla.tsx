import { PauseCircleOutlined } from '@ant-design/icons';
import { Progress, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseEngine, SlaSummaryState } from '../../shared/engine';
import type { SlaClockStatus, SlaState } from '../../shared/schemas/rules-policies';
import { formatInstant } from '../common/format';
import { clockLabel, minutesText } from './labels';
import { slaReasonText } from './reason-text';

/**
 * The case's SLA clocks (issue 4): first response, on-site arrival, resolution — each with its due
 * time, the business time left, how much of the target is used, and its state. While the case waits
 * for the customer the running clocks are paused and their due times move on.
 */

export const SLA_STATE_COLORS: Record<SlaState | SlaSummaryState, string> = {
  running: 'processing',
  at_risk: 'warning',
  paused: 'default',
  met: 'success',
  breached: 'error',
};

/** Past the warning share (80 %) a running clock is shown as at risk. */
const shownState = (c: SlaClockStatus): SlaState | 'at_risk' => (c.state === 'running' && c.percentUsed >= 80 ? 'at_risk' : c.state);

export function slaLeftText(t: TFunction, c: SlaClockStatus): string {
  if (c.state === 'met') return t('sla.metAt', { at: formatInstant(c.stoppedAt) });
  if (c.remainingBusinessMinutes < 0) return t('sla.overdueBy', { time: minutesText(t, -c.remainingBusinessMinutes) });
  return t('sla.left', { time: minutesText(t, c.remainingBusinessMinutes) });
}

function Clock({ c }: { c: SlaClockStatus }) {
  const { t } = useTranslation();
  const state = shownState(c);
  const percent = Math.min(100, Math.round(c.percentUsed));
  const color =
    state === 'breached'
      ? '#cf1322'
      : state === 'at_risk'
        ? '#d46b08'
        : state === 'met'
          ? '#389e0d'
          : state === 'paused'
            ? '#8c8c8c'
            : '#1f5fa8';
  return (
    <div className={`sla-clock sla-${state}`} data-testid={`sla-clock-${c.clock}`}>
      <div className="sla-clock-head">
        <Typography.Text strong>{clockLabel(t, c.clock)}</Typography.Text>
        <Tag color={SLA_STATE_COLORS[state]} icon={state === 'paused' ? <PauseCircleOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
          {t(`sla.state.${state}`)}
        </Tag>
      </div>
      <Progress
        percent={percent}
        showInfo={false}
        size="small"
        strokeColor={color}
        status={state === 'breached' ? 'exception' : 'normal'}
      />
      <div className="sla-clock-foot">
        <Tooltip title={t('sla.targetIs', { time: minutesText(t, c.target) })}>
          <span>{t('sla.due', { at: formatInstant(c.due) })}</span>
        </Tooltip>
        <span
          className={c.remainingBusinessMinutes < 0 && c.state !== 'met' ? 'sla-overdue' : undefined}
          data-testid={`sla-left-${c.clock}`}
        >
          {slaLeftText(t, c)}
        </span>
      </div>
    </div>
  );
}

export function SlaClocks({ sla }: { sla: CaseEngine['sla'] }) {
  const { t } = useTranslation();
  return (
    <div className="engine-block" data-testid="engine-sla">
      <div className="engine-block-title">
        {t('sla.title')}
        {sla.state && (
          <Tag color={SLA_STATE_COLORS[sla.state]} style={{ marginInlineStart: 8 }}>
            {t(`sla.state.${sla.state}`)}
          </Tag>
        )}
      </div>
      {sla.waitingCustomerSince && (
        <Typography.Paragraph type="secondary" className="engine-note" data-testid="sla-paused">
          <PauseCircleOutlined /> {t('sla.pausedSince', { at: formatInstant(sla.waitingCustomerSince) })}
        </Typography.Paragraph>
      )}
      {sla.clocks.length === 0 && <Typography.Text type="secondary">{slaReasonText(t, sla.reason)}</Typography.Text>}
      {sla.clocks.map((c) => (
        <Clock key={c.clock} c={c} />
      ))}
      {sla.clocks.length > 0 && (
        <Typography.Text type="secondary" className="engine-note">
          {slaReasonText(t, sla.reason)}
          {sla.breachedAt && ` ${t('sla.breachRecorded', { at: formatInstant(sla.breachedAt) })}`}
        </Typography.Text>
      )}
    </div>
  );
}
