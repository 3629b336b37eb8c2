import { describe, expect, it } from 'vitest';
import { ACCEPTANCE, VERIFICATION, driveTo, openOffice, registerCase } from './helpers';

/**
 * What the lifecycle refuses, and that a refusal writes nothing: steps out of order or by the wrong
 * person (FORBIDDEN, issues on the path `workflow`), stale versions (CONFLICT), shares that do not
 * add up, unknown departments, a customer-paid option without the customer's agreement; and the
 * loops of the procedure: reopening, an unsatisfied verification, a dispute.
 */

const codes = (e: { issues?: Array<{ code: string }> }) => (e.issues ?? []).map((i) => i.code);

describe('refused steps', () => {
  it('answers FORBIDDEN with the reasons on the path workflow, and writes nothing', async () => {
    const o = await openOffice();
    const f = await registerCase(o, null);
    const before = { counts: o.counts(), version: (await o.file(f.id)).version };

    const unclassified = await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'accept' });
    expect(unclassified).toMatchObject({ code: 'FORBIDDEN', message: 'classify the case as quality or non-quality first' });
    expect(unclassified.issues).toEqual([{ path: 'workflow', code: 'not_classified', message: 'classify the case as quality or non-quality first' }]);

    const byFinance = await o.refuse('finance', 'complaints.transition', f.id, { action: 'accept' });
    expect(byFinance.issues).toEqual([{ path: 'workflow', code: 'wrong_role', params: { roles: 'sales_manager' }, message: 'only sales_manager may do this' }]);

    const outOfOrder = await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'close' });
    expect(outOfOrder.issues).toEqual([{ path: 'workflow', code: 'wrong_state', params: { state: 'registered' }, message: 'not possible while the case is registered' }]);

    const noReason = await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'reject', reason: '   ' });
    expect(codes(noReason)).toEqual(['reason_required']);

    // Editing a part of the form the role or the state does not allow: the same kind of answer.
    const chairmanInvestigates = await o.refuse('chairman', 'complaints.saveInvestigation', f.id, { cause: 'x', countermeasures: 'y', method: 'free' });
    expect(chairmanInvestigates).toMatchObject({ code: 'FORBIDDEN', issues: [expect.objectContaining({ path: 'workflow', code: 'wrong_role' })] });
    const tooEarly = await o.refuse('sales_admin', 'complaints.recordAcceptance', f.id, ACCEPTANCE);
    expect(tooEarly.issues).toEqual([expect.objectContaining({ path: 'workflow', code: 'wrong_state', params: { state: 'registered' } })]);
    const notSalesAdmin = await o.refuse('sales_manager', 'complaints.saveResponsibility', f.id, { entries: [] });
    expect(codes(notSalesAdmin)).toEqual(['wrong_role']);

    expect(o.counts()).toEqual(before.counts);
    expect((await o.file(f.id)).version).toBe(before.version);
    expect((await o.file(f.id)).state).toBe('registered');
  });

  it('refuses a change made on a stale version with CONFLICT, and writes nothing', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    const seen = (await o.file(f.id)).version;
    // Someone else saves first.
    await o.edit('production_technology', 'complaints.saveInvestigation', f.id, { cause: '电容', countermeasures: '更换', method: 'free' });
    const before = o.counts();
    const now = await o.file(f.id);

    await o.as('technical_support');
    const stale = await o.fail('complaints.saveInvestigation', { id: f.id, version: seen, cause: '别的原因', countermeasures: '别的对策', method: 'free' });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/changed by someone else/);
    await o.as('sales_admin');
    expect((await o.fail('complaints.classify', { id: f.id, version: seen, classification: 'non_quality' })).code).toBe('CONFLICT');
    await o.as('production_technology');
    expect((await o.fail('complaints.transition', { id: f.id, version: seen, action: 'submit_for_decision' })).code).toBe('CONFLICT');
    await o.as('sales_admin');
    expect((await o.fail('complaints.update', { id: f.id, version: seen, patch: { severity: 'major' } })).code).toBe('CONFLICT');

    expect(o.counts()).toEqual(before);
    expect(await o.file(f.id)).toEqual(now);
  });

  it('refuses an intake edit once the case is past investigation (the intake section of SECTION_RULES)', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'awaiting_decision');
    const before = o.counts();
    const refused = await o.refuse('sales_admin', 'complaints.update', f.id, { patch: { severity: 'minor' } });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', issues: [expect.objectContaining({ path: 'workflow', code: 'wrong_state' })] });
    expect(o.counts()).toEqual(before);
    expect((await o.file(f.id)).severity).toBe('normal');
  });
});

