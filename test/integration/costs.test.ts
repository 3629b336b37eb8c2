import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src/shared/contract';
import type { CostLineDetail } from '../../src/shared/costs';
import { ROLES } from '../../src/shared/domain';
import type { ApiErrorBody } from '../../src/shared/errors';
import type { CaseFile } from '../../src/shared/types';
import { complaintInput, driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * Issue 6, cost lines and Finance's vetting through the api: lines typed in on a case (the case's
 * change path, section 'costs'), who pays (seed 002 §5.2), foreign currency, Finance's approve /
 * reject / reverse, the vetting queue and the cost-class map.
 */

type AddInput = Omit<MethodInput<'costs.add'>, 'id' | 'version'>;

const line = (over: Partial<AddInput> = {}): AddInput => ({
  costType: 'travel',
  incurredOn: '2026-11-10',
  amount: 56_000,
  currency: 'CNY',
  payer: 'company',
  description: '赴苏州差旅',
  ...over,
});

/** The newest line of a case. */
async function lastLine(o: Office, id: number): Promise<CostLineDetail> {
  const ls = await o.call('costs.caseDetail', { id });
  return ls[ls.length - 1]!;
}

async function add(o: Office, id: number, over: Partial<AddInput> = {}, who: Parameters<Office['as']>[0] = 'sales_admin'): Promise<CostLineDetail> {
  await o.edit(who, 'costs.add', id, line(over));
  return lastLine(o, id);
}

async function vet(o: Office, lineId: number, decision: 'approve' | 'reject', comment?: string): Promise<CostLineDetail> {
  await o.as('finance');
  return o.call('costs.vet', { lineId, decision, ...(comment ? { comment } : {}) });
}

const codes = (e: ApiErrorBody) => (e.issues ?? []).map((i) => [i.path, i.code]);
const costRows = (o: Office) => (o.store.sqlite.prepare('SELECT count(*) AS n FROM cost_lines').get() as { n: number }).n;
/** What the amortisation booked for these lines: [target, sum] (no decision yet: all `unallocated`). */
function amortised(o: Office, lineIds: number[]): Array<[string, number]> {
  const rows = o.store.sqlite
    .prepare(
      `SELECT coalesce('d:' || department_id, 'p:' || person_name, 'unallocated') AS target, sum(amount) AS amount
       FROM amortisation_entries WHERE cost_line_id IN (${lineIds.map(() => '?').join(',')}) GROUP BY 1 ORDER BY 1`,
    )
    .all(...lineIds) as Array<{ target: string; amount: number }>;
  return rows.map((r) => [r.target, r.amount]);
}
const approvedTotal = (ls: CostLineDetail[]) => ls.filter((l) => l.state === 'approved').reduce((s, l) => s + l.baseAmount, 0);

/** Everything a refusal must leave as it was: the lines, the events, the case's version. */
function snapshot(o: Office, f: CaseFile) {
  return () => ({
    lines: costRows(o),
    events: o.allEvents().length,
    version: (o.store.sqlite.prepare('SELECT version FROM complaints WHERE id = ?').get(f.id) as { version: number }).version,
  });
}

