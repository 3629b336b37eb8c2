import type { Role } from '../../shared/domain';
import type { CapaEffectiveness, CapaState } from '../../shared/analysis';
import type { Blocker } from '../../shared/types';

/**
 * The life of a corrective or preventive action (seed 001: the analysis is reported to production,
 * technology and management "as a reference to take corrective and preventive actions"), as data:
 * the states each step leaves from, where it leads, who may take it; then what each step needs.
 * Pure: facts in, reasons out (an empty list: allowed). Codes are translated under `capa.reason.<code>`.
 *
 *   open ──start──▶ in_progress ──to_check──▶ effectiveness_check ──close──▶ closed
 *                        ▲                              │ (result not_effective)
 *                        └──────────────────────────────┘
 *   open | in_progress | effectiveness_check ──cancel (reason)──▶ cancelled
 *   closed ──reopen──▶ in_progress        cancelled ──reopen──▶ open
 *
 * The effectiveness check is the verdict on whether the problem stopped recurring (ISO 9001 10.2.1 d).
 * `effective` closes; `partly_effective` closes too — what remains is written in the note and, where
 * it needs work, becomes a CAPA of its own; `not_effective` does not close: the CAPA goes back to
 * in_progress with the check's date, result and note on it, so that new actions are planned.
 */

export const CAPA_STEP_ACTIONS = ['start', 'to_check', 'close', 'cancel', 'reopen'] as const;
export type CapaStepAction = (typeof CAPA_STEP_ACTIONS)[number];

/** Every role that edits CAPAs (the contract's CAPA_EDITORS). */
const EDITORS: readonly Role[] = [
  'production_technology',
  'production_after_sales',
  'technical_support',
  'sales_admin',
  'sales_manager',
  'branch_manager',
  'admin',
];
/** Management judges effectiveness and ends or revives a CAPA (seed 001: results go to management). */
const MANAGEMENT: readonly Role[] = ['sales_manager', 'branch_manager', 'admin'];

export interface CapaStepDef {
  from: readonly CapaState[];
  /** Where it leads; `close` with `not_effective` leads to in_progress instead (see closeTarget). */
  to: CapaState;
  roles: readonly Role[];
}

export const CAPA_STEPS: { [A in CapaStepAction]: CapaStepDef } = {
  start: { from: ['open'], to: 'in_progress', roles: EDITORS },
  to_check: { from: ['in_progress'], to: 'effectiveness_check', roles: EDITORS },
  close: { from: ['effectiveness_check'], to: 'closed', roles: MANAGEMENT },
  cancel: { from: ['open', 'in_progress', 'effectiveness_check'], to: 'cancelled', roles: MANAGEMENT },
  // A closed CAPA whose problem comes back is worked on again; a cancelled one starts over.
  reopen: { from: ['closed', 'cancelled'], to: 'in_progress', roles: MANAGEMENT },
};

/** States in which the CAPA is still being worked on: it can be overdue and its record can be edited. */
export const ACTIVE_CAPA_STATES: readonly CapaState[] = ['open', 'in_progress', 'effectiveness_check'];

export interface CapaFacts {
  state: CapaState;
  rootCause: string | null;
  actions: ReadonlyArray<{ done: boolean }>;
}

