import { Alert, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionVerdict } from '../../shared/types';
import { nextStep } from '../../shared/workflow-steps';
import { formatInstant } from '../common/format';
import { ActionModal } from './action-modal';
import { useCase } from './case-context';
import { reasonText } from './reasons';

/**
 * What can be done with the case now, as the rules answer it for this person: one button per step
 * out of the present state; a blocked one says why in its tooltip. The usual next step is primary.
 */

export function ActionBar() {
  const { t } = useTranslation();
  const { file, workflow } = useCase();
  const [open, setOpen] = useState<ActionVerdict | null>(null);
  const main = nextStep(file.state)?.action;
  return (
    <>
      <Space wrap data-testid="action-bar">
        {workflow.actions.map((v) => {
          const button = (
            <Button
              key={v.action}
              id={`action-${v.action}`}
              type={v.action === main ? 'primary' : 'default'}
              danger={v.action === 'reject'}
              disabled={!v.allowed}
              onClick={() => setOpen(v)}
            >
              {t(`workflow.action.${v.action}`)}
            </Button>
          );
          if (v.allowed) return button;
          return (
            <Tooltip
              key={v.action}
              title={v.reasons.map((r, i) => (
                <div key={i}>{reasonText(t, r)}</div>
              ))}
            >
              <span className="case-action-wrap">{button}</span>
            </Tooltip>
          );
        })}
      </Space>
      {/* Outside the Space: its items are keyed by their children's keys, which the buttons use. */}
      {open && <ActionModal verdict={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** The next step in words: who should do what, or what still stands in its way. */
export function NextStepHint() {
  const { t } = useTranslation();
  const { file, workflow } = useCase();
  const main = nextStep(file.state)?.action;
  const v = workflow.actions.find((a) => a.action === main);
  if (file.state === 'rejected' && file.rejectionReason) {
    return (
      <Alert type="error" showIcon data-testid="next-step-hint" title={t('workflow.rejectedBecause', { reason: file.rejectionReason })} />
    );
  }
  if (file.state === 'closed') {
    return (
      <Alert type="success" showIcon data-testid="next-step-hint" title={t('workflow.closedOn', { at: formatInstant(file.closedAt) })} />
    );
  }
  if (!v) return null;
  const action = t(`workflow.action.${v.action}`);
  return (
    <Alert
      type={v.allowed ? 'info' : 'warning'}
      showIcon
      data-testid="next-step-hint"
      title={v.allowed ? t('workflow.nextYou', { action }) : t('workflow.nextBlocked', { action })}
      description={v.allowed ? undefined : v.reasons.map((r, i) => <div key={i}>{reasonText(t, r)}</div>)}
    />
  );
}
