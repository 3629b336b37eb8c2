import { describe, expect, it } from 'vitest';
import { CAPA_STATES, type CapaState } from '../../src/shared/analysis';
import type { Role } from '../../src/shared/domain';
import { CAPA_STEP_ACTIONS, capaStepTarget, checkCapaEdit, checkCapaStep, isCapaOverdue, type CapaStepAction } from '../../src/main/rules/capa-steps';

/**
 * The steps of a CAPA × the states it can be in: which are allowed (with everything a step needs
 * given, by a manager), where each leads, and the reasons of the refusals.
 */

const TODAY = '2026-11-25';
const ready = { rootCause: '电容耐温不足', actions: [{ done: true }, { done: true }] };
const full = { effectiveness: 'effective', checkedOn: TODAY, note: '三个月无同类投诉' } as const;

/** Expected: the state reached, or the first reason code. */
const TABLE: Record<CapaStepAction, Record<CapaState, string>> = {
  start: { open: '→in_progress', in_progress: 'capa_wrong_state', effectiveness_check: 'capa_wrong_state', closed: 'capa_wrong_state', cancelled: 'capa_cancelled' },
  to_check: { open: 'capa_wrong_state', in_progress: '→effectiveness_check', effectiveness_check: 'capa_wrong_state', closed: 'capa_wrong_state', cancelled: 'capa_cancelled' },
  close: { open: 'capa_wrong_state', in_progress: 'capa_wrong_state', effectiveness_check: '→closed', closed: 'capa_wrong_state', cancelled: 'capa_cancelled' },
  cancel: { open: '→cancelled', in_progress: '→cancelled', effectiveness_check: '→cancelled', closed: 'capa_wrong_state', cancelled: 'capa_cancelled' },
  reopen: { open: 'capa_wrong_state', in_progress: 'capa_wrong_state', effectiveness_check: 'capa_wrong_state', closed: '→in_progress', cancelled: '→open' },
};

describe('CAPA steps × states', () => {
  for (const action of CAPA_STEP_ACTIONS) {
    for (const state of CAPA_STATES) {
      it(`${action} from ${state}: ${TABLE[action][state]}`, () => {
        const reasons = checkCapaStep(action, { state, ...ready }, 'sales_manager', { ...full, note: full.note }, TODAY);
        const got = reasons.length ? reasons[0]!.code : `→${capaStepTarget(action, state, full.effectiveness)}`;
        expect(got).toBe(TABLE[action][state]);
      });
    }
  }

  it('roles: anyone who edits CAPAs works on them; only management closes, cancels and reopens', () => {
    const who = (action: CapaStepAction, state: CapaState, role: Role) =>
      checkCapaStep(action, { state, ...ready }, role, full, TODAY).map((r) => r.code);
    expect(who('start', 'open', 'production_technology')).toEqual([]);
    expect(who('to_check', 'in_progress', 'technical_support')).toEqual([]);
    expect(who('close', 'effectiveness_check', 'production_technology')).toEqual(['capa_wrong_role']);
    expect(who('cancel', 'open', 'sales_admin')).toEqual(['capa_wrong_role']);
    expect(who('reopen', 'closed', 'branch_manager')).toEqual([]);
    expect(who('start', 'closed', 'finance')).toEqual(['capa_wrong_state', 'capa_wrong_role']);
  });

  it('what each step needs', () => {
    const codes = (action: CapaStepAction, state: CapaState, facts: Partial<typeof ready>, req: object = {}) =>
      checkCapaStep(action, { state, ...ready, ...facts }, 'sales_manager', req, TODAY).map((r) => r.code);
    expect(codes('start', 'open', { actions: [] })).toEqual(['capa_no_actions']);
    expect(codes('to_check', 'in_progress', { rootCause: ' ', actions: [{ done: true }, { done: false }] })).toEqual(['capa_root_cause_required', 'capa_actions_open']);
    expect(codes('close', 'effectiveness_check', {}, {})).toEqual(['capa_effectiveness_required', 'capa_checked_on_required', 'capa_check_note_required']);
    expect(codes('close', 'effectiveness_check', {}, { ...full, checkedOn: '2026-11-26' })).toEqual(['capa_checked_on_future']);
    expect(codes('cancel', 'in_progress', {}, { note: '' })).toEqual(['capa_cancel_reason_required']);
  });

  it('a check that finds the action not effective sends the CAPA back to work; partly effective closes', () => {
    expect(capaStepTarget('close', 'effectiveness_check', 'not_effective')).toBe('in_progress');
    expect(capaStepTarget('close', 'effectiveness_check', 'partly_effective')).toBe('closed');
  });

  it('edits: while it is worked on, and during the check only with every action done', () => {
    expect(checkCapaEdit('open', 'sales_admin', [])).toEqual([]);
    expect(checkCapaEdit('effectiveness_check', 'sales_admin', [{ done: true }])).toEqual([]);
    expect(checkCapaEdit('effectiveness_check', 'sales_admin', [{ done: false }]).map((r) => r.code)).toEqual(['capa_actions_open_in_check']);
    expect(checkCapaEdit('closed', 'sales_admin', []).map((r) => r.code)).toEqual(['capa_locked']);
    expect(checkCapaEdit('open', 'finance', []).map((r) => r.code)).toEqual(['capa_wrong_role']);
  });

  it('overdue: from the day after a due date, only while worked on', () => {
    const c = { state: 'in_progress' as CapaState, dueOn: '2026-12-31', effectivenessDueOn: '2026-11-01', actions: [{ done: false, dueOn: '2026-11-25' }] };
    expect(isCapaOverdue(c, '2026-11-25')).toBe(false);
    expect(isCapaOverdue(c, '2026-11-26')).toBe(true);
    expect(isCapaOverdue({ ...c, actions: [{ done: true, dueOn: '2026-11-25' }] }, '2026-11-26')).toBe(false);
    expect(isCapaOverdue({ ...c, actions: [] }, '2027-01-01')).toBe(true);
    // The effectiveness check's own date counts only while the check is due.
    expect(isCapaOverdue({ ...c, actions: [] }, '2026-11-26')).toBe(false);
    expect(isCapaOverdue({ ...c, state: 'effectiveness_check', actions: [] }, '2026-11-26')).toBe(true);
    expect(isCapaOverdue({ ...c, state: 'closed' }, '2027-06-01')).toBe(false);
  });
});