describe('cost lines on a case', () => {
  it('adds, edits and removes a pending line through the case path, audited as cost_line events', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const after = await o.edit('production_after_sales', 'costs.add', f.id, line());
    expect(after.version).toBe(f.version + 1);
    const l = await lastLine(o, f.id);
    expect(l).toMatchObject({
      costType: 'travel',
      amount: 56_000,
      currency: 'CNY',
      baseAmount: 56_000,
      fxRate: null,
      payer: 'company',
      source: 'manual',
      state: 'pending',
      costClass: 'after_sales_expense',
      trackingNo: f.trackingNo,
      customerName: '苏州恒达机械有限公司',
      createdBy: 'production_after_sales 1',
      vettedBy: null,
      reversesId: null,
      reversedBy: null,
    });
    // The same as the case page's plain list.
    expect((await o.call('costs.forCase', { id: f.id })).map((x) => x.id)).toEqual([l.id]);

    await o.edit('sales_admin', 'costs.update', f.id, { lineId: l.id, ...line({ costType: 'packaging', amount: 12_000 }) });
    expect(await lastLine(o, f.id)).toMatchObject({ id: l.id, costType: 'packaging', amount: 12_000, baseAmount: 12_000, costClass: 'manufacturing_cost' });
    await o.edit('sales_admin', 'costs.remove', f.id, { lineId: l.id });
    expect(await o.call('costs.caseDetail', { id: f.id })).toEqual([]);

    const ev = o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'cost_line');
    expect(ev.map((e) => e.field)).toEqual(['add', 'update', 'remove']);
    expect(ev[0]!.before).toBeNull();
    expect(ev[0]!.after).toMatchObject({ id: l.id, costType: 'travel', amount: 56_000, state: 'pending' });
    expect(ev[1]!.before).toMatchObject({ costType: 'travel' });
    expect(ev[1]!.after).toMatchObject({ costType: 'packaging', amount: 12_000 });
    expect(ev[2]!.after).toBeNull();
  });

  it('converts a foreign line to the base currency at its rate, rounding half away from zero', async () => {
    const o = await openOffice();
    const f = await registerCase(o);

    // An independent computation: cents × rate digits, then back to fen with ties away from zero.
    const fen = (amount: number, rate: string, digits: number) => {
      const [i, d = ''] = rate.split('.');
      const num = BigInt(amount) * BigInt(i! + d) * 100n;
      const den = 10n ** BigInt(d.length + digits);
      const q = num / den;
      return Number((num % den) * 2n >= den ? q + 1n : q);
    };
    const usd = await add(o, f.id, { amount: 12_345, currency: 'USD', fxRate: '7.1234' });
    expect(usd.baseAmount).toBe(fen(12_345, '7.1234', 2));
    expect(usd).toMatchObject({ amount: 12_345, currency: 'USD', fxRate: '7.1234', baseAmount: 87_938 }); // ¥879.38

    // Yen have no minor unit: ¥ 10,000 at 0.0476 is ¥476.00.
    const jpy = await add(o, f.id, { amount: 10_000, currency: 'JPY', fxRate: '0.0476' });
    expect(jpy.baseAmount).toBe(fen(10_000, '0.0476', 0));
    expect(jpy.baseAmount).toBe(47_600);

    // A half: US$0.04 at 7.125 is 28.5 fen → 29.
    const half = await add(o, f.id, { amount: 4, currency: 'usd', fxRate: '7.125' });
    expect(half).toMatchObject({ currency: 'USD', baseAmount: 29 });
    expect(half.baseAmount).toBe(fen(4, '7.125', 2));

    // The base currency needs no rate (a rate given is not kept).
    const cny = await add(o, f.id, { amount: 100, currency: 'CNY', fxRate: '7.1' });
    expect(cny).toMatchObject({ baseAmount: 100, fxRate: null });

    // An unknown currency, a foreign line without a rate: field issues, nothing written.
    const was = snapshot(o, f)();
    expect(codes(await o.refuse('sales_admin', 'costs.add', f.id, line({ currency: 'XYZ', fxRate: '1.5' })))).toEqual([['currency', 'unknown_currency']]);
    expect(codes(await o.refuse('sales_admin', 'costs.add', f.id, line({ currency: 'USD' })))).toEqual([['fxRate', 'fx_rate_required']]);
    expect((await o.refuse('sales_admin', 'costs.add', f.id, line({ currency: 'USD', fxRate: '7.1234567' }))).code).toBe('VALIDATION');
    expect(snapshot(o, f)()).toEqual(was);
  });

  it('lets the customer pay only on a non-quality case with his recorded agreement (seed 002 §5.2)', async () => {
    const o = await openOffice();
    const q = await registerCase(o, 'quality');
    const nq = await driveTo(o, (await registerCase(o, 'non_quality')).id, 'investigating');

    const onQuality = await o.refuse('sales_admin', 'costs.add', q.id, line({ payer: 'customer' }));
    expect(onQuality).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'workflow', code: 'customer_pays_non_quality_only' }] });

    const was = snapshot(o, nq);
    const before = was();
    const refused = await o.refuse('sales_admin', 'costs.add', nq.id, line({ payer: 'customer' }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'workflow', code: 'customer_agreement_required' }] });
    expect(was()).toEqual(before);

    // The customer said no: still refused.
    await o.edit('sales_admin', 'complaints.recordAgreement', nq.id, { agreed: false, customerPerson: '王伟', agreedOn: '2026-11-20', amount: 56_000, note: null });
    expect(codes(await o.refuse('sales_admin', 'costs.add', nq.id, line({ payer: 'customer' })))).toEqual([['workflow', 'customer_agreement_required']]);

    await o.edit('sales_admin', 'complaints.recordAgreement', nq.id, { agreed: true, customerPerson: '王伟', agreedOn: '2026-11-20', amount: 56_000, note: null });
    const l = await add(o, nq.id, { payer: 'customer' });
    expect(l).toMatchObject({ payer: 'customer', costClass: 'recoverable_customer', state: 'pending' });

    // Supplier and distributor need nothing.
    expect(await add(o, q.id, { payer: 'supplier' })).toMatchObject({ costClass: 'recoverable_supplier' });
    const d = await add(o, q.id, { payer: 'distributor' });
    expect(d).toMatchObject({ costClass: 'recoverable_partner' });
    // Approved, a recoverable line is booked but not amortised to the company's departments.
    expect(await vet(o, d.id, 'approve')).toMatchObject({ state: 'approved', costClass: 'recoverable_partner' });
    expect(amortised(o, [d.id])).toEqual([]);
  });

  it('takes a receipt only from the same case', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const other = await registerCase(o);
    await o.as('sales_admin');
    const data = Buffer.from('%PDF-1.4 receipt').toString('base64');
    const mine = await o.call('attachments.add', { complaintId: f.id, name: '发票.pdf', mime: 'application/pdf', purpose: 'receipt', data });
    const theirs = await o.call('attachments.add', { complaintId: other.id, name: '发票.pdf', mime: 'application/pdf', purpose: 'receipt', data });

    const was = snapshot(o, f)();
    expect(codes(await o.refuse('sales_admin', 'costs.add', f.id, line({ receiptAttachmentId: theirs.id })))).toEqual([['receiptAttachmentId', 'receipt_not_on_case']]);
    expect(snapshot(o, f)()).toEqual(was);
    expect(await add(o, f.id, { receiptAttachmentId: mine.id })).toMatchObject({ receiptAttachmentId: mine.id });
  });

  it('refuses the section to roles and states the rules exclude, and a stale version', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    expect((await o.refuse('production_technology', 'costs.add', f.id, line())).issues?.[0]).toMatchObject({ path: 'workflow' });
    await o.as('sales_admin');
    expect((await o.fail('costs.add', { id: f.id, version: f.version - 1, ...line() })).code).toBe('CONFLICT');
    expect(await o.call('costs.caseDetail', { id: f.id })).toEqual([]);
    expect((await o.fail('costs.caseDetail', { id: 999_999 })).code).toBe('NOT_FOUND');
  });

  it('does not edit here the lines a visit wrote: the visit is changed instead', async () => {
    const o = await openOffice();
    const f = await driveTo(o, (await registerCase(o)).id, 'in_service');
    await o.edit('production_after_sales', 'service.save', f.id, {
      actionId: null,
      mode: 'onsite_visit',
      state: 'done',
      summary: '上门更换主控板',
      plannedStart: '2026-11-20T01:00:00.000Z',
      plannedEnd: '2026-11-20T09:00:00.000Z',
      actualStart: '2026-11-20T02:00:00.000Z',
      actualEnd: '2026-11-20T06:00:00.000Z',
      engineerIds: [o.staff.production_after_sales],
      travelFrom: '杭州',
      travelTo: '苏州',
      workDone: '更换主控板',
      result: 'resolved',
      travelCost: 86_000,
    } as never);
    const v = await lastLine(o, f.id);
    expect(v).toMatchObject({ source: 'visit', costType: 'travel', amount: 86_000, state: 'pending' });

    const was = snapshot(o, f)();
    const upd = await o.refuse('sales_admin', 'costs.update', f.id, { lineId: v.id, ...line() });
    expect(upd).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'workflow', code: 'from_service_record', params: { source: 'visit' } }] });
    expect(codes(await o.refuse('sales_admin', 'costs.remove', f.id, { lineId: v.id }))).toEqual([['workflow', 'from_service_record']]);
    expect(snapshot(o, f)()).toEqual(was);

    // Finance vets it like any other line.
    expect(await vet(o, v.id, 'approve')).toMatchObject({ state: 'approved', costClass: 'after_sales_expense', vettedBy: 'finance 1' });

    // A line of another case is not found through this case.
    const g = await registerCase(o);
    expect((await o.refuse('sales_admin', 'costs.remove', g.id, { lineId: v.id })).code).toBe('NOT_FOUND');
  });
});

