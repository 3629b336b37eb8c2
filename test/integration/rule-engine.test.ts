import { describe, expect, it } from 'vitest';
import { complaintInput, driveTo, openOffice, registerCase } from './helpers';
import { activeFirings, escalations, MONDAY_0900, movableClock } from './rule-engine-helpers';

/**
 * The rule engine on every change to a case (issue 4), through the api: the warranty decided on
 * registration and re-decided when a fact it depends on changes; each escalation trigger with the
 * rule, its version and the sentence; de-escalation when the cause is gone; the chairman required by
 * a rule; notifications listed and marked read. Time stands still on Monday morning here (the SLA
 * triggers move the clock: scheduler.test.ts).
 */

const office = () => openOffice({ clock: movableClock('2026-11-23T01:05:00.000Z') });
const MONDAY = { receivedAt: MONDAY_0900 };

describe('the warranty', () => {
  it('is decided on registration and re-decided when the delivery date changes, with the sentence', async () => {
    const o = await office();
    await o.as('admin');
    const [w] = await o.call('rules.list', { kind: 'warranty' });
    const set = w!.data as { policies: Array<Record<string, unknown>> };
    const byDelivery = { ...set, policies: set.policies.map((p) => ({ ...p, startEvent: 'delivery', name: '12 months from delivery' })) };
    expect((await o.call('rules.save', { kind: 'warranty', key: 'default', data: byDelivery, expectedVersion: 1 })).document.version).toBe(2);

    const f = await registerCase(o, 'quality', { ...MONDAY, deliveryDate: '2025-12-01' });
    expect(f.warrantyStatus).toBe('in_warranty');
    const engine = await o.call('complaints.engine', { id: f.id });
    expect(engine.warranty).toMatchObject({ status: 'in_warranty', policyVersion: 2, coverEnds: '2026-11-30' });
    expect(engine.warranty!.reason.message).toBe(
      'in warranty: policy «12 months from delivery», delivered 2025-12-01, cover ends 2026-11-30, complaint received 2026-11-23',
    );
    // The decision at registration is part of the registration: no event of its own.
    expect(o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'warranty')).toEqual([]);

    const changed = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { deliveryDate: '2025-06-01' } });
    expect(changed.warrantyStatus).toBe('out_of_warranty');
    const event = o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'warranty');
    expect(event).toHaveLength(1);
    expect(event[0]!.before).toEqual({ status: 'in_warranty', reason: engine.warranty!.reason.message });
    expect(event[0]!.after).toMatchObject({
      status: 'out_of_warranty',
      code: 'out_of_warranty',
      policy: 'default',
      policyVersion: 2,
      reason: expect.stringContaining('cover ended 2026-05-31, complaint received 2026-11-23; a paid service contract or a quotation is needed before service'),
    });
  });

  it('counts from the installation date once intake records it, and applies an exclusion found later', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', MONDAY);
    expect(f.warrantyStatus).toBe('unknown'); // the default policy counts from installation, not yet recorded
    let g = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { installationDate: '2026-01-10', invoiceDate: '2025-12-20' } });
    expect(g).toMatchObject({ warrantyStatus: 'in_warranty', installationDate: '2026-01-10', invoiceDate: '2025-12-20' });
    g = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { warrantyExclusions: ['misuse'] } });
    expect(g).toMatchObject({ warrantyStatus: 'excluded', warrantyExclusions: ['misuse'] });
    const bad = await o.refuse('sales_admin', 'complaints.update', f.id, { patch: { warrantySuspensions: ['no_such_code'] } });
    expect(bad.issues).toEqual([expect.objectContaining({ path: 'patch.warrantySuspensions', code: 'unknown_code' })]);
    g = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { warrantyExclusions: [], warrantySuspensions: ['customer_payment_overdue'] } });
    expect(g.warrantyStatus).toBe('suspended');
    expect(o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'warranty').map((e) => (e.after as { status: string }).status)).toEqual([
      'in_warranty',
      'excluded',
      'suspended',
    ]);
  });

  it('is covered by a service contract after the warranty (seed 001)', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', { ...MONDAY, serialNo: 'SA37A2400001' });
    o.store.sqlite
      .prepare(`INSERT INTO service_contracts (contract_no, customer_id, serials, models, valid_from, valid_to, created_at) VALUES ('SC-2026-007', ?, '["SA37A2400001"]', '[]', '2026-01-01', '2026-12-31', ?)`)
      .run(f.customerId, MONDAY_0900);
    const g = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { installationDate: '2024-01-10' } });
    expect(g.warrantyStatus).toBe('contract');
    expect((await o.call('complaints.engine', { id: f.id })).warranty).toMatchObject({ status: 'contract', contractId: 'SC-2026-007', covered: true });
  });
});

