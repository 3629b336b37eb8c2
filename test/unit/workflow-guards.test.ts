import { describe, expect, it } from 'vitest';
import { CASE_SECTIONS, COMPLAINT_STATES, ROLES, type ComplaintState, type Role, type WorkflowAction } from '../../src/shared/domain';
import { chairmanReason, check, explain, type ActionRequest, type CaseFacts, type WorkflowSettings } from '../../src/main/rules/workflow';
import { canEdit, SECTION_RULES } from '../../src/main/rules/case-edits';

/**
 * What must be filled in before each step (the guards), where decide and verify lead, what
 * `explain` lists, and who may edit which part of the form in which state.
 */

const SETTINGS: WorkflowSettings = { chairmanCostThreshold: 1_000_000 };
const FULL: ActionRequest = { reason: 'because', optionIndex: 0, resolved: true };

const facts = (state: ComplaintState, over: Partial<CaseFacts> = {}): CaseFacts => ({
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

/** The one who may take the step from the state it leaves. */
const WHO: Record<WorkflowAction, [ComplaintState, Role]> = {
  accept: ['registered', 'sales_manager'],
  reject: ['registered', 'sales_manager'],
  submit_for_decision: ['investigating', 'production_technology'],
  decide: ['awaiting_decision', 'sales_manager'],
  return_to_investigation: ['awaiting_decision', 'sales_manager'],
  chairman_decide: ['awaiting_chairman', 'chairman'],
  chairman_return: ['awaiting_chairman', 'chairman'],
  record_acceptance: ['in_service', 'production_after_sales'],
  verify: ['awaiting_verification', 'sales_admin'],
  close: ['verified', 'sales_admin'],
  reopen: ['closed', 'sales_manager'],
};

const codes = (action: WorkflowAction, over: Partial<CaseFacts> = {}, req: ActionRequest = FULL, s = SETTINGS) => {
  const [state, role] = WHO[action];
  return check(action, facts(state, over), role, req, s).reasons.map((r) => r.code);
};

describe('the guards: each blocker when its fact is missing', () => {
  it('allows every step on the complete case (the baseline of the cases below)', () => {
    for (const action of Object.keys(WHO) as WorkflowAction[]) expect(codes(action), action).toEqual([]);
  });

  it.each([
    ['accept', { classification: null }, FULL, ['not_classified']],
    ['submit_for_decision', { classification: null }, FULL, ['not_classified']],
    ['submit_for_decision', { hasCause: false }, FULL, ['investigation_incomplete']],
    ['submit_for_decision', { hasCountermeasures: false }, FULL, ['investigation_incomplete']],
    ['submit_for_decision', { options: [] }, FULL, ['no_options']],
    ['submit_for_decision', { options: [{ estimatedCost: 30_000, payer: 'customer' }], customerAgreed: null }, FULL, ['customer_agreement_missing']],
    ['decide', {}, { optionIndex: null }, ['option_required']],
    ['decide', {}, { optionIndex: 1 }, ['option_required']],
    ['decide', {}, { optionIndex: -1 }, ['option_required']],
    ['decide', { options: [{ estimatedCost: 30_000, payer: 'customer' }], customerAgreed: false }, FULL, ['customer_declined']],
    ['decide', { options: [{ estimatedCost: 30_000, payer: 'customer' }], customerAgreed: null }, FULL, ['customer_declined']],
    ['chairman_decide', {}, { reason: 'x', optionIndex: null }, ['option_required']],
    ['chairman_decide', { options: [{ estimatedCost: 30_000, payer: 'customer' }], customerAgreed: false }, FULL, ['customer_declined']],
    ['chairman_decide', {}, { optionIndex: 0, reason: '  ' }, ['reason_required']],
    ['record_acceptance', { acceptanceRecorded: false }, FULL, ['acceptance_missing']],
    ['verify', { verificationRecorded: false }, FULL, ['verification_missing']],
    ['close', { responsibilityCount: 0, responsibilityTotal: 0 }, FULL, ['responsibility_incomplete']],
    ['close', { responsibilityCount: 2, responsibilityTotal: 9000 }, FULL, ['responsibility_incomplete']],
    ['close', { disputeOpen: true }, FULL, ['dispute_open']],
    ['reject', {}, { reason: null }, ['reason_required']],
    ['reject', {}, { reason: ' \n ' }, ['reason_required']],
    ['return_to_investigation', {}, {}, ['reason_required']],
    ['chairman_return', {}, { reason: '' }, ['reason_required']],
    ['reopen', {}, {}, ['reason_required']],
  ] as const)('%s with %j and %j: %j', (action, over, req, expected) => {
    expect(codes(action, over, req)).toEqual(expected);
  });

  it('collects every missing condition, not only the first', () => {
    expect(codes('submit_for_decision', { classification: null, hasCause: false, options: [] })).toEqual([
      'not_classified',
      'investigation_incomplete',
      'no_options',
    ]);
    expect(codes('close', { disputeOpen: true, responsibilityCount: 0, responsibilityTotal: 0 })).toEqual(['responsibility_incomplete', 'dispute_open']);
  });

  it('judges the conditions only once state and role are right', () => {
    const v = check('submit_for_decision', facts('registered', { hasCause: false }), 'finance', FULL, SETTINGS);
    expect(v.reasons.map((r) => r.code)).toEqual(['wrong_state', 'wrong_role']);
  });

  it('says how far the responsibility shares are from 100 %', () => {
    const v = check('close', facts('verified', { responsibilityCount: 2, responsibilityTotal: 7550 }), 'sales_admin', FULL, SETTINGS);
    expect(v.reasons[0]).toMatchObject({ code: 'responsibility_incomplete', params: { total: 75.5 } });
  });

  it('closes a non-quality case without responsibility, but not with an open dispute', () => {
    const none = { classification: 'non_quality', responsibilityCount: 0, responsibilityTotal: 0 } as const;
    expect(codes('close', none)).toEqual([]);
    expect(codes('close', { ...none, disputeOpen: true })).toEqual(['dispute_open']);
  });

  it('asks for the customer agreement only where the customer is to pay something', () => {
    expect(codes('submit_for_decision', { options: [{ estimatedCost: 0, payer: 'customer' }], customerAgreed: null })).toEqual([]);
    expect(codes('submit_for_decision', { options: [{ estimatedCost: 5, payer: 'distributor' }], customerAgreed: null })).toEqual([]);
    // A recorded refusal lets the case go to the sales manager, who must then choose another option.
    const declined = { options: [{ estimatedCost: 30_000, payer: 'customer' }, { estimatedCost: 60_000, payer: 'company' }], customerAgreed: false } as const;
    expect(codes('submit_for_decision', declined)).toEqual([]);
    expect(codes('decide', declined, { optionIndex: 0 })).toEqual(['customer_declined']);
    expect(codes('decide', declined, { optionIndex: 1 })).toEqual([]);
  });
});

describe('issue 5: acceptance before closing, and paid service beyond the warranty', () => {
  it('refuses to close without the customer\'s acceptance on file, with the reason', () => {
    expect(codes('close', { acceptanceOnFile: false })).toEqual(['close_without_acceptance']);
    // Not loaded counts as not on file: a case is never closed on a missing fact.
    expect(codes('close', { acceptanceOnFile: undefined })).toEqual(['close_without_acceptance']);
    const [reason] = check('close', facts('verified', { acceptanceOnFile: false }), 'sales_admin', FULL, SETTINGS).reasons;
    expect(reason!.message).toContain("without the customer's acceptance");
    expect(codes('close', { acceptanceOnFile: false, disputeOpen: true })).toEqual(['close_without_acceptance', 'dispute_open']);
  });

  const company = [{ estimatedCost: 50_000, payer: 'company' }] as const;
  const customer = [{ estimatedCost: 50_000, payer: 'customer' }] as const;
  it.each([
    // [warranty, contract, options, agreed, expected]
    ['in_warranty', null, company, null, []],
    ['contract', null, company, null, []],
    ['unknown', null, company, null, []],
    ['suspended', null, company, null, []],
    [null, null, company, null, []],
    ['out_of_warranty', null, company, null, ['out_of_warranty_unpaid']],
    ['excluded', null, company, null, ['out_of_warranty_unpaid']],
    ['out_of_warranty', 'SC-2026-0001', company, null, []],
    ['excluded', 'SC-2026-0001', company, null, []],
    ['out_of_warranty', null, customer, true, []],
    ['out_of_warranty', null, customer, false, ['customer_declined', 'out_of_warranty_unpaid']],
    ['out_of_warranty', null, customer, null, ['customer_declined', 'out_of_warranty_unpaid']],
  ] as const)('decide with warranty %s, contract %s, options %j, agreed %s: %j', (warrantyStatus, coveringContract, options, customerAgreed, expected) => {
    const over: Partial<CaseFacts> = { warrantyStatus, coveringContract, options: [...options], customerAgreed };
    expect(codes('decide', over)).toEqual(expected);
    expect(codes('chairman_decide', over)).toEqual(expected);
  });

  it('looks at the option chosen: a company-paid one needs a contract even when another is paid by the customer', () => {
    const over: Partial<CaseFacts> = {
      warrantyStatus: 'out_of_warranty',
      options: [{ estimatedCost: 50_000, payer: 'customer' }, { estimatedCost: 20_000, payer: 'company' }],
      customerAgreed: true,
    };
    expect(codes('decide', over, { reason: 'x', optionIndex: 0 })).toEqual([]);
    expect(codes('decide', over, { reason: 'x', optionIndex: 1 })).toEqual(['out_of_warranty_unpaid']);
    const [r] = check('decide', facts('awaiting_decision', over), 'sales_manager', { optionIndex: 1 }, SETTINGS).reasons;
    expect(r).toMatchObject({ params: { warranty: 'out_of_warranty' } });
    expect(r!.message).toContain('quote a service contract');
  });

  it('does not hold up the steps that are not decisions', () => {
    const over: Partial<CaseFacts> = { warrantyStatus: 'out_of_warranty', coveringContract: null };
    for (const action of ['accept', 'submit_for_decision', 'return_to_investigation', 'record_acceptance', 'verify', 'close'] as const) {
      expect(codes(action, over), action).toEqual([]);
    }
  });
});

describe('where decide leads', () => {
  const decide = (over: Partial<CaseFacts>, optionIndex = 0, s = SETTINGS) =>
    check('decide', facts('awaiting_decision', over), 'sales_manager', { reason: 'ok', optionIndex }, s);

  it('goes to service, with no note, in the ordinary case', () => {
    const v = decide({});
    expect(v).toEqual({ action: 'decide', to: 'in_service', allowed: true, reasons: [] });
  });

  it.each([
    ['the case is escalated', { escalated: true }, 'chairman_escalated'],
    ['a safety defect', { severity: 'safety' }, 'chairman_safety'],
    ['the chosen option costs more than the threshold', { options: [{ estimatedCost: 1_000_001, payer: 'company' }] }, 'chairman_cost'],
  ] as const)('goes to the chairman when %s, with the note', (_, over, code) => {
    const v = decide(over);
    expect(v.allowed).toBe(true);
    expect(v.to).toBe('awaiting_chairman');
    expect(v.note?.code).toBe(code);
    expect(chairmanReason(facts('awaiting_decision', over), 0, SETTINGS)?.code).toBe(code);
  });

  it('does not go to the chairman exactly at the threshold, nor for a major defect', () => {
    expect(decide({ options: [{ estimatedCost: 1_000_000, payer: 'company' }] })).toMatchObject({ to: 'in_service', allowed: true });
    expect(decide({ options: [{ estimatedCost: 1_000_000, payer: 'company' }] }).note).toBeUndefined();
    expect(decide({ severity: 'major' }).to).toBe('in_service');
  });

  it('looks at the chosen option, not the dearest one proposed', () => {
    const options = [
      { estimatedCost: 20_000, payer: 'company' },
      { estimatedCost: 5_000_000, payer: 'company' },
    ] as const;
    expect(decide({ options: [...options] }, 0).to).toBe('in_service');
    expect(decide({ options: [...options] }, 1)).toMatchObject({ to: 'awaiting_chairman', note: { code: 'chairman_cost' } });
  });

  it('follows the threshold setting', () => {
    expect(decide({}, 0, { chairmanCostThreshold: 49_999 }).to).toBe('awaiting_chairman');
    expect(decide({}, 0, { chairmanCostThreshold: 50_000 }).to).toBe('in_service');
  });

  it('escalation outranks safety, and safety outranks cost, in the reason given', () => {
    const all = { escalated: true, severity: 'safety', options: [{ estimatedCost: 9_000_000, payer: 'company' }] } as const;
    expect(decide(all).note?.code).toBe('chairman_escalated');
    expect(decide({ ...all, escalated: false }).note?.code).toBe('chairman_safety');
  });
});

describe('where verify leads', () => {
  const verify = (resolved: boolean | null) => check('verify', facts('awaiting_verification'), 'sales_manager', { resolved }, SETTINGS);

  it('goes back to service when the customer is not satisfied, and to verified otherwise', () => {
    expect(verify(false)).toMatchObject({ allowed: true, to: 'in_service' });
    expect(verify(true)).toMatchObject({ allowed: true, to: 'verified' });
  });
});

describe('explain', () => {
  const leaving = (state: ComplaintState) =>
    (
      [
        ['accept', ['registered']],
        ['reject', ['registered']],
        ['submit_for_decision', ['investigating']],
        ['decide', ['awaiting_decision']],
        ['return_to_investigation', ['awaiting_decision']],
        ['chairman_decide', ['awaiting_chairman']],
        ['chairman_return', ['awaiting_chairman']],
        ['record_acceptance', ['in_service']],
        ['verify', ['awaiting_verification']],
        ['close', ['verified']],
        ['reopen', ['closed', 'rejected']],
      ] as const
    )
      .filter(([, from]) => (from as readonly string[]).includes(state))
      .map(([a]) => a);

  it('lists, for every state and role, exactly the actions that leave that state', () => {
    for (const state of COMPLAINT_STATES) {
      for (const role of ROLES) {
        const list = explain(facts(state), role, SETTINGS);
        expect(list.map((v) => v.action).sort(), `${state} ${role}`).toEqual([...leaving(state)].sort());
        for (const v of list) expect(v.reasons.some((r) => r.code === 'wrong_state'), `${state} ${role} ${v.action}`).toBe(false);
      }
    }
  });

  it('answers allowed for the right person and the reasons for anyone else', () => {
    const forManager = explain(facts('awaiting_decision', { escalated: true }), 'sales_manager', SETTINGS);
    expect(forManager).toEqual([
      expect.objectContaining({ action: 'decide', allowed: true, to: 'awaiting_chairman', note: expect.objectContaining({ code: 'chairman_escalated' }) }),
      expect.objectContaining({ action: 'return_to_investigation', allowed: true, to: 'investigating' }),
    ]);
    const forFinance = explain(facts('awaiting_decision'), 'finance', SETTINGS);
    expect(forFinance.map((v) => [v.allowed, v.reasons.map((r) => r.code)])).toEqual([
      [false, ['wrong_role']],
      [false, ['wrong_role']],
    ]);
  });

  it('shows what stands in the way besides the form itself', () => {
    const [submit] = explain(facts('investigating', { hasCause: false, options: [] }), 'production_technology', SETTINGS);
    expect(submit).toMatchObject({ action: 'submit_for_decision', allowed: false });
    expect(submit!.reasons.map((r) => r.code)).toEqual(['investigation_incomplete', 'no_options']);
    // A reason is asked for by the form, so reject is shown as possible.
    expect(explain(facts('registered'), 'sales_manager', SETTINGS).map((v) => [v.action, v.allowed])).toEqual([
      ['accept', true],
      ['reject', true],
    ]);
  });
});

describe('who may edit which part of the form (SECTION_RULES via canEdit)', () => {
  it('lets only sales administration set the responsibility (002 §5.3)', () => {
    for (const role of ROLES) {
      expect(canEdit('responsibility', 'investigating', role)?.code ?? null, role).toBe(role === 'sales_admin' ? null : 'wrong_role');
    }
    expect(canEdit('responsibility', 'registered', 'sales_admin')?.code).toBe('wrong_state');
    expect(canEdit('responsibility', 'closed', 'sales_admin')?.code).toBe('wrong_state');
    expect(canEdit('responsibility', 'verified', 'sales_admin')).toBeNull();
  });

  it('does not let the chairman (nor finance, nor the administrator) edit the investigation', () => {
    for (const role of ['chairman', 'finance', 'admin', 'sales_manager'] as const) {
      expect(canEdit('investigation', 'investigating', role)).toMatchObject({ code: 'wrong_role', params: { roles: SECTION_RULES.investigation.roles.join(',') } });
    }
    expect(canEdit('investigation', 'investigating', 'production_technology')).toBeNull();
    expect(canEdit('investigation', 'awaiting_decision', 'production_technology')).toMatchObject({ code: 'wrong_state', params: { state: 'awaiting_decision' } });
  });

  it('takes the acceptance only while the case is in service, and the verification only while it awaits one', () => {
    for (const state of COMPLAINT_STATES) {
      expect(canEdit('acceptance', state, 'production_after_sales')?.code ?? null, state).toBe(state === 'in_service' ? null : 'wrong_state');
      expect(canEdit('verification', state, 'sales_admin')?.code ?? null, state).toBe(state === 'awaiting_verification' ? null : 'wrong_state');
    }
    expect(canEdit('acceptance', 'in_service', 'finance')?.code).toBe('wrong_role');
  });

  it('freezes the classification once the case is decided, and nothing but attachments and costs changes on a closed case', () => {
    expect(canEdit('classification', 'investigating', 'sales_admin')).toBeNull();
    expect(canEdit('classification', 'awaiting_decision', 'sales_admin')?.code).toBe('wrong_state');
    for (const section of CASE_SECTIONS) {
      // Receipts and invoices arrive after the case is closed: their costs are still entered (issue 6).
      const open = section === 'attachments' || section === 'costs';
      expect(canEdit(section, 'closed', 'sales_admin')?.code ?? null, section).toBe(open ? null : 'wrong_state');
    }
  });

  it('reports wrong_role before wrong_state', () => {
    expect(canEdit('verification', 'closed', 'chairman')?.code).toBe('wrong_role');
  });
});
