import { describe, expect, it } from 'vitest';
import { ACCEPTANCE, VERIFICATION, complaintInput, driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * The path of a case (issue 3, seeds 001 and 002) through the dispatcher, switching between real
 * profiles as the roles change: a quality case and a non-quality case from registration to closure,
 * the owner routing on accept, and the chairman's final decision where it matters.
 */

const states = async (o: Office, id: number) => (await o.call('complaints.events', { id })).filter((e) => e.kind === 'transition').map((e) => e.field);
const departments = async (o: Office) => new Map((await o.call('departments.list', {})).map((d) => [d.code, d.id]));

describe('a quality case from registration to closure', () => {
  it('walks registered → investigating → awaiting_decision → in_service → awaiting_verification → verified → closed', async () => {
    const o = await openOffice();
    const dept = await departments(o);

    // 002 §5.1: sales administration registers the complaint with a tracking number and classifies it.
    await o.as('sales_admin');
    const created = await o.call('complaints.create', complaintInput({ severity: 'major' }));
    expect(created).toMatchObject({ state: 'registered', version: 0, ownerId: null });
    let f = await o.edit('sales_admin', 'complaints.classify', created.id, { classification: 'quality' });
    expect(f).toMatchObject({ classification: 'quality', version: 1 });

    // 002 §6.1: the sales manager accepts; 001: forwarded at once to production's after-sales team.
    f = await o.step('sales_manager', f.id, 'accept');
    expect(f).toMatchObject({ state: 'investigating', ownerId: o.staff.production_after_sales, ownerName: 'production_after_sales 1' });

    // 002 §5.3: production technology analyses the cause and develops countermeasures and options.
    f = await o.edit('production_technology', 'complaints.saveInvestigation', f.id, {
      cause: '主控板电源模块电容批次不良',
      countermeasures: '更换该批次电容，来料增加高温老化抽检',
      method: 'five_why',
      whys: ['过载报警', '电压跌落', '电容容量衰减', '电容批次不良', '来料未做高温老化'],
      technicalSupport: '技术部远程指导读取故障代码',
    });
    expect(f.investigation).toMatchObject({ cause: '主控板电源模块电容批次不良', method: 'five_why', updatedBy: 'production_technology 1' });
    expect(f.investigation!.whys).toHaveLength(5);
    f = await o.edit('production_technology', 'complaints.saveOptions', f.id, {
      options: [
        { kind: 'repair', description: '上门更换主控板', estimatedCost: 180_000, payer: 'company' },
        { kind: 'replacement', description: '整机更换', estimatedCost: 2_400_000, payer: 'company' },
      ],
    });
    expect(f.options.map((x) => [x.kind, x.estimatedCost, x.currency])).toEqual([
      ['repair', 180_000, 'CNY'],
      ['replacement', 2_400_000, 'CNY'],
    ]);

    // 002 §5.3: the sales administration office names the responsible departments, 100 % in all.
    f = await o.edit('sales_admin', 'complaints.saveResponsibility', f.id, {
      entries: [
        { departmentId: dept.get('production')!, shareBp: 7000, note: '装配' },
        { departmentId: null, personName: '采购 张三', shareBp: 3000 },
      ],
    });
    expect(f.responsibilities.map((r) => [r.departmentCode, r.personName, r.shareBp])).toEqual([
      ['production', null, 7000],
      [null, '采购 张三', 3000],
    ]);

    f = await o.step('production_technology', f.id, 'submit_for_decision');
    expect(f.state).toBe('awaiting_decision');

    // The sales manager decides; the repair is under the chairman's threshold: straight to service.
    f = await o.step('sales_manager', f.id, 'decide', { optionIndex: 0, reason: '同意上门更换主控板' });
    expect(f).toMatchObject({ state: 'in_service', chosenOption: 0, decisionNote: '同意上门更换主控板', decidedBy: 'sales_manager 1', chairmanBy: null });

    // 001: the after-sales staff bring back the customer's receipt.
    await o.as('production_after_sales');
    const receipt = await o.call('attachments.add', { complaintId: f.id, name: '验收单.pdf', mime: 'application/pdf', purpose: 'receipt', data: Buffer.from('%PDF-1.4 receipt').toString('base64') });
    f = await o.edit('production_after_sales', 'complaints.recordAcceptance', f.id, { ...ACCEPTANCE, receiptAttachmentId: receipt.id });
    expect(f.acceptance).toMatchObject({ acceptedBy: '王伟', receiptAttachmentId: receipt.id, recordedBy: 'production_after_sales 1' });
    f = await o.step('production_after_sales', f.id, 'record_acceptance');
    expect(f.state).toBe('awaiting_verification');

    // 001: verified by telephone.
    f = await o.edit('sales_admin', 'complaints.recordVerification', f.id, VERIFICATION);
    f = await o.step('sales_admin', f.id, 'verify');
    expect(f.state).toBe('verified');
    expect(f.verifications).toEqual([expect.objectContaining({ channel: 'phone', resolved: true, satisfaction: 5, recordedBy: 'sales_admin 1' })]);

    f = await o.step('sales_admin', f.id, 'close');
    expect(f.state).toBe('closed');
    expect(f.closedAt).toBe(f.stateChangedAt);
    expect(await states(o, f.id)).toEqual(['accept', 'submit_for_decision', 'decide', 'record_acceptance', 'verify', 'close']);

    // Nothing more can be done to a closed case but reopening it, adding attachments and typing in
    // costs: receipts and invoices arrive after closure (issue 6; rules/case-edits.ts, section 'costs').
    await o.as('sales_manager');
    const wf = await o.call('complaints.workflow', { id: f.id });
    expect(wf.actions.map((a) => [a.action, a.allowed])).toEqual([['reopen', true]]);
    expect(Object.entries(wf.sections).filter(([, b]) => b === null).map(([s]) => s)).toEqual(['attachments', 'costs']);
  });
});

describe('a non-quality case from registration to closure', () => {
  it('stays with sales administration, needs the customer to agree to his costs, and closes without responsibility', async () => {
    const o = await openOffice();
    let f = await registerCase(o, 'non_quality', { defectCategory: 'operation', description: '客户未按说明书保养，导致滤芯堵塞。' });

    f = await o.step('sales_manager', f.id, 'accept');
    // 002 §5.2: non-quality problems are dealt with by sales administration.
    expect(f).toMatchObject({ state: 'investigating', ownerId: o.staff.sales_admin });

    await o.edit('sales_admin', 'complaints.saveInvestigation', f.id, { cause: '客户操作人员未按说明书保养', countermeasures: '现场操作培训，更换滤芯', method: 'free' });
    f = await o.edit('sales_admin', 'complaints.saveOptions', f.id, {
      options: [
        { kind: 'paid_service', description: '更换滤芯并现场培训（客户付费）', estimatedCost: 30_000, payer: 'customer' },
        { kind: 'explanation_training', description: '电话讲解保养要求', estimatedCost: 0, payer: 'company' },
      ],
    });

    // 002 §5.2: the costs the customer bears must be agreed by him first.
    const refused = await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'submit_for_decision' });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'workflow', code: 'customer_agreement_missing' })]);

    f = await o.edit('sales_admin', 'complaints.recordAgreement', f.id, { agreed: true, customerPerson: '王伟', agreedOn: '2026-11-21', amount: 30_000 });
    expect(f.agreement).toMatchObject({ agreed: true, amount: 30_000, recordedBy: 'sales_admin 1' });
    f = await o.step('sales_admin', f.id, 'submit_for_decision');
    f = await o.step('sales_manager', f.id, 'decide', { optionIndex: 0, reason: '客户同意付费' });
    expect(f).toMatchObject({ state: 'in_service', chosenOption: 0 });

    // 002 §7.2: the branch manager organises the service and brings back the acceptance.
    await o.edit('branch_manager', 'complaints.recordAcceptance', f.id, ACCEPTANCE);
    f = await o.step('branch_manager', f.id, 'record_acceptance');
    await o.edit('sales_manager', 'complaints.recordVerification', f.id, { ...VERIFICATION, channel: 'email' });
    f = await o.step('sales_manager', f.id, 'verify');
    expect(f.responsibilities).toEqual([]);
    f = await o.step('sales_manager', f.id, 'close');
    expect(f.state).toBe('closed');
    expect(await states(o, f.id)).toEqual(['accept', 'submit_for_decision', 'decide', 'record_acceptance', 'verify', 'close']);
  });
});

