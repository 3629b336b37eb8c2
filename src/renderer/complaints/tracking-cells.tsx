import { ExclamationCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { Space, Tooltip } from 'antd';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplaintState } from '../../shared/domain';
import type { ComplaintRow } from '../../shared/types';
import { nextStep } from '../../shared/workflow-steps';
import { useSession } from '../shell/session';
import { SeverityTag, StateTag } from './enum-labels';

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