describe('escalation triggers on a change to a case', () => {
  it('a major defect: the rule, its version and the sentence; lifted when the severity is corrected', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', MONDAY);
    const g = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { severity: 'major' } });
    expect(g).toMatchObject({ escalationLevel: 'sales_manager', priority: 'high', managementReview: false });
    expect(escalations(o, f.id)).toEqual([['major-defect', 1, 'severity is major']]);
    const event = o.allEvents().find((e) => e.complaintId === f.id && e.kind === 'escalation')!;
    expect(event.actorId).toBe(o.staff.sales_admin); // the change that caused it
    expect(event.after).toMatchObject({ rule: 'major-defect', name: 'Major defect', version: 1, level: 'sales_manager', code: 'field_is' });

    const h = await o.edit('sales_admin', 'complaints.update', f.id, { patch: { severity: 'normal' } });
    expect(h).toMatchObject({ escalationLevel: null, priority: 'normal' });
    expect(escalations(o, f.id)).toEqual([
      ['major-defect', 1, 'severity is major'],
      ['major-defect', null, null],
    ]);
    expect(activeFirings(o, f.id)).toEqual([]);
  });

  it('ends with the case: closing lifts what lifts, and a breach stays for management', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', { ...MONDAY, severity: 'major', receivedAt: '2026-11-16T01:00:00.000Z' });
    expect(activeFirings(o, f.id).map(([r]) => r)).toEqual(['sla-breached', 'major-defect']);
    const closed = await driveTo(o, f.id, 'closed');
    expect(activeFirings(o, f.id)).toEqual([['sla-breached', 1, 'branch_manager']]);
    expect(closed).toMatchObject({ escalationLevel: 'branch_manager', managementReview: true });
    expect(escalations(o, f.id).at(-1)).toEqual(['major-defect', null, null]);
  });

  it('a safety defect goes to the chairman at registration and tells three roles', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', { ...MONDAY, severity: 'safety' });
    expect(f).toMatchObject({ escalationLevel: 'chairman', priority: 'high', managementReview: true });
    expect(activeFirings(o, f.id)).toEqual([['safety-defect', 1, 'chairman']]);
    const engine = await o.call('complaints.engine', { id: f.id });
    expect(engine.escalation.chairmanRequiredBy).toMatchObject({ ruleId: 'safety-defect', ruleVersion: 1, message: 'severity is safety' });
    for (const role of ['sales_manager', 'branch_manager', 'chairman'] as const) {
      await o.as(role);
      const { items, unread } = await o.call('notifications.list', {});
      expect(unread, role).toBe(1);
      expect(items[0]).toMatchObject({ kind: 'escalation', complaintId: f.id, trackingNo: f.trackingNo, payload: { ruleId: 'safety-defect', level: 'chairman' } });
    }
    await o.as('finance');
    expect((await o.call('notifications.list', {})).total).toBe(0);
  });

  it('a repeat complaint on the same serial number', async () => {
    const o = await office();
    const first = await registerCase(o, 'quality', { ...MONDAY, receivedAt: '2026-10-05T02:00:00.000Z' });
    // The first is no repeat (it is long overdue, which is another matter).
    expect(activeFirings(o, first.id).map(([r]) => r)).toEqual(['sla-breached']);
    const second = await registerCase(o, 'quality', { ...MONDAY, serialNo: 'sa37a 2512345' });
    expect(activeFirings(o, second.id)).toEqual([['repeat-complaint', 1, 'branch_manager']]);
    expect(escalations(o, second.id)).toEqual([['repeat-complaint', 1, '2 complaints on serial sa37a 2512345 in 90 days (≥ 2)']]);
    const engine = await o.call('complaints.engine', { id: second.id });
    expect(engine.repeat).toMatchObject({ windowDays: 90, sameSerial: { count: 2, trackingNos: [first.trackingNo] }, isRepeat: true });
  });

  it('costs over the threshold, and the chosen cheaper option takes the case past the chairman', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', MONDAY);
    await o.step('sales_manager', f.id, 'accept');
    await o.edit('production_technology', 'complaints.saveInvestigation', f.id, { cause: '压缩机损坏', countermeasures: '更换', method: 'free' });
    await o.edit('production_technology', 'complaints.saveOptions', f.id, {
      options: [
        { kind: 'replacement', description: '整机更换', estimatedCost: 1_500_000, payer: 'company' },
        { kind: 'repair', description: '更换压缩机', estimatedCost: 300_000, payer: 'company' },
      ],
    });
    expect(escalations(o, f.id)).toEqual([['cost-threshold', 1, 'estimated cost ¥15,000.00 (> ¥10,000.00)']]);
    expect((await o.file(f.id)).escalationLevel).toBe('chairman');
    await o.step('production_technology', f.id, 'submit_for_decision');
    const decided = await o.step('sales_manager', f.id, 'decide', { optionIndex: 1, reason: '维修即可' });
    expect(decided.state).toBe('in_service');
    // With the option chosen, the estimate is the chosen one's: the cost rule lifts.
    expect(decided.escalationLevel).toBeNull();
    expect(escalations(o, f.id).at(-1)).toEqual(['cost-threshold', null, null]);
  });

  it('customer pressure and a dispute, each lifted when the flag is cleared', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', MONDAY);
    let g = await o.edit('sales_manager', 'complaints.setCustomerPressure', f.id, { pressure: true, note: '客户总经理来电，威胁停付货款' });
    expect(g).toMatchObject({ customerPressure: true, escalationLevel: 'branch_manager', priority: 'high' });
    g = await o.edit('sales_admin', 'complaints.setDispute', f.id, { open: true, note: '合同第8条' });
    expect(g).toMatchObject({ escalationLevel: 'branch_manager', managementReview: true });
    expect(activeFirings(o, f.id).map(([r]) => r)).toEqual(['customer-pressure', 'dispute-open']);
    const refused = await o.refuse('sales_admin', 'complaints.setCustomerPressure', f.id, { pressure: true });
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'note', code: 'reason_required' })]);

    g = await o.edit('sales_manager', 'complaints.setCustomerPressure', f.id, { pressure: false });
    expect(g).toMatchObject({ customerPressure: false, escalationLevel: 'sales_manager', priority: 'normal' });
    g = await o.edit('sales_admin', 'complaints.setDispute', f.id, { open: false, note: '已按合同解决' });
    expect(g).toMatchObject({ escalationLevel: null, managementReview: false });
    expect(escalations(o, f.id)).toEqual([
      ['customer-pressure', 1, 'the customer-pressure flag is set'],
      ['dispute-open', 1, 'a dispute is open'],
      ['customer-pressure', null, null],
      ['dispute-open', null, null],
    ]);
    const engine = await o.call('complaints.engine', { id: f.id });
    expect(engine.escalation.active).toEqual([]);
    expect(engine.escalation.past.map((p) => p.ruleId)).toEqual(['dispute-open', 'customer-pressure']);
  });
});