describe("Finance's vetting", () => {
  it('admits only Finance to vet and reverse', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const l = await add(o, f.id);
    for (const role of ROLES.filter((r) => r !== 'finance')) {
      await o.as(role);
      expect((await o.fail('costs.vet', { lineId: l.id, decision: 'approve' })).code, role).toBe('FORBIDDEN');
      expect((await o.fail('costs.reverse', { lineId: l.id, reason: '更正' })).code, role).toBe('FORBIDDEN');
    }
    expect((await lastLine(o, f.id)).state).toBe('pending');
    expect(await vet(o, l.id, 'approve')).toMatchObject({ state: 'approved' });
  });

  it('locks an approved line: edits and removal are refused with the reason', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const l = await add(o, f.id, { costType: 'transport', amount: 30_000 });
    const v = await vet(o, l.id, 'approve', '票据齐全');
    expect(v).toMatchObject({ state: 'approved', costClass: 'manufacturing_cost', vetComment: '票据齐全', vettedBy: 'finance 1' });
    expect(v.vettedAt).not.toBeNull();

    const was = snapshot(o, f)();
    for (const who of ['sales_admin', 'finance'] as const) {
      const upd = await o.refuse(who, 'costs.update', f.id, { lineId: l.id, ...line({ amount: 1 }) });
      expect(upd).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'workflow', code: 'line_locked' }] });
      expect(codes(await o.refuse(who, 'costs.remove', f.id, { lineId: l.id }))).toEqual([['workflow', 'line_locked']]);
    }
    // Vetted once is vetted.
    await o.as('finance');
    expect(codes(await o.fail('costs.vet', { lineId: l.id, decision: 'reject', comment: '重复' }))).toEqual([['workflow', 'line_not_pending']]);
    expect(snapshot(o, f)()).toEqual(was);
    expect(await lastLine(o, f.id)).toMatchObject({ amount: 30_000, state: 'approved' });
    expect(amortised(o, [l.id])).toEqual([['unallocated', 30_000]]);

    const ev = o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'cost_line');
    expect(ev.map((e) => e.field)).toEqual(['add', 'approve']);
    expect(ev[1]!.after).toMatchObject({ id: l.id, state: 'approved', costClass: 'manufacturing_cost', comment: '票据齐全' });
  });

  it('rejects only with a comment; a rejected line stays on record', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const l = await add(o, f.id);
    await o.as('finance');
    const noComment = await o.fail('costs.vet', { lineId: l.id, decision: 'reject' });
    expect(codes(noComment)).toEqual([['comment', 'reason_required']]);
    expect(codes(await o.fail('costs.vet', { lineId: l.id, decision: 'reject', comment: '   ' }))).toEqual([['comment', 'reason_required']]);
    expect((await lastLine(o, f.id)).state).toBe('pending');

    expect(await vet(o, l.id, 'reject', '无发票')).toMatchObject({ state: 'rejected', vetComment: '无发票', costClass: 'after_sales_expense' });
    expect(codes(await o.refuse('sales_admin', 'costs.update', f.id, { lineId: l.id, ...line() }))).toEqual([['workflow', 'line_rejected']]);
    expect(codes(await o.refuse('sales_admin', 'costs.remove', f.id, { lineId: l.id }))).toEqual([['workflow', 'line_rejected']]);
    await o.as('finance');
    expect(codes(await o.fail('costs.reverse', { lineId: l.id, reason: '更正' }))).toEqual([['workflow', 'line_not_approved']]);
    expect(o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'cost_line').map((e) => e.field)).toEqual(['add', 'reject']);
  });

  it('corrects an approved line by a reversal that nets it to zero, once', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    const a = await add(o, f.id, { amount: 12_345, currency: 'USD', fxRate: '7.1234' });
    const b = await add(o, f.id, { costType: 'allowance', amount: 20_000 });
    await vet(o, a.id, 'approve');
    await vet(o, b.id, 'approve');
    expect(approvedTotal(await o.call('costs.caseDetail', { id: f.id }))).toBe(87_938 + 20_000);
    // Approval amortised the lines (the case has no responsibility decision yet).
    expect(amortised(o, [a.id, b.id])).toEqual([['unallocated', 107_938]]);

    await o.as('finance');
    expect(codes(await o.fail('costs.reverse', { lineId: a.id, reason: ' ' }))[0]![0]).toBe('reason');
    const r = await o.call('costs.reverse', { lineId: a.id, reason: '汇率录错' });
    expect(r).toMatchObject({
      reversesId: a.id,
      amount: -12_345,
      currency: 'USD',
      fxRate: '7.1234',
      baseAmount: -87_938,
      state: 'approved',
      vettedBy: 'finance 1',
      vetComment: '汇率录错',
      costClass: 'after_sales_expense',
      incurredOn: a.incurredOn,
    });
    const ls = await o.call('costs.caseDetail', { id: f.id });
    expect(ls.find((l) => l.id === a.id)!.reversedBy).toBe(r.id);
    expect(approvedTotal(ls)).toBe(20_000);
    expect(approvedTotal(ls.filter((l) => l.id === a.id || l.id === r.id))).toBe(0);
    // The reversal was amortised at once: the pair nets to zero there too.
    expect(amortised(o, [a.id, r.id])).toEqual([['unallocated', 0]]);

    // Not twice, and a reversal is not reversed.
    const was = snapshot(o, f)();
    expect(codes(await o.fail('costs.reverse', { lineId: a.id, reason: '再次' }))).toEqual([['workflow', 'already_reversed']]);
    expect(codes(await o.fail('costs.reverse', { lineId: r.id, reason: '再次' }))).toEqual([['workflow', 'line_is_reversal']]);
    // The reversal is locked like any approved line.
    expect(codes(await o.refuse('finance', 'costs.remove', f.id, { lineId: r.id }))).toEqual([['workflow', 'line_locked']]);
    expect(snapshot(o, f)()).toEqual(was);

    // Reversing the second line too: the case's approved total is zero.
    await o.as('finance');
    await o.call('costs.reverse', { lineId: b.id, reason: '重复报销' });
    expect(approvedTotal(await o.call('costs.caseDetail', { id: f.id }))).toBe(0);
    const rev = o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'cost_line' && e.field === 'reverse');
    expect(rev.map((e) => e.after)).toEqual([
      expect.objectContaining({ id: r.id, reverses: a.id, baseAmount: -87_938, reason: '汇率录错' }),
      expect.objectContaining({ reverses: b.id, baseAmount: -20_000, reason: '重复报销' }),
    ]);
  });

  it('refuses to approve a customer-paid line whose agreement has been withdrawn', async () => {
    const o = await openOffice();
    const nq = await driveTo(o, (await registerCase(o, 'non_quality')).id, 'investigating');
    const agree = (agreed: boolean) =>
      o.edit('sales_admin', 'complaints.recordAgreement', nq.id, { agreed, customerPerson: '王伟', agreedOn: '2026-11-20', amount: 56_000, note: null });
    await agree(true);
    const l = await add(o, nq.id, { payer: 'customer' });
    await agree(false);
    await o.as('finance');
    expect(codes(await o.fail('costs.vet', { lineId: l.id, decision: 'approve' }))).toEqual([['workflow', 'customer_agreement_required']]);
    // Rejecting it needs no agreement.
    expect(await vet(o, l.id, 'reject', '客户不同意承担')).toMatchObject({ state: 'rejected' });
    expect(amortised(o, [l.id])).toEqual([]);
  });

  it('books by the cost-class map, which Finance edits (an office event)', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await o.as('sales_admin');
    const map = await o.call('costClasses.get', {});
    expect(map.packaging.company).toBe('manufacturing_cost');
    expect(map.travel.company).toBe('after_sales_expense');
    expect((await o.fail('costClasses.save', { map })).code).toBe('FORBIDDEN');

    await o.as('finance');
    const partial = JSON.parse(JSON.stringify(map)) as typeof map;
    delete (partial.labour as Partial<typeof map.labour>).supplier;
    expect((await o.fail('costClasses.save', { map: partial })).code).toBe('VALIDATION');

    const l = await add(o, f.id, { costType: 'packaging', amount: 5_000 });
    const approvedBefore = await add(o, f.id, { costType: 'packaging', amount: 7_000 });
    await vet(o, approvedBefore.id, 'approve');

    const next = { ...map, packaging: { ...map.packaging, company: 'after_sales_expense' as const } };
    await o.as('finance');
    expect((await o.call('costClasses.save', { map: next })).packaging.company).toBe('after_sales_expense');
    expect((await o.call('costClasses.get', {})).packaging.company).toBe('after_sales_expense');
    // Saved again unchanged: no second event.
    await o.call('costClasses.save', { map: next });
    const ev = o.allEvents().filter((e) => e.kind === 'cost_classes');
    expect(ev).toEqual([expect.objectContaining({ complaintId: null, field: 'map', before: { 'packaging.company': 'manufacturing_cost' }, after: { 'packaging.company': 'after_sales_expense' } })]);

    // A pending line shows where it would go now; an approved one keeps the class it was booked in.
    expect(await vet(o, l.id, 'approve')).toMatchObject({ costClass: 'after_sales_expense' });
    expect((await o.call('costs.caseDetail', { id: f.id })).find((x) => x.id === approvedBefore.id)!.costClass).toBe('manufacturing_cost');
  });
});

