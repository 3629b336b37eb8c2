import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATES, ROLES } from '../../src/shared/domain';
import { nextStep, WORKFLOW_STEPS } from '../../src/shared/workflow-steps';
import { check, TRANSITIONS, type CaseFacts } from '../../src/main/rules/workflow';
import { fenToYuan, yuanToFen } from '../../src/renderer/settings/yuan';

/**
 * The tracking table's "next step" comes from the same step data as the rules (shared/workflow-steps),
 * and the chairman's threshold is typed in yuan and kept in fen without floating point.
 */

const facts = (state: CaseFacts['state']): CaseFacts => ({
  state,
  classification: 'quality',
  severity: 'normal',
  escalated: false,
  disputeOpen: false,
  hasCause: true,
  hasCountermeasures: true,
  chosenOption: null,
  options: [],
  customerAgreed: null,
  acceptanceRecorded: true,
  verificationRecorded: true,
  responsibilityTotal: 10000,
  responsibilityCount: 1,
});

describe('nextStep', () => {
  it.each([
    ['registered', 'accept', ['sales_manager']],
    ['investigating', 'submit_for_decision', ['production_after_sales', 'production_technology', 'technical_support', 'sales_admin']],
    ['awaiting_decision', 'decide', ['sales_manager']],
    ['awaiting_chairman', 'chairman_decide', ['chairman']],
    ['in_service', 'record_acceptance', ['sales_admin', 'production_after_sales', 'branch_manager']],
    ['awaiting_verification', 'verify', ['sales_admin', 'sales_manager']],
    ['verified', 'close', ['sales_admin', 'sales_manager']],
  ] as const)('in %s is %s by %j', (state, action, roles) => {
    expect(nextStep(state)).toEqual({ action, roles });
  });

  it('names, for every state, a step the rules let exactly those roles take from that state', () => {
    for (const state of COMPLAINT_STATES) {
      const step = nextStep(state);
      if (!step) continue;
      const t = TRANSITIONS.find((x) => x.action === step.action)!;
      expect(t.from).toContain(state);
      for (const role of ROLES) {
        const wrongRole = check(step.action, facts(state), role, { reason: 'x' }, { chairmanCostThreshold: 0 }).reasons.some((r) => r.code === 'wrong_role');
        expect(wrongRole, `${state} ${step.action} ${role}`).toBe(!step.roles.includes(role));
      }
    }
  });

  it('is the step data the rules are built from', () => {
    for (const t of TRANSITIONS) expect({ from: t.from, roles: t.roles }).toEqual({ from: WORKFLOW_STEPS[t.action].from, roles: WORKFLOW_STEPS[t.action].roles });
  });
});

describe('yuan ↔ fen', () => {
  it.each([
    ['10000', 1_000_000],
    ['10000.00', 1_000_000],
    ['0.29', 29],
    ['0.1', 10],
    ['1,234.5', 123_450],
    [' 8 ', 800],
    ['0', 0],
    ['100000000', 10_000_000_000],
  ])('%j yuan is %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['', '1.234', '-5', '1e3', 'abc', '1.', '.5', '12 000'])('refuses %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it.each([0, 1, 29, 1_000_000, 123_456_789])('round-trips %i fen', (fen) => {
    expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