describe('the chairman required by an escalation rule', () => {
  it('routes the decision to him, and the reason names the rule and its version', async () => {
    const o = await office();
    await o.as('sales_manager');
    const rule = (await o.call('rules.history', { kind: 'escalation', key: 'customer-pressure' }))[0]!;
    const data = rule.data as { actions: object };
    await o.call('rules.save', { kind: 'escalation', key: 'customer-pressure', data: { ...data, actions: { ...data.actions, requireChairman: true } }, expectedVersion: 1 });

    const f = await registerCase(o, 'quality', MONDAY);
    await driveTo(o, f.id, 'awaiting_decision');
    await o.edit('sales_manager', 'complaints.setCustomerPressure', f.id, { pressure: true, note: '客户要求董事长出面' });
    const wf = await o.call('complaints.workflow', { id: f.id });
    expect(wf.chairmanRequired).toMatchObject({ code: 'chairman_rule', params: { rule: 'customer-pressure', version: 2 } });
    const decided = await o.step('sales_manager', f.id, 'decide', { optionIndex: 0, reason: '建议维修' });
    expect(decided.state).toBe('awaiting_chairman');
    expect((await o.call('complaints.events', { id: f.id })).find((e) => e.kind === 'transition' && e.field === 'decide')!.after).toMatchObject({ why: 'chairman_rule' });
    const blocked = await o.refuse('production_after_sales', 'complaints.transition', f.id, { action: 'record_acceptance' });
    expect(blocked.issues?.[0]).toMatchObject({
      code: 'chairman_rule',
      message: "the chairman's decision is required by the escalation rule «Customer pressure» (version 2): the customer-pressure flag is set",
    });
  });
});