export interface CapaStepRequest {
  effectiveness?: CapaEffectiveness | null;
  checkedOn?: string | null;
  note?: string | null;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/** Checks one step for one person: state, role, then what the step needs. `today` is the office's date. */
export function checkCapaStep(action: CapaStepAction, facts: CapaFacts, role: Role, request: CapaStepRequest, today: string): Blocker[] {
  const step = CAPA_STEPS[action];
  const reasons: Blocker[] = [];
  if (!step.from.includes(facts.state)) {
    reasons.push(
      facts.state === 'cancelled' && action !== 'reopen'
        ? { code: 'capa_cancelled', message: 'the CAPA is cancelled' }
        : { code: 'capa_wrong_state', params: { capaState: facts.state }, message: `not possible while the CAPA is ${facts.state}` },
    );
  }
  if (!step.roles.includes(role)) {
    reasons.push({ code: 'capa_wrong_role', params: { roles: step.roles.join(',') }, message: `only ${step.roles.join(', ')} may do this` });
  }
  if (reasons.length) return reasons;
  if (action === 'start' && facts.actions.length === 0) {
    reasons.push({ code: 'capa_no_actions', message: 'plan at least one action (what, who, by when) before starting' });
  }
  if (action === 'to_check') {
    if (blank(facts.rootCause)) reasons.push({ code: 'capa_root_cause_required', message: 'record the root cause before checking effectiveness' });
    if (facts.actions.length === 0) reasons.push({ code: 'capa_no_actions', message: 'plan at least one action (what, who, by when) before starting' });
    const open = facts.actions.filter((x) => !x.done).length;
    if (open) reasons.push({ code: 'capa_actions_open', params: { count: open }, message: `${open} action(s) are not done yet` });
  }
  if (action === 'close') {
    if (!request.effectiveness) reasons.push({ code: 'capa_effectiveness_required', message: 'give the result of the effectiveness check' });
    if (!request.checkedOn) reasons.push({ code: 'capa_checked_on_required', message: 'give the date of the effectiveness check' });
    else if (request.checkedOn > today) {
      reasons.push({ code: 'capa_checked_on_future', params: { date: request.checkedOn }, message: 'the check cannot be dated in the future' });
    }
    if (blank(request.note)) reasons.push({ code: 'capa_check_note_required', message: 'say how effectiveness was checked (data, period, cases)' });
  }
  if (action === 'cancel' && blank(request.note)) reasons.push({ code: 'capa_cancel_reason_required', message: 'give the reason for cancelling' });
  return reasons;
}

/** The state a step leads to: a check found `not_effective` sends the CAPA back to work. */
export function capaStepTarget(action: CapaStepAction, from: CapaState, effectiveness: CapaEffectiveness | null): CapaState {
  if (action === 'close' && effectiveness === 'not_effective') return 'in_progress';
  if (action === 'reopen') return from === 'cancelled' ? 'open' : 'in_progress';
  return CAPA_STEPS[action].to;
}

/**
 * Whether the record (problem, root cause, actions, cases) may be edited now. During the
 * effectiveness check the actions are all done: undoing one or adding one means the work is not
 * finished — the check ends `not_effective`, which reopens the work.
 */
export function checkCapaEdit(state: CapaState, role: Role, actions: ReadonlyArray<{ done: boolean }>): Blocker[] {
  if (!EDITORS.includes(role)) {
    return [{ code: 'capa_wrong_role', params: { roles: EDITORS.join(',') }, message: `only ${EDITORS.join(', ')} may do this` }];
  }
  if (!ACTIVE_CAPA_STATES.includes(state)) {
    return [{ code: 'capa_locked', params: { capaState: state }, message: `a ${state} CAPA cannot be changed; reopen it first` }];
  }
  if (state === 'effectiveness_check' && actions.some((x) => !x.done)) {
    return [{ code: 'capa_actions_open_in_check', message: 'during the effectiveness check every action stays done' }];
  }
  return [];
}

/**
 * Overdue (in the office's calendar): an active CAPA past its own due date, with an open action past
 * its due date, or waiting for its effectiveness check past the date set for it. A due date is
 * overdue from the day after it.
 */
export function isCapaOverdue(
  c: { state: CapaState; dueOn: string | null; effectivenessDueOn: string | null; actions: ReadonlyArray<{ done: boolean; dueOn: string }> },
  today: string,
): boolean {
  if (!ACTIVE_CAPA_STATES.includes(c.state)) return false;
  if (c.dueOn !== null && c.dueOn < today) return true;
  if (c.state === 'effectiveness_check' && c.effectivenessDueOn !== null && c.effectivenessDueOn < today) return true;
  return c.actions.some((x) => !x.done && x.dueOn < today);
}
