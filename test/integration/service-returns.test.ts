import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src/shared/contract';
import type { Role } from '../../src/shared/domain';
import type { FilterModel, SortModel } from '../../src/shared/schemas/grid';
import type { Rma } from '../../src/shared/service';
import { driveTo, openOffice, openTestApp, registerCase, type Office } from './helpers';
import { readAllRows, reference } from './tracking-reference';

/**
 * Returns (RMA) through the dispatcher (issue 5): a return from request to refund with real
 * profiles switching as the roles change, a rejection, the refusals, and the return's state and the
 * next visit on the tracking table.
 */

type StepInput = Omit<MethodInput<'rma.step'>, 'id' | 'version' | 'rmaId' | 'rmaVersion'>;

const rmas = (o: Office, id: number) => o.call('rma.forCase', { id });
async function latest(o: Office, id: number): Promise<Rma> {
  const all = await rmas(o, id);
  return all[all.length - 1]!;
}
/** Takes a step on the case's latest return as this role, with the versions seen now. */
async function step(o: Office, who: Role, id: number, input: StepInput, rma?: Rma) {
  const r = rma ?? (await latest(o, id));
  return o.edit(who, 'rma.step', id, { rmaId: r.id, rmaVersion: r.version, ...input });
}
async function refuseStep(o: Office, who: Role, id: number, input: StepInput, rma?: Rma) {
  const r = rma ?? (await latest(o, id));
  return o.refuse(who, 'rma.step', id, { rmaId: r.id, rmaVersion: r.version, ...input });
}
const codes = (e: { issues?: Array<{ code: string }> }) => (e.issues ?? []).map((i) => i.code);
const trackingRow = async (o: Office, trackingNo: string) =>
  (await o.call('complaints.page', { startRow: 0, endRow: 10, filterModel: { trackingNo: { filterType: 'text', type: 'equals', filter: trackingNo } } })).rows[0]!;