describe('notifications', () => {
  it('are listed for the person (his own and his role’s) and marked read, his only', async () => {
    const o = await office();
    const f = await registerCase(o, 'quality', MONDAY);
    await o.edit('sales_admin', 'complaints.update', f.id, { patch: { severity: 'major' } });
    await o.edit('sales_admin', 'complaints.setDispute', f.id, { open: true, note: '合同第8条' });
    await o.as('sales_manager');
    const page = await o.call('notifications.list', {});
    expect(page).toMatchObject({ total: 2, unread: 2 });
    expect(page.items.map((n) => n.payload.ruleId)).toEqual(['dispute-open', 'major-defect']);
    expect(await o.call('notifications.markRead', { ids: [page.items[1]!.id] })).toEqual({ updated: 1, unread: 1 });
    expect((await o.call('notifications.list', { unreadOnly: true })).items.map((n) => n.payload.ruleId)).toEqual(['dispute-open']);
    // Someone else's notification is not his to mark.
    await o.as('branch_manager');
    expect(await o.call('notifications.markRead', { ids: [page.items[0]!.id] })).toEqual({ updated: 0, unread: 0 });
  });

  it('tell technical support of a technical question when the case is accepted (routing)', async () => {
    const o = await office();
    await o.as('sales_admin');
    const c = await o.call('complaints.create', complaintInput({ ...MONDAY, defectCategory: 'control_software' }));
    await o.edit('sales_admin', 'complaints.classify', c.id, { classification: 'quality' });
    const f = await o.step('sales_manager', c.id, 'accept');
    expect(f.ownerId).toBe(o.staff.production_after_sales);
    await o.as('technical_support');
    const { items } = await o.call('notifications.list', {});
    expect(items).toEqual([expect.objectContaining({ kind: 'routed', complaintId: c.id, payload: expect.objectContaining({ team: 'production_after_sales' }) })]);
    const routing = (await o.call('complaints.engine', { id: c.id })).routing!;
    expect(routing).toMatchObject({ team: 'production_after_sales', notify: ['technical_support'], ruleIds: ['quality', 'technical-question'] });
    expect(routing.assignee).toMatchObject({ userId: o.staff.production_after_sales, reason: { code: 'assignee_least_loaded' } });
  });
});
