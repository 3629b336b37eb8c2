import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATES, ROLES, WORKFLOW_ACTIONS, type ComplaintState, type Role, type WorkflowAction } from '../../src/shared/domain';
import { check, type ActionRequest, type CaseFacts, type WorkflowSettings } from '../../src/main/rules/workflow';

/**
 * The workflow table: every allowed and every forbidden transition for every role (issue 3).
 *
 * The expected table is written out by hand from the procedure of the seeds — NOT derived from
 * TRANSITIONS or WORKFLOW_STEPS — so that an accidental change to who may do what, or from where,
 * fails here. With a complete case (every guard satisfied), `check` must allow exactly these
 * (action, from-state, role) triples and refuse every other one with `wrong_state` and/or
 * `wrong_role` (or, waiting for the chairman, the reason the chairman must decide).
 */

interface Row {
  from: readonly ComplaintState[];
  roles: readonly Role[];
  /** Where the step leads for the complete case below (decide: under the threshold, so to service). */
  to: ComplaintState | Partial<Record<ComplaintState, ComplaintState>>;
}

const EXPECTED: Record<WorkflowAction, Row> = {
  // 002 §6.1: the sales manager decides whether to accept a complaint (or not).
  accept: { from: ['registered'], roles: ['sales_manager'], to: 'investigating' },
  reject: { from: ['registered'], roles: ['sales_manager'], to: 'rejected' },
  // 002 §5.3 / 001: production (after-sales, technology), technical support and sales administration analyse.
  submit_for_decision: {
    from: ['investigating'],
    roles: ['sales_admin', 'production_after_sales', 'production_technology', 'technical_support'],
    to: 'awaiting_decision',
  },
  // 002 §5.3, §6.1: the sales manager decides how it is dealt with, or sends it back.
  decide: { from: ['awaiting_decision'], roles: ['sales_manager'], to: 'in_service' },
  return_to_investigation: { from: ['awaiting_decision'], roles: ['sales_manager'], to: 'investigating' },
  // 002 §5.3: the chairman makes the final decision where it matters.
  chairman_decide: { from: ['awaiting_chairman'], roles: ['chairman'], to: 'in_service' },
  chairman_return: { from: ['awaiting_chairman'], roles: ['chairman'], to: 'awaiting_decision' },
  // 001: the service is accepted by the customer (receipt); 002 §7.2 the branch manager organises service.
  record_acceptance: { from: ['in_service'], roles: ['sales_admin', 'production_after_sales', 'branch_manager'], to: 'awaiting_verification' },
  // 001: the sales department verifies by telephone or e-mail.
  verify: { from: ['awaiting_verification'], roles: ['sales_admin', 'sales_manager'], to: 'verified' },
  // 002 §5.1: sales administration is responsible for finally dealing with the case.
  close: { from: ['verified'], roles: ['sales_admin', 'sales_manager'], to: 'closed' },
  // A closed or rejected case is reopened by the sales manager, with a reason.
  // A closed case goes back to investigation; a rejected one back to registration, to be classified and accepted.
  reopen: { from: ['closed', 'rejected'], roles: ['sales_manager'], to: { closed: 'investigating', rejected: 'registered' } },
};

const SETTINGS: WorkflowSettings = { chairmanCostThreshold: 1_000_000 };

/** A case on which every condition of every step holds. */
const complete = (state: ComplaintState, over: Partial<CaseFacts> = {}): CaseFacts => ({
  state,
  classification: 'quality',
  severity: 'normal',
  escalated: false,
  disputeOpen: false,
  hasCause: true,
  hasCountermeasures: true,
  chosenOption: 0,
  options: [{ estimatedCost: 50_000, payer: 'company' }],
  customerAgreed: true,
  acceptanceRecorded: true,
  acceptanceOnFile: true,
  verificationRecorded: true,
  responsibilityTotal: 10000,
  responsibilityCount: 1,
  ...over,
});
const FULL: ActionRequest = { reason: 'because', optionIndex: 0, resolved: true };

const allowedTriples = Object.entries(EXPECTED).flatMap(([action, row]) =>
  row.from.flatMap((state) => row.roles.map((role) => `${action} ${state} ${role}`)),
);