describe('the loops of the procedure', () => {
  it('reopens a closed case with a reason, and asks for acceptance and verification again', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'closed');

    expect(codes(await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'reopen' }))).toEqual(['reason_required']);
    expect(codes(await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'reopen', reason: '客户再次投诉' }))).toEqual(['wrong_role']);
    let g = await o.step('sales_manager', f.id, 'reopen', { reason: '客户再次投诉同一故障' });
    expect(g).toMatchObject({ state: 'investigating', closedAt: null });
    expect((await o.call('complaints.events', { id: f.id })).at(-1)).toMatchObject({
      kind: 'transition',
      field: 'reopen',
      before: 'closed',
      after: { state: 'investigating', reason: '客户再次投诉同一故障' },
    });

    // The earlier acceptance and verification belong to the service before the reopening.
    g = await o.step('production_technology', f.id, 'submit_for_decision');
    g = await o.step('sales_manager', f.id, 'decide', { optionIndex: 0, reason: '再次维修' });
    expect(g.acceptance).not.toBeNull();
    expect(codes(await o.refuse('production_after_sales', 'complaints.transition', f.id, { action: 'record_acceptance' }))).toEqual(['acceptance_missing']);
    await o.edit('production_after_sales', 'complaints.recordAcceptance', f.id, { ...ACCEPTANCE, acceptedOn: '2026-11-24' });
    await o.step('production_after_sales', f.id, 'record_acceptance');
    expect(codes(await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'verify' }))).toEqual(['verification_missing']);
    await o.edit('sales_admin', 'complaints.recordVerification', f.id, VERIFICATION);
    await o.step('sales_admin', f.id, 'verify');
    expect((await o.step('sales_admin', f.id, 'close')).state).toBe('closed');
  });

  it('reopens a rejected case', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const r = await o.step('sales_manager', f.id, 'reject', { reason: '非本公司产品' });
    expect(r).toMatchObject({ state: 'rejected', rejectionReason: '非本公司产品' });
    const back = await o.step('sales_manager', f.id, 'reopen', { reason: '核实为本公司产品' });
    // Never accepted, so it returns to registration: the sales manager accepts it (and it is routed) as usual.
    expect(back).toMatchObject({ state: 'registered', rejectionReason: null });
    await o.edit('sales_admin', 'complaints.classify', f.id, { classification: 'quality' });
    expect(await o.step('sales_manager', f.id, 'accept')).toMatchObject({ state: 'investigating' });
  });

  it('sends the case back to service when the customer is not satisfied; acceptance and verification are needed again', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'awaiting_verification');
    await o.edit('sales_admin', 'complaints.recordVerification', f.id, { ...VERIFICATION, resolved: false, satisfaction: 2, note: '故障复现' });
    let g = await o.step('sales_admin', f.id, 'verify');
    expect(g.state).toBe('in_service');
    expect((await o.call('complaints.events', { id: f.id })).at(-1)).toMatchObject({ field: 'verify', before: 'awaiting_verification', after: { state: 'in_service' } });

    expect(codes(await o.refuse('production_after_sales', 'complaints.transition', f.id, { action: 'record_acceptance' }))).toEqual(['acceptance_missing']);
    // The same customer signs the same kind of receipt again: it counts, and the trail shows it.
    const eventsBefore = o.counts().events!;
    await o.edit('production_after_sales', 'complaints.recordAcceptance', f.id, ACCEPTANCE);
    expect(o.counts().events).toBe(eventsBefore + 1);
    await o.step('production_after_sales', f.id, 'record_acceptance');
    expect(codes(await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'verify' }))).toEqual(['verification_missing']);
    await o.edit('sales_admin', 'complaints.recordVerification', f.id, VERIFICATION);
    g = await o.step('sales_admin', f.id, 'verify');
    expect(g.state).toBe('verified');
    expect(g.verifications.map((v) => v.resolved)).toEqual([false, true]);
  });

  it('does not close while a dispute is open (002 §6.3)', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'verified');
    const production = (await o.call('departments.list', {})).find((d) => d.code === 'production')!;
    await o.edit('sales_admin', 'complaints.saveResponsibility', f.id, { entries: [{ departmentId: production.id, shareBp: 10000 }] });
    await o.edit('branch_manager', 'complaints.setDispute', f.id, { open: true, note: '客户要求按合同第8条赔偿' });
    const refused = await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'close' });
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'workflow', code: 'dispute_open' })]);
    await o.edit('sales_manager', 'complaints.setDispute', f.id, { open: false, note: '按合同协商解决' });
    expect((await o.step('sales_admin', f.id, 'close')).state).toBe('closed');
  });

  it('does not close a quality case without responsibility adding up to 100 %', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'verified');
    const refused = await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'close' });
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'workflow', code: 'responsibility_incomplete', params: { total: 0 } })]);
  });
});