describe('a return from request to refund', () => {
  it('issues the RMA number, follows it on the tracking row, writes the refund as a cost line and audits every step', async () => {
    const o = await openOffice();
    const c = await driveTo(o, (await registerCase(o)).id, 'in_service');
    const before = o.allEvents().length;

    let f = await o.edit('sales_admin', 'rma.request', c.id, { quantity: 1, serialNo: 'SA37A2512345', reason: '主控板反复烧毁，客户要求退货' });
    expect(f).toMatchObject({ rmaState: 'requested', version: c.version + 1 });
    expect(await rmas(o, c.id)).toEqual([
      expect.objectContaining({ rmaNo: null, state: 'requested', quantity: 1, serialNo: 'SA37A2512345', requestedBy: 'sales_admin 1', version: 0 }),
    ]);
    expect((await trackingRow(o, c.trackingNo)).rmaState).toBe('requested');

    // Approval by the sales manager issues the number from the month's counter.
    f = await step(o, 'sales_manager', c.id, { action: 'approve', note: '同意退货' });
    let r = await latest(o, c.id);
    expect(r).toMatchObject({ state: 'approved', rmaNo: 'RMA-202611-0001', decidedBy: 'sales_manager 1', decisionNote: '同意退货', version: 1 });
    expect(f.rmaState).toBe('approved');

    f = await step(o, 'production_after_sales', c.id, { action: 'ship', carrier: '顺丰速运', waybillNo: 'SF1234567890', at: '2026-11-20T08:00:00.000Z' });
    expect(await latest(o, c.id)).toMatchObject({ state: 'shipped', carrier: '顺丰速运', waybillNo: 'SF1234567890', shippedAt: '2026-11-20T08:00:00.000Z' });
    f = await step(o, 'sales_admin', c.id, { action: 'receive' });
    expect((await latest(o, c.id)).receivedAt).not.toBeNull();
    f = await step(o, 'production_after_sales', c.id, { action: 'inspect', inspectionResult: '主控板电容鼓包，非人为损坏', disposition: 'refund' });
    expect(await latest(o, c.id)).toMatchObject({ state: 'inspected', disposition: 'refund', inspectionResult: '主控板电容鼓包，非人为损坏' });
    expect((await trackingRow(o, c.trackingNo)).rmaState).toBe('inspected');

    // Only Finance closes a refund, with the amount paid back.
    f = await step(o, 'finance', c.id, { action: 'close', refundAmount: 350_000, note: '已退款至客户账户' });
    r = await latest(o, c.id);
    expect(r).toMatchObject({ state: 'closed', refundAmount: 350_000, version: 5 });
    expect(r.closedAt).not.toBeNull();
    expect(f.rmaState).toBe('closed');
    expect((await trackingRow(o, c.trackingNo)).rmaState).toBe('closed');

    const costs = await o.call('costs.forCase', { id: c.id });
    expect(costs).toEqual([
      expect.objectContaining({ source: 'rma', sourceId: r.id, costType: 'other', amount: 350_000, baseAmount: 350_000, currency: 'CNY', payer: 'company', state: 'pending', createdBy: 'finance 1' }),
    ]);
    expect(costs[0]!.description).toContain('RMA-202611-0001');

    const events = o.allEvents().slice(before).filter((e) => e.complaintId === c.id);
    expect(events.filter((e) => e.kind === 'rma').map((e) => [e.field, e.before, (e.after as { state: string }).state])).toEqual([
      ['request', null, 'requested'],
      ['approve', 'requested', 'approved'],
      ['ship', 'approved', 'shipped'],
      ['receive', 'shipped', 'received'],
      ['inspect', 'received', 'inspected'],
      ['close', 'inspected', 'closed'],
    ]);
    expect(events.find((e) => e.field === 'approve')!.after).toMatchObject({ rmaId: r.id, rmaNo: 'RMA-202611-0001', note: '同意退货' });
    expect(events.find((e) => e.field === 'close')!.after).toMatchObject({ refundAmount: 350_000, disposition: 'refund', note: '已退款至客户账户' });
    expect(events.find((e) => e.kind === 'cost_lines')).toMatchObject({ field: `rma:${r.id}`, before: [], after: [{ costType: 'other', amount: 350_000 }] });
    // Every step was a change to the case: its version went up once each.
    expect((await o.file(c.id)).version).toBe(c.version + 6);

    // The next return of the month gets the next number; while it is under way the table shows it.
    await o.edit('production_after_sales', 'rma.request', c.id, { quantity: 2, serialNo: null, reason: '配件再次故障' });
    expect((await o.file(c.id)).rmaState).toBe('requested');
    await step(o, 'branch_manager', c.id, { action: 'approve' });
    expect((await latest(o, c.id)).rmaNo).toBe('RMA-202611-0002');
    // A closed return has no further step; nobody closes it twice.
    const closed = (await rmas(o, c.id))[0]!;
    expect(codes(await refuseStep(o, 'finance', c.id, { action: 'close', refundAmount: 1 }, closed))).toEqual(['rma_wrong_state']);
  });

  it('closes a repair without an amount, by production after-sales, and writes no cost line', async () => {
    const o = await openOffice();
    const c = await driveTo(o, (await registerCase(o)).id, 'in_service');
    await o.edit('branch_manager', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '返厂维修' });
    await step(o, 'branch_manager', c.id, { action: 'approve' });
    // Brought in by the customer: received without a shipment.
    await step(o, 'production_after_sales', c.id, { action: 'receive', at: '2026-11-20T03:00:00.000Z' });
    await step(o, 'production_after_sales', c.id, { action: 'inspect', inspectionResult: '轴承磨损', disposition: 'repair' });
    const f = await step(o, 'production_after_sales', c.id, { action: 'close', note: '维修后寄回' });
    expect(f.rmaState).toBe('closed');
    expect(await latest(o, c.id)).toMatchObject({ state: 'closed', shippedAt: null, receivedAt: '2026-11-20T03:00:00.000Z', refundAmount: null });
    expect(await o.call('costs.forCase', { id: c.id })).toEqual([]);
  });
});