describe('the workflow table', () => {
  it('lists every action of the domain, and the hand-written table has the size it should', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
    // accept 1 + reject 1 + submit 4 + decide 1 + return 1 + chairman 2 + acceptance 3 + verify 2 + close 2 + reopen 2 states.
    expect(allowedTriples).toHaveLength(19);
  });

  const matrix = WORKFLOW_ACTIONS.flatMap((action) =>
    COMPLAINT_STATES.flatMap((state) => ROLES.map((role) => [action, state, role] as const)),
  );

  it(`decides all ${WORKFLOW_ACTIONS.length * COMPLAINT_STATES.length * ROLES.length} (action, state, role) triples as the table says`, () => {
    const allowed: string[] = [];
    for (const [action, state, role] of matrix) {
      const row = EXPECTED[action];
      const v = check(action, complete(state), role, FULL, SETTINGS);
      const label = `${action} ${state} ${role}`;
      const stateOk = row.from.includes(state);
      const roleOk = row.roles.includes(role);
      expect(v.action, label).toBe(action);
      expect(v.allowed, label).toBe(stateOk && roleOk);
      if (v.allowed) {
        allowed.push(label);
        expect(v.reasons, label).toEqual([]);
        expect(v.to, label).toBe(typeof row.to === 'string' ? row.to : row.to[state]);
        continue;
      }
      const expectedCodes = [...(stateOk ? [] : ['wrong_state']), ...(roleOk ? [] : ['wrong_role'])];
      expect(v.reasons.map((r) => r.code), label).toEqual(expectedCodes);
      for (const r of v.reasons) expect(r.message, label).toMatch(/\S/);
      if (!stateOk) expect(v.reasons[0]!.params, label).toEqual({ state });
      if (!roleOk) expect(v.reasons.at(-1)!.params, label).toEqual({ roles: expect.any(String) });
    }
    expect(allowed.sort()).toEqual([...allowedTriples].sort());
  });

  it('names the roles that may take the step in wrong_role', () => {
    for (const action of WORKFLOW_ACTIONS) {
      const row = EXPECTED[action];
      const outsider = ROLES.find((r) => !row.roles.includes(r))!;
      const v = check(action, complete(row.from[0]!), outsider, FULL, SETTINGS);
      expect(v.reasons).toHaveLength(1);
      expect(String(v.reasons[0]!.params!.roles).split(',').sort(), action).toEqual([...row.roles].sort());
    }
  });

  it('gives no role any step out of a case in a state the step does not leave, even the administrator', () => {
    for (const role of ROLES) {
      for (const state of COMPLAINT_STATES) {
        const possible = WORKFLOW_ACTIONS.filter((a) => check(a, complete(state), role, FULL, SETTINGS).allowed);
        const expected = WORKFLOW_ACTIONS.filter((a) => EXPECTED[a].from.includes(state) && EXPECTED[a].roles.includes(role));
        expect(possible, `${role} in ${state}`).toEqual(expected);
      }
    }
    for (const state of COMPLAINT_STATES) {
      expect(WORKFLOW_ACTIONS.filter((a) => check(a, complete(state), 'admin', FULL, SETTINGS).allowed)).toEqual([]);
      expect(WORKFLOW_ACTIONS.filter((a) => check(a, complete(state), 'finance', FULL, SETTINGS).allowed)).toEqual([]);
    }
  });

  describe('waiting for the chairman', () => {
    const others = WORKFLOW_ACTIONS.filter((a) => !EXPECTED[a].from.includes('awaiting_chairman'));

    it.each([
      ['escalated', { escalated: true }, 'chairman_escalated'],
      ['a safety defect', { severity: 'safety' }, 'chairman_safety'],
      ['the chosen option over the threshold', { options: [{ estimatedCost: 1_000_001, payer: 'company' }] }, 'chairman_cost'],
    ] as const)('refuses every other step because %s, saying why the chairman must decide', (_, over, code) => {
      for (const action of others) {
        for (const role of ROLES) {
          const v = check(action, complete('awaiting_chairman', over), role, FULL, SETTINGS);
          expect(v.allowed, `${action} ${role}`).toBe(false);
          expect(v.reasons[0]!.code, `${action} ${role}`).toBe(code);
          expect(v.reasons[0]!.message).toMatch(/chairman's decision is required/);
          expect(v.reasons.some((r) => r.code === 'wrong_state')).toBe(false);
        }
      }
    });

    it('gives the threshold and the cost with chairman_cost', () => {
      const v = check('decide', complete('awaiting_chairman', { options: [{ estimatedCost: 1_500_000, payer: 'company' }] }), 'sales_manager', FULL, SETTINGS);
      expect(v.reasons).toEqual([expect.objectContaining({ code: 'chairman_cost', params: { cost: 1_500_000, threshold: 1_000_000 } })]);
    });

    it('falls back to wrong_state when nothing calls for the chairman (say, the escalation was withdrawn)', () => {
      const v = check('close', complete('awaiting_chairman'), 'sales_admin', FULL, SETTINGS);
      expect(v.reasons.map((r) => r.code)).toEqual(['wrong_state']);
    });

    it('still names a wrong role after the chairman reason', () => {
      const v = check('verify', complete('awaiting_chairman', { escalated: true }), 'finance', FULL, SETTINGS);
      expect(v.reasons.map((r) => r.code)).toEqual(['chairman_escalated', 'wrong_role']);
    });
  });
});
