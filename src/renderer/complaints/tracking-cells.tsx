import { ExclamationCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplaintState } from '../../shared/domain';
import type { ComplaintRow } from '../../shared/types';
import { nextStep } from '../../shared/workflow-steps';
import { useSession } from '../shell/session';
import { SeverityTag, StateTag } from './enum-labels';
import '../rules/rules.css';

/** Cells of the tracking table that are more than a value. */

/** The state, with a mark when the case is escalated or disputed (seed 002 §5.3, §6.3). */
export function StateCell({ value, data }: CustomCellRendererProps<ComplaintRow, string>) {
  const { t } = useTranslation();
  return (
    <Space size={6}>
      <StateTag value={value} />
      {data?.escalated && (
        <Tooltip title={t('table.escalated')}>
          <RiseOutlined data-testid="escalated-mark" aria-label={t('table.escalated')} style={{ color: '#cf1322' }} />
        </Tooltip>
      )}
      {data?.disputeOpen && (
        <Tooltip title={t('table.disputeOpen')}>
          <ExclamationCircleOutlined aria-label={t('table.disputeOpen')} style={{ color: '#d46b08' }} />
        </Tooltip>
      )}
    </Space>
  );
}

export function SeverityCell({ value }: CustomCellRendererProps<ComplaintRow, string>) {
  return <SeverityTag value={value} />;
}

/** Cases that are finished wait for nobody (a reopening is the exception, not the next step). */
const FINISHED: ReadonlySet<ComplaintState> = new Set(['closed', 'rejected']);

/** "待销售经理受理": the next step of the procedure and who takes it, from the shared step data. */
export function nextStepText(t: TFunction, state: ComplaintState): string {
  const step = FINISHED.has(state) ? null : nextStep(state);
  if (!step) return '';
  const who = step.roles.map((r) => t(`enum.role.${r}`)).join(t('nextStep.or'));
  return t('nextStep.pattern', { who, action: t(`nextStep.action.${step.action}`) });
}

/** The person's own turn stands out. */
export function NextStepCell({ value, data }: CustomCellRendererProps<ComplaintRow, string>) {
  const { user } = useSession();
  const step = data && !FINISHED.has(data.state) ? nextStep(data.state) : null;
  const mine = !!(user && step?.roles.includes(user.role));
  return <span className={mine ? 'next-step-mine' : undefined}>{value}</span>;
}

/** Whole calendar days since the complaint was received, in the workstation's time. */
export function ageInDays(receivedAt: string | null | undefined, now = dayjs()): number | null {
  if (!receivedAt) return null;
  const d = dayjs(receivedAt);
  return d.isValid() ? now.startOf('day').diff(d.startOf('day'), 'day') : null;
}

// ------------------------------------------------------------------ the rule engine's columns (issue 4)

/** "2 天 3 小时", "3 小时 20 分", "45 分钟": a wall-clock span, compact for a cell. */
export function spanText(t: TFunction, minutes: number): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d) return t('sla.span.dh', { d, h });
  if (h) return t('sla.span.hm', { h, m: m % 60 });
  return t('sla.span.m', { m });
}

/**
 * The next SLA due time and how long until it (wall-clock: the row carries the due instant, the
 * business time left is on the case page), red once passed or breached.
 */
export function SlaDueCell({ data, now = dayjs(), compact }: { data: ComplaintRow | undefined; now?: dayjs.Dayjs; compact?: boolean }) {
  const { t } = useTranslation();
  if (!data) return null;
  const state = data.slaState;
  if (!data.slaDueAt) {
    if (state === 'met' || state === 'paused' || state === 'breached') {
      return <span className={state === 'breached' ? 'sla-cell-breached' : 'sla-cell-quiet'}>{t(`sla.state.${state}`)}</span>;
    }
    return null;
  }
  const due = dayjs(data.slaDueAt);
  const left = due.diff(now, 'minute');
  // A clock already breached (e.g. the first response) while the next one still runs: both are said.
  const breachedBefore = left >= 0 && state === 'breached';
  const text = left < 0 ? t('sla.overdueShort', { time: spanText(t, left) }) : t('sla.leftShort', { time: spanText(t, left) });
  const cls = left < 0 ? 'sla-cell-breached' : state === 'at_risk' ? 'sla-cell-risk' : state === 'paused' ? 'sla-cell-quiet' : undefined;
  return (
    <Tooltip title={[breachedBefore ? t('sla.breachedEarlier') : null, t('sla.due', { at: due.format('YYYY-MM-DD HH:mm') })].filter(Boolean).join(' ')}>
      <span data-testid="sla-due-cell">
        {breachedBefore && <span className="sla-cell-breached sla-cell-flag">{t('sla.state.breached')}</span>}
        <span className={cls}>{text}</span>
        {!compact && <span className="sla-cell-due">{due.format('MM-DD HH:mm')}</span>}
      </span>
    </Tooltip>
  );
}

export function SlaDueRenderer({ data }: CustomCellRendererProps<ComplaintRow, string>) {
  return <SlaDueCell data={data} />;
}

/** A choice column of the engine: its tag colour and words from the rule engine's catalogues. */
const ENGINE_TAGS: Record<string, { key: string; colors: Record<string, string> }> = {
  warrantyStatus: {
    key: 'warranty.status',
    colors: { in_warranty: 'green', contract: 'cyan', out_of_warranty: 'orange', excluded: 'red', suspended: 'gold', unknown: 'default' },
  },
  slaState: { key: 'sla.state', colors: { breached: 'red', at_risk: 'orange', running: 'blue', paused: 'default', met: 'green' } },
  escalationLevel: {
    key: 'escalation.level',
    colors: { sales_manager: 'gold', branch_manager: 'orange', department_heads: 'volcano', chairman: 'red' },
  },
  priority: { key: 'escalation.priority', colors: { high: 'red', normal: 'default' } },
};

export function EngineTagCell({ value, colDef }: CustomCellRendererProps<ComplaintRow, string>) {
  const { t } = useTranslation();
  const spec = ENGINE_TAGS[colDef?.colId ?? ''];
  if (!value || !spec) return null;
  if (colDef?.colId === 'priority' && value === 'normal') return <span className="sla-cell-quiet">{t('escalation.priority.normal')}</span>;
  return (
    <Tag color={spec.colors[value] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`${spec.key}.${value}`, { defaultValue: value })}
    </Tag>
  );
}