describe('responsibility and the customer agreement', () => {
  it('refuses shares that do not add up to 100 % (shares_total) and an unknown department, writing nothing', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'investigating');
    const depts = await o.call('departments.list', {});
    const before = { counts: o.counts(), file: await o.file(f.id) };

    const short = await o.refuse('sales_admin', 'complaints.saveResponsibility', f.id, {
      entries: [
        { departmentId: depts[0]!.id, shareBp: 6000 },
        { departmentId: depts[1]!.id, shareBp: 3000 },
      ],
    });
    expect(short.code).toBe('VALIDATION');
    expect(short.issues).toEqual([expect.objectContaining({ path: 'entries', code: 'shares_total' })]);
    const over = await o.refuse('sales_admin', 'complaints.saveResponsibility', f.id, {
      entries: [
        { personName: '张三', shareBp: 6000 },
        { personName: '李四', shareBp: 6000 },
      ],
    });
    expect(codes(over)).toEqual(['shares_total']);
    const nobody = await o.refuse('sales_admin', 'complaints.saveResponsibility', f.id, { entries: [{ shareBp: 10000 }] });
    expect(codes(nobody)).toEqual(['responsible_required']);
    const unknown = await o.refuse('sales_admin', 'complaints.saveResponsibility', f.id, { entries: [{ departmentId: 9999, shareBp: 10000 }] });
    expect(unknown).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'entries', code: 'not_found' })] });

    expect(o.counts()).toEqual(before.counts);
    expect(await o.file(f.id)).toEqual(before.file);
  });

  it('refuses at decide an option the customer is to pay for when he has not agreed, and takes another', async () => {
    const o = await openOffice();
    const f = await registerCase(o, 'non_quality');
    await o.step('sales_manager', f.id, 'accept');
    await o.edit('sales_admin', 'complaints.saveInvestigation', f.id, { cause: '客户误操作', countermeasures: '培训', method: 'free' });
    await o.edit('sales_admin', 'complaints.saveOptions', f.id, {
      options: [
        { kind: 'paid_service', description: '付费维修', estimatedCost: 30_000, payer: 'customer' },
        { kind: 'explanation_training', description: '免费培训', estimatedCost: 0, payer: 'company' },
      ],
    });
    // The customer said no: recorded, so the case can go to the sales manager.
    await o.edit('sales_admin', 'complaints.recordAgreement', f.id, { agreed: false, customerPerson: '王伟', agreedOn: '2026-11-21', amount: 0, note: '客户拒绝付费' });
    await o.step('sales_admin', f.id, 'submit_for_decision');
    const before = o.counts();
    const refused = await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'decide', optionIndex: 0, reason: '客户付费' });
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'workflow', code: 'customer_declined' })]);
    const none = await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'decide', reason: '?' });
    expect(codes(none)).toEqual(['option_required']);
    const outOfRange = await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'decide', optionIndex: 2, reason: '?' });
    expect(codes(outOfRange)).toEqual(['option_required']);
    expect(o.counts()).toEqual(before);
    expect((await o.step('sales_manager', f.id, 'decide', { optionIndex: 1, reason: '免费培训' })).state).toBe('in_service');
  });
});