describe('a rejected return', () => {
  it('keeps the reason, issues no number, and the table shows an open return before a later rejected one', async () => {
    const o = await openOffice();
    const c = await driveTo(o, (await registerCase(o)).id, 'investigating');
    await o.edit('sales_manager', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '客户要求退货' });
    const first = await latest(o, c.id);
    let f = await step(o, 'sales_manager', c.id, { action: 'reject', note: '可现场维修，无需退货' });
    expect(await latest(o, c.id)).toMatchObject({ state: 'rejected', rmaNo: null, decisionNote: '可现场维修，无需退货', decidedBy: 'sales_manager 1' });
    expect(f.rmaState).toBe('rejected');

    // A second return approved, a third rejected: the table shows the one under way, not the latest.
    await o.edit('sales_admin', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '第二次申请' });
    await step(o, 'sales_manager', c.id, { action: 'approve' });
    await o.edit('sales_admin', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '第三次申请' });
    f = await step(o, 'branch_manager', c.id, { action: 'reject', note: '重复申请' });
    expect(f.rmaState).toBe('approved');
    expect((await rmas(o, c.id)).map((r) => [r.id === first.id, r.state, r.rmaNo])).toEqual([
      [true, 'rejected', null],
      [false, 'approved', 'RMA-202611-0001'],
      [false, 'rejected', null],
    ]);
  });
});

describe('refusals', () => {
  async function inService() {
    const o = await openOffice();
    const c = await driveTo(o, (await registerCase(o)).id, 'in_service');
    await o.edit('sales_admin', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '退货' });
    return { o, c };
  }

  it('refuses the wrong role, with the roles that may', async () => {
    const { o, c } = await inService();
    const nothing = o.allEvents().length;
    // Finance may write on returns (it closes refunds) but does not ask for them.
    const e = await o.refuse('finance', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '退货' });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.issues).toEqual([expect.objectContaining({ path: 'workflow', code: 'rma_wrong_role', params: { roles: 'sales_admin,sales_manager,branch_manager,production_after_sales' } })]);
    // Technical support has no part in returns at all: the case's section rule says so.
    expect(codes(await o.refuse('technical_support', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '退货' }))).toEqual(['wrong_role']);
    expect(codes(await refuseStep(o, 'sales_admin', c.id, { action: 'approve' }))).toEqual(['rma_wrong_role']);
    expect(codes(await refuseStep(o, 'production_after_sales', c.id, { action: 'reject', note: 'x' }))).toEqual(['rma_wrong_role']);
    expect(o.allEvents().length).toBe(nothing);
    expect(await latest(o, c.id)).toMatchObject({ state: 'requested', version: 0 });
  });

  it('refuses a step from the wrong state, and reasons left blank', async () => {
    const { o, c } = await inService();
    expect(codes(await refuseStep(o, 'sales_admin', c.id, { action: 'ship', carrier: '顺丰', waybillNo: 'SF1' }))).toEqual(['rma_wrong_state']);
    expect(codes(await refuseStep(o, 'production_after_sales', c.id, { action: 'inspect', inspectionResult: 'x', disposition: 'scrap' }))).toEqual(['rma_wrong_state']);
    expect(codes(await refuseStep(o, 'sales_manager', c.id, { action: 'reject' }))).toEqual(['rma_note_required']);
    await step(o, 'sales_manager', c.id, { action: 'approve' });
    expect(codes(await refuseStep(o, 'sales_admin', c.id, { action: 'ship', carrier: '顺丰' }))).toEqual(['rma_waybill_required']);
    expect(codes(await refuseStep(o, 'sales_admin', c.id, { action: 'receive', at: '2027-01-01T00:00:00.000Z' }))).toEqual(['rma_at_future']);
  });

  it('refuses to close a refund without the amount, or by anyone but Finance', async () => {
    const { o, c } = await inService();
    await step(o, 'sales_manager', c.id, { action: 'approve' });
    await step(o, 'sales_admin', c.id, { action: 'receive' });
    expect(codes(await refuseStep(o, 'production_after_sales', c.id, { action: 'inspect', inspectionResult: '  ' }))).toEqual([
      'rma_inspection_required',
      'rma_disposition_required',
    ]);
    await step(o, 'production_after_sales', c.id, { action: 'inspect', inspectionResult: '无法修复', disposition: 'refund' });
    expect(codes(await refuseStep(o, 'finance', c.id, { action: 'close' }))).toEqual(['rma_refund_required']);
    expect(codes(await refuseStep(o, 'finance', c.id, { action: 'close', refundAmount: 0 }))).toEqual(['rma_refund_required']);
    const e = await refuseStep(o, 'sales_admin', c.id, { action: 'close', refundAmount: 100 });
    expect(e.issues).toEqual([expect.objectContaining({ code: 'rma_refund_finance_only', params: { roles: 'finance' } })]);
    expect(await o.call('costs.forCase', { id: c.id })).toEqual([]);
    expect((await latest(o, c.id)).state).toBe('inspected');
  });

  it('refuses a stale version of the return or of the case, and a return of another case', async () => {
    const { o, c } = await inService();
    const seen = await latest(o, c.id);
    await step(o, 'sales_manager', c.id, { action: 'approve' }, seen);
    // Someone else approved it meanwhile: the version the person saw is stale.
    const stale = await refuseStep(o, 'branch_manager', c.id, { action: 'reject', note: '不同意' }, seen);
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('return RMA-202611-0001');
    // A stale case version is refused before anything else.
    await o.as('sales_admin');
    const now = await latest(o, c.id);
    const caseStale = await o.fail('rma.step', { id: c.id, version: c.version, rmaId: now.id, rmaVersion: now.version, action: 'receive' });
    expect(caseStale.code).toBe('CONFLICT');
    const other = await registerCase(o);
    const elsewhere = await refuseStep(o, 'sales_admin', other.id, { action: 'receive' }, now);
    // The other case is only registered: its section refuses first; once open, the return is not its own.
    expect(codes(elsewhere)).toEqual(['wrong_state']);
    await driveTo(o, other.id, 'investigating');
    expect((await refuseStep(o, 'sales_admin', other.id, { action: 'receive' }, now)).code).toBe('NOT_FOUND');
  });

  it('refuses returns on a case not yet accepted or already closed', async () => {
    const o = await openOffice();
    const c = await registerCase(o);
    expect(codes(await o.refuse('sales_admin', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '退货' }))).toEqual(['wrong_state']);
    await driveTo(o, c.id, 'closed');
    expect(codes(await o.refuse('sales_admin', 'rma.request', c.id, { quantity: 1, serialNo: null, reason: '退货' }))).toEqual(['wrong_state']);
    expect(await rmas(o, c.id)).toEqual([]);
  });
});

