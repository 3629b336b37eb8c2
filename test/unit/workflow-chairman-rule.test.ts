import { describe, expect, it } from 'vitest';
import { chairmanReason, check, explain, type CaseFacts, type ChairmanRuleRequirement, type WorkflowSettings } from '../../src/main/rules/workflow';

/**
 * An escalation rule whose action requires the chairman (issue 4) sends the decision to him like the
 * built-in reasons of seed 002 §5.3 do, and the reason names the rule, its version and its sentence.
 * The built-in reasons, which read more plainly, come first.
 */

const SETTINGS: WorkflowSettings = { chairmanCostThreshold: 1_000_000 };
const byRule: ChairmanRuleRequirement = {
  ruleId: 'customer-pressure',
  ruleName: 'Customer pressure',
  ruleVersion: 3,
  reason: { code: 'customer_pressure', params: { value: 'true' }, message: 'the customer-pressure flag is set' },
};
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'awaiting_decision',
  classification: 'quality',
  severity: 'normal',
  escalated: false,
  disputeOpen: false,
  hasCause: true,
  hasCountermeasures: true,
  chosenOption: null,
  options: [{ estimatedCost: 50_000, payer: 'company' }],
  customerAgreed: null,
  acceptanceRecorded: false,
  verificationRecorded: false,
  responsibilityTotal: 0,
  responsibilityCount: 0,
  ...over,
});

describe('the chairman required by an escalation rule', () => {
  it('routes the decision to him, with the rule, its version and the sentence', () => {
    const v = check('decide', facts({ chairmanRequiredBy: byRule }), 'sales_manager', { optionIndex: 0 }, SETTINGS);
    expect(v).toMatchObject({ allowed: true, to: 'awaiting_chairman' });
    expect(v.note).toEqual({
      code: 'chairman_rule',
      params: { rule: 'customer-pressure', name: 'Customer pressure', version: 3, reason: 'the customer-pressure flag is set' },
      message: "the chairman's decision is required by the escalation rule «Customer pressure» (version 3): the customer-pressure flag is set",
    });
  });

  it('goes to service without it (null or absent), as before', () => {
    for (const f of [facts(), facts({ chairmanRequiredBy: null })]) {
      expect(check('decide', f, 'sales_manager', { optionIndex: 0 }, SETTINGS)).toMatchObject({ allowed: true, to: 'in_service' });
    }
  });

  it('comes after the built-in reasons', () => {
    expect(chairmanReason(facts({ chairmanRequiredBy: byRule, escalated: true }), 0, SETTINGS)?.code).toBe('chairman_escalated');
    expect(chairmanReason(facts({ chairmanRequiredBy: byRule, severity: 'safety' }), 0, SETTINGS)?.code).toBe('chairman_safety');
    expect(chairmanReason(facts({ chairmanRequiredBy: byRule, options: [{ estimatedCost: 2_000_000, payer: 'company' }] }), 0, SETTINGS)?.code).toBe('chairman_cost');
  });

  it('says why every other step waits while the case is with the chairman', () => {
    // The chairman himself sees his two steps open.
    const his = explain(facts({ state: 'awaiting_chairman', chosenOption: 0, chairmanRequiredBy: byRule }), 'chairman', SETTINGS);
    expect(his.map((v) => [v.action, v.allowed])).toEqual([
      ['chairman_decide', true],
      ['chairman_return', true],
    ]);
    expect(check('record_acceptance', facts({ state: 'awaiting_chairman', chairmanRequiredBy: byRule }), 'production_after_sales', {}, SETTINGS).reasons[0]!.code).toBe('chairman_rule');
  });
});
