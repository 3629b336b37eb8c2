import { Steps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplaintEvent } from '../../shared/types';
import { useCase } from './case-context';

/**
 * The procedure at a glance (seed 002 §4, seed 001): registered → accepted and investigated →
 * decided → (the chairman) → served → accepted by the customer → verified → closed. Each finished
 * step says who finished it and when.
 */

type StepKey = 'register' | 'investigate' | 'decide' | 'chairman' | 'service' | 'acceptance' | 'verification' | 'close';

/** The event that finishes each step: a transition, or (service) the customer's acceptance recorded. */
const FINISHED_BY: Record<StepKey, { kind: string; field: string }> = {
  register: { kind: 'transition', field: 'accept' },
  investigate: { kind: 'transition', field: 'submit_for_decision' },
  decide: { kind: 'transition', field: 'decide' },
  chairman: { kind: 'transition', field: 'chairman_decide' },
  service: { kind: 'field_changed', field: 'acceptance' },
  acceptance: { kind: 'transition', field: 'record_acceptance' },
  verification: { kind: 'transition', field: 'verify' },
  close: { kind: 'transition', field: 'close' },
};

function lastEvent(events: ComplaintEvent[], key: StepKey): ComplaintEvent | undefined {
  const f = FINISHED_BY[key];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === f.kind && e.field === f.field) return e;
  }
  return undefined;
}

export function CaseSteps() {
  const { t } = useTranslation();
  const { file, workflow, events } = useCase();
  const s = file.state;
  const early = s === 'registered' || s === 'investigating' || s === 'awaiting_decision';
  const chairman = s === 'awaiting_chairman' || !!file.chairmanAt || (early && !!workflow.chairmanRequired);
  const keys: StepKey[] = [
    'register',
    'investigate',
    'decide',
    ...(chairman ? (['chairman'] as const) : []),
    'service',
    'acceptance',
    'verification',
    'close',
  ];

  const acceptedNow = !!file.acceptance && (!file.stateChangedAt || file.acceptance.recordedAt >= file.stateChangedAt);
  const currentKey: StepKey = {
    registered: 'register',
    rejected: 'register',
    investigating: 'investigate',
    awaiting_decision: 'decide',
    awaiting_chairman: 'chairman',
    in_service: acceptedNow ? 'acceptance' : 'service',
    awaiting_verification: 'verification',
    verified: 'close',
    closed: 'close',
  }[s] as StepKey;
  const current = keys.indexOf(currentKey);

  return (
    <Steps
      size="small"
      titlePlacement="vertical"
      current={current}
      status={s === 'rejected' ? 'error' : s === 'closed' ? 'finish' : 'process'}
      data-testid="case-steps"
      className="case-steps"
      items={keys.map((k, i) => {
        const done = i < current || s === 'closed';
        const e = done ? lastEvent(events, k) : undefined;
        return {
          key: k,
          title: t(`workflow.step.${k}`),
          content: e ? <span className="case-step-by">{`${e.actorName} ${dayjs(e.at).format('MM-DD HH:mm')}`}</span> : undefined,
        };
      })}
    />
  );
}