describe('the owner on accept', () => {
  it('routes a quality case to the production after-sales profile with the fewest open cases', async () => {
    const o = await openOffice();
    await o.as('admin');
    const second = (await o.call('users.create', { name: '赵敏', role: 'production_after_sales' })).id;
    const first = o.staff.production_after_sales;

    const a = await registerCase(o);
    expect((await o.step('sales_manager', a.id, 'accept')).ownerId).toBe(first); // 0 : 0, the first profile
    const b = await registerCase(o);
    expect((await o.step('sales_manager', b.id, 'accept')).ownerId).toBe(second); // 1 : 0
    const c = await registerCase(o);
    expect((await o.step('sales_manager', c.id, 'accept')).ownerId).toBe(first); // 1 : 1

    // A rejected (or closed) case is not open: it does not count against its owner.
    const r = await registerCase(o);
    await o.edit('sales_manager', 'complaints.assign', r.id, { ownerId: second });
    await o.step('sales_manager', r.id, 'reject', { reason: '非本公司产品' });
    await driveTo(o, a.id, 'closed');
    // first: c (open) + a (closed) = 1 open; second: b (open) + r (rejected) = 1 open → the first again.
    const d = await registerCase(o);
    expect((await o.step('sales_manager', d.id, 'accept')).ownerId).toBe(first);
    // first: 2, second: 1.
    const e = await registerCase(o);
    expect((await o.step('sales_manager', e.id, 'accept')).ownerId).toBe(second);

    // An inactive profile gets nothing.
    await o.as('admin');
    await o.call('users.update', { id: second, active: false });
    const g = await registerCase(o);
    expect((await o.step('sales_manager', g.id, 'accept')).ownerId).toBe(first);
  });

  it('routes a non-quality case to sales administration, and keeps an owner named before', async () => {
    const o = await openOffice();
    const n = await registerCase(o, 'non_quality');
    expect((await o.step('sales_manager', n.id, 'accept')).ownerId).toBe(o.staff.sales_admin);

    const q = await registerCase(o);
    await o.edit('sales_manager', 'complaints.assign', q.id, { ownerId: o.staff.technical_support });
    expect((await o.step('sales_manager', q.id, 'accept')).ownerId).toBe(o.staff.technical_support);
  });

  it('records the routing in the audit trail', async () => {
    const o = await openOffice();
    const q = await registerCase(o);
    await o.step('sales_manager', q.id, 'accept');
    const events = (await o.call('complaints.events', { id: q.id })).slice(-2);
    expect(events.map((e) => [e.kind, e.field, e.before, e.after])).toEqual([
      ['transition', 'accept', 'registered', { state: 'investigating' }],
      ['field_changed', 'owner', null, o.staff.production_after_sales],
    ]);
  });
});