describe('the tracking table: return and next visit columns', () => {
  it('filters and sorts by the return state and the next visit in SQL as the reference does', async () => {
    const o = await openOffice();
    const ids: number[] = [];
    for (let n = 0; n < 7; n++) ids.push((await driveTo(o, (await registerCase(o, 'quality', { serialNo: `SN-${n}` })).id, 'investigating')).id);
    // Returns in several states on five cases; two cases have none.
    const take = async (id: number, steps: StepInput[]) => {
      await o.edit('sales_admin', 'rma.request', id, { quantity: 1, serialNo: null, reason: '退货' });
      for (const s of steps) await step(o, ['approve', 'reject'].includes(s.action) ? 'sales_manager' : 'production_after_sales', id, s);
    };
    await take(ids[0]!, []);
    await take(ids[1]!, [{ action: 'approve' }]);
    await take(ids[2]!, [{ action: 'reject', note: '不需要' }]);
    await take(ids[3]!, [{ action: 'approve' }, { action: 'ship', carrier: '德邦', waybillNo: 'DB1' }]);
    await take(ids[4]!, [{ action: 'approve' }]);
    // The next visit is kept by the visits' service; here it is set as that service leaves it.
    const visit = o.store.sqlite.prepare('UPDATE complaints SET next_visit_at = ? WHERE id = ?');
    visit.run('2026-11-24T16:30:00.000Z', ids[0]); // 25 November in Shanghai
    visit.run('2026-11-24T15:30:00.000Z', ids[1]); // 24 November in Shanghai, 25 in UTC
    visit.run('2026-12-02T01:00:00.000Z', ids[5]);

    const all = readAllRows(o.store.sqlite);
    expect(all.map((r) => r.rmaState)).toEqual(['requested', 'approved', 'rejected', 'shipped', 'approved', null, null]);
    const check = async (q: { filterModel?: FilterModel; sortModel?: SortModel }, expectedCount?: number) => {
      const expected = reference(all, q).map((r) => r.id);
      const got = (await o.call('complaints.page', { ...q, startRow: 0, endRow: 100 })).rows.map((r) => r.id);
      expect(got).toEqual(expected);
      expect((await o.call('complaints.count', { filterModel: q.filterModel ?? {} })).count).toBe(expected.length);
      if (expectedCount !== undefined) expect(expected).toHaveLength(expectedCount);
    };
    await check({ filterModel: { rmaState: { filterType: 'set', values: ['approved', 'shipped'] } } }, 3);
    await check({ filterModel: { rmaState: { filterType: 'set', values: ['closed'] } } }, 0);
    await check({ sortModel: [{ colId: 'rmaState', sort: 'asc' }] });
    await check({ sortModel: [{ colId: 'rmaState', sort: 'desc' }, { colId: 'serialNo', sort: 'asc' }] });
    await check({ filterModel: { nextVisitAt: { filterType: 'date', type: 'equals', dateFrom: '2026-11-25' } } }, 1);
    await check({ filterModel: { nextVisitAt: { filterType: 'date', type: 'inRange', dateFrom: '2026-11-24', dateTo: '2026-11-30' } } }, 2);
    await check({ filterModel: { nextVisitAt: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-11-30' } } }, 1);
    await check({ filterModel: { nextVisitAt: { filterType: 'date', type: 'blank' } } }, 4);
    await check({ sortModel: [{ colId: 'nextVisitAt', sort: 'asc' }] });
    await check({ sortModel: [{ colId: 'nextVisitAt', sort: 'desc' }] });
    await check({
      filterModel: { rmaState: { filterType: 'set', values: ['requested', 'approved'] }, nextVisitAt: { filterType: 'date', type: 'notBlank' } },
      sortModel: [{ colId: 'nextVisitAt', sort: 'desc' }],
    }, 2);
    // The case file carries them too.
    expect(await o.file(ids[1]!)).toMatchObject({ rmaState: 'approved', nextVisitAt: '2026-11-24T15:30:00.000Z' });
  });
});

describe('demo returns', () => {
  it('adds returns at different states to demo cases, numbered, with the case state, the refund cost line and the events', async () => {
    const until = new Date('2026-11-25T04:00:00Z');
    const app = await openTestApp({ clock: () => until });
    // Loading the demo office adds its returns (services/demo-service.ts calls addDemoReturns).
    await app.call('app.loadDemo', { complaints: 400 });
    const db = app.store.sqlite;
    const rows = db.prepare('SELECT id, complaint_id AS complaintId, state, rma_no AS rmaNo, disposition, refund_amount AS refund, requested_at AS requestedAt, closed_at AS closedAt FROM rmas ORDER BY id').all() as Array<{
      id: number; complaintId: number; state: string; rmaNo: string | null; disposition: string | null; refund: number | null; requestedAt: string; closedAt: string | null;
    }>;
    expect(rows.map((r) => r.state).sort()).toEqual(['approved', 'closed', 'closed', 'closed', 'inspected', 'rejected', 'requested', 'shipped']);
    expect(new Set(rows.map((r) => r.complaintId)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.rmaNo === null).toBe(r.state === 'requested' || r.state === 'rejected');
      if (r.rmaNo) expect(r.rmaNo).toMatch(/^RMA-\d{6}-\d{4}$/);
      expect(Date.parse(r.closedAt ?? r.requestedAt)).toBeLessThanOrEqual(until.getTime());
      const c = await app.call('complaints.file', { id: r.complaintId });
      expect(c.rmaState).toBe(r.state);
      const events = (await app.call('complaints.events', { id: r.complaintId })).filter((e) => e.kind === 'rma');
      expect(events.length).toBeGreaterThan(0);
      expect((events[events.length - 1]!.after as { state: string }).state).toBe(r.state);
    }
    const refund = rows.find((r) => r.disposition === 'refund' && r.state === 'closed')!;
    expect(await app.call('costs.forCase', { id: refund.complaintId })).toEqual([
      expect.objectContaining({ source: 'rma', sourceId: refund.id, amount: refund.refund, costType: 'other', state: 'pending' }),
    ]);
    expect((await app.call('complaints.count', { filterModel: { rmaState: { filterType: 'set', values: ['closed'] } } })).count).toBe(3);
  });
});