describe('the vetting queue', () => {
  it('pages the lines oldest first, by state, searchable by tracking number and customer', async () => {
    const o = await openOffice();
    const a = await registerCase(o);
    const b = await registerCase(o, 'quality', complaintInput({ newCustomer: { name: '无锡宏发精密', region: '无锡' } }));
    const days = ['2026-11-05', '2026-11-01', '2026-11-09', '2026-11-03', '2026-11-07'];
    const ids: number[] = [];
    for (const [i, d] of days.entries()) ids.push((await add(o, i % 2 ? b.id : a.id, { incurredOn: d, amount: 1_000 + i })).id);
    await vet(o, ids[2]!, 'approve'); // 11-09, case a
    await vet(o, ids[4]!, 'reject', '无发票'); // 11-07, case a

    await o.as('sales_manager');
    const p1 = await o.call('costs.vettingQueue', { limit: 2 });
    expect(p1.total).toBe(3);
    expect(p1.rows.map((r) => r.incurredOn)).toEqual(['2026-11-01', '2026-11-03']);
    const p2 = await o.call('costs.vettingQueue', { limit: 2, offset: 2 });
    expect(p2).toMatchObject({ total: 3 });
    expect(p2.rows.map((r) => r.incurredOn)).toEqual(['2026-11-05']);

    const all = await o.call('costs.vettingQueue', { states: ['pending', 'approved', 'rejected'] });
    expect(all.rows.map((r) => r.incurredOn)).toEqual(['2026-11-01', '2026-11-03', '2026-11-05', '2026-11-07', '2026-11-09']);
    const vetted = await o.call('costs.vettingQueue', { states: ['approved', 'rejected'] });
    expect(vetted.rows.map((r) => [r.id, r.state])).toEqual([
      [ids[4], 'rejected'],
      [ids[2], 'approved'],
    ]);

    // Search: part of the customer's name, part of a tracking number; % and _ match themselves.
    const byCustomer = await o.call('costs.vettingQueue', { q: '宏发' });
    expect(byCustomer.total).toBe(2);
    expect(byCustomer.rows.every((r) => r.complaintId === b.id && r.customerName === '无锡宏发精密')).toBe(true);
    const byTracking = await o.call('costs.vettingQueue', { q: a.trackingNo.slice(-4), states: ['pending', 'approved', 'rejected'] });
    expect(byTracking.rows.map((r) => r.id)).toEqual([ids[0], ids[4], ids[2]]);
    expect((await o.call('costs.vettingQueue', { q: '%' })).total).toBe(0);
  });
});