describe("the chairman's final decision (002 §5.3)", () => {
  it('takes an escalated case to the chairman, who may send it back or decide, with his reasons', async () => {
    const o = await openOffice();
    let f = await registerCase(o);
    await driveTo(o, f.id, 'awaiting_decision');
    await o.edit('sales_manager', 'complaints.setEscalation', f.id, { escalated: true, reason: '客户多次投诉' });

    f = await o.step('sales_manager', f.id, 'decide', { optionIndex: 0, reason: '建议维修' });
    expect(f).toMatchObject({ state: 'awaiting_chairman', chosenOption: 0, decidedBy: 'sales_manager 1' });
    const decideEvent = (await o.call('complaints.events', { id: f.id })).at(-1)!;
    expect(decideEvent.after).toEqual({ state: 'awaiting_chairman', reason: '建议维修', option: 0, why: 'chairman_escalated' });

    // Nobody else moves the case on while it waits for the chairman; the reason says why.
    const byManager = await o.refuse('sales_manager', 'complaints.transition', f.id, { action: 'chairman_decide', reason: '我来定' });
    expect(byManager.issues?.map((i) => i.code)).toEqual(['wrong_role']);
    const service = await o.refuse('production_after_sales', 'complaints.transition', f.id, { action: 'record_acceptance' });
    expect(service.issues).toEqual([
      expect.objectContaining({ path: 'workflow', code: 'chairman_escalated', message: "the chairman's decision is required because the case is escalated" }),
    ]);
    expect(service.message).toContain('escalated');
    await o.as('chairman');
    const wf = await o.call('complaints.workflow', { id: f.id });
    expect(wf.chairmanRequired?.code).toBe('chairman_escalated');
    expect(wf.actions.map((a) => [a.action, a.allowed])).toEqual([
      ['chairman_decide', true],
      ['chairman_return', true],
    ]);

    // He wants it looked at again: without a reason he cannot.
    const noReason = await o.refuse('chairman', 'complaints.transition', f.id, { action: 'chairman_return' });
    expect(noReason.issues?.map((i) => i.code)).toEqual(['reason_required']);
    f = await o.step('chairman', f.id, 'chairman_return', { reason: '请比较整机更换的费用' });
    expect(f.state).toBe('awaiting_decision');
    f = await o.step('sales_manager', f.id, 'decide', { optionIndex: 0, reason: '维修即可' });
    expect(f.state).toBe('awaiting_chairman');

    // He decides on the option the manager chose (none named) and gives his reasons.
    f = await o.step('chairman', f.id, 'chairman_decide', { reason: '同意，注意控制成本' });
    expect(f).toMatchObject({ state: 'in_service', chosenOption: 0, chairmanNote: '同意，注意控制成本', chairmanBy: 'chairman 1' });
    expect(f.chairmanAt).toBe(f.stateChangedAt);
    expect(await states(o, f.id)).toEqual(['accept', 'submit_for_decision', 'decide', 'chairman_return', 'decide', 'chairman_decide']);
  });

  it('takes a safety defect and an option over the threshold to the chairman, and one at the threshold not', async () => {
    const o = await openOffice();
    const safety = await registerCase(o, 'quality', { severity: 'safety' });
    await driveTo(o, safety.id, 'awaiting_decision');
    expect((await o.step('sales_manager', safety.id, 'decide', { optionIndex: 0, reason: 'x' })).state).toBe('awaiting_chairman');

    await o.as('admin');
    await o.call('settings.update', { chairmanCostThreshold: 180_000 });
    const at = await registerCase(o);
    await driveTo(o, at.id, 'awaiting_decision'); // the option costs 180,000 fen: exactly the threshold
    expect((await o.step('sales_manager', at.id, 'decide', { optionIndex: 0, reason: 'x' })).state).toBe('in_service');

    await o.as('admin');
    await o.call('settings.update', { chairmanCostThreshold: 179_999 });
    const over = await registerCase(o);
    await driveTo(o, over.id, 'awaiting_decision');
    expect((await o.step('sales_manager', over.id, 'decide', { optionIndex: 0, reason: 'x' })).state).toBe('awaiting_chairman');
    expect((await o.call('complaints.events', { id: over.id })).at(-1)!.after).toMatchObject({ why: 'chairman_cost' });
    const wf = await o.call('complaints.workflow', { id: over.id });
    expect(wf.chairmanRequired).toMatchObject({ code: 'chairman_cost', params: { cost: 180_000, threshold: 179_999 } });
  });
});
