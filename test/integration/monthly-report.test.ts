import { describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../src/shared/analysis';
import type { CaseFile } from '../../src/shared/types';
import { driveTo, openOffice, registerCase, type Office } from './helpers';
import { movableClock } from './rule-engine-helpers';

/**
 * Issue 7, the monthly report for the chairman: `report.get` for October 2026 on a small office
 * whose history is written through the api with the clock set in September, October and November
 * (Shanghai time). Every figure is checked against a value worked out here from what the test did
 * (or, where the engine decides, from the raw rows with plain TypeScript), never from the service.
 */

const OCT = { start: Date.parse('2026-09-30T16:00:00.000Z'), end: Date.parse('2026-10-31T16:00:00.000Z') };
const inOct = (iso: string | null) => iso !== null && Date.parse(iso) >= OCT.start && Date.parse(iso) < OCT.end;

/** Accepted by the customer, verified with this satisfaction on that instant, responsibility decided, closed. */
async function closeCase(o: Office, id: number, v: { day: string; verifiedAt: string; satisfaction: number; shares: Array<[string, number]> }): Promise<CaseFile> {
  await driveTo(o, id, 'in_service');
  await o.edit('production_after_sales', 'complaints.recordAcceptance', id, { acceptedBy: '王伟', acceptedOn: v.day, note: '验收单已交财务部' });
  await o.step('production_after_sales', id, 'record_acceptance');
  await o.edit('sales_admin', 'complaints.recordVerification', id, {
    channel: 'phone',
    contactName: '王伟',
    verifiedAt: v.verifiedAt,
    resolved: true,
    satisfaction: v.satisfaction,
    note: null,
  });
  await o.step('sales_admin', id, 'verify');
  const departments = await o.call('departments.list', {});
  const entries = v.shares.map(([code, shareBp]) => ({ departmentId: departments.find((d) => d.code === code)!.id, shareBp }));
  await o.edit('sales_admin', 'complaints.saveResponsibility', id, { entries });
  return o.step('sales_admin', id, 'close');
}

/** A cost line typed on the case, then approved (or left pending, or rejected) by Finance. */
async function cost(o: Office, id: number, incurredOn: string, amount: number, decision: 'approve' | 'reject' | null, costType: 'travel' | 'spare_parts' = 'travel') {
  await o.edit('production_after_sales', 'costs.add', id, { costType, incurredOn, amount, currency: 'CNY', payer: 'company', description: '差旅' });
  const lines = await o.call('costs.caseDetail', { id });
  const line = lines[lines.length - 1]!;
  if (decision) {
    await o.as('finance');
    await o.call('costs.vet', { lineId: line.id, decision, ...(decision === 'reject' ? { comment: '无发票' } : {}) });
  }
}

interface Row {
  id: number;
  received_at: string;
  closed_at: string | null;
  state: string;
  state_changed_at: string;
  severity: string;
  escalated: number;
  escalation_level: string | null;
  responded_at: string | null;
  sla_response_due: string | null;
  on_site_at: string | null;
  sla_onsite_due: string | null;
  resolved_at: string | null;
  sla_resolution_due: string | null;
}

describe('monthly report', () => {
  it("answers October's figures, lists and Pareto charts as the office recorded them", async () => {
    const clock = movableClock('2026-09-25T02:00:00.000Z');
    const o = await openOffice({ clock });
    let serial = 0;
    const reg = (receivedAt: string, over: Parameters<typeof registerCase>[2] = {}) =>
      registerCase(o, 'quality', {
        receivedAt,
        newCustomer: { name: `客户${++serial}有限公司`, region: '苏州' },
        serialNo: `SN-${serial}`,
        ...over,
      });

    // September: two cases; one closed (satisfaction 2), one only accepted; a cost of 800 yuan.
    const s1 = await reg('2026-09-05T02:00:00.000Z');
    await closeCase(o, s1.id, { day: '2026-09-25', verifiedAt: '2026-09-25T01:00:00.000Z', satisfaction: 2, shares: [['production', 10000]] });
    await cost(o, s1.id, '2026-09-20', 80_000, 'approve');
    const s2 = await reg('2026-09-20T02:00:00.000Z', { severity: 'major' });
    await driveTo(o, s2.id, 'investigating');

    // October 20th, 10:00 in Shanghai (a Tuesday).
    clock.set('2026-10-20T02:00:00.000Z');
    // 00:30 on October 1st in Shanghai is still September 30th in UTC: an October case.
    const o1 = await reg('2026-09-30T16:30:00.000Z', { defectCategory: 'electrical' });
    const o2 = await reg('2026-10-08T02:00:00.000Z', { defectCategory: 'electrical', productModel: 'SA-45B' });
    const o3 = await reg('2026-10-10T02:00:00.000Z', { defectCategory: 'mechanical', severity: 'major' });
    const o4 = await reg('2026-10-12T02:00:00.000Z', { defectCategory: 'electrical', severity: 'safety' });
    // Received ten minutes ago and accepted at once: a response clock met. Same unit as o2: a repeat.
    const o5 = await reg('2026-10-20T01:50:00.000Z', { defectCategory: 'leakage', serialNo: o2.serialNo!, productModel: 'SA-45B' });

    await closeCase(o, o1.id, { day: '2026-10-20', verifiedAt: '2026-10-20T01:00:00.000Z', satisfaction: 5, shares: [['production', 10000]] });
    await closeCase(o, o2.id, { day: '2026-10-20', verifiedAt: '2026-10-20T01:10:00.000Z', satisfaction: 3, shares: [['production', 6000], ['technical', 4000]] });
    await closeCase(o, s2.id, { day: '2026-10-20', verifiedAt: '2026-10-20T01:20:00.000Z', satisfaction: 4, shares: [['technical', 10000]] });
    await driveTo(o, o3.id, 'awaiting_decision');
    await driveTo(o, o5.id, 'investigating');
    await o.edit('sales_manager', 'complaints.setEscalation', o5.id, { escalated: true, reason: '客户要求总经理答复' });
    // A safety defect: the sales manager's decision goes on to the chairman.
    await driveTo(o, o4.id, 'awaiting_decision');
    const waiting = await o.step('sales_manager', o4.id, 'decide', { reason: '安全问题，呈董事长决定', optionIndex: 0 });
    expect(waiting.state).toBe('awaiting_chairman');

    // October's costs: 500 + 200 yuan approved; one pending, one rejected (neither counts).
    await cost(o, o1.id, '2026-10-15', 50_000, 'approve');
    await cost(o, o2.id, '2026-10-16', 20_000, 'approve', 'spare_parts');
    await cost(o, o3.id, '2026-10-17', 30_000, null);
    await cost(o, o3.id, '2026-10-18', 9_900, 'reject');
    // An approved line without a responsibility decision yet: unallocated.
    await cost(o, o5.id, '2026-10-19', 12_345, 'approve');

    // Corrective actions: one overdue, one due later, one cancelled (not listed).
    await o.as('production_technology');
    const capaInput = (title: string, dueOn: string) => ({
      kind: 'corrective' as const,
      title,
      problem: '电气类缺陷占投诉首位',
      rootCause: null,
      ownerId: o.staff.production_technology,
      dueOn,
      effectivenessDueOn: null,
      actions: [],
      caseIds: [o1.id],
      source: null,
    });
    const late = await o.call('capa.create', capaInput('主控板电容更换', '2026-10-31'));
    const onTime = await o.call('capa.create', capaInput('装配工艺培训', '2026-12-31'));
    const dropped = await o.call('capa.create', capaInput('包装改进', '2026-12-31'));
    await o.as('sales_manager');
    await o.call('capa.step', { capaId: dropped.id, version: dropped.version, action: 'cancel', note: '重复' });

    // November 3rd: a case received at 01:00 on November 1st in Shanghai (October 31st in UTC).
    clock.set('2026-11-03T02:00:00.000Z');
    const n1 = await reg('2026-10-31T17:00:00.000Z', { severity: 'major' });
    await closeCase(o, o3.id, { day: '2026-11-03', verifiedAt: '2026-11-03T01:00:00.000Z', satisfaction: 1, shares: [['production', 10000]] });

    await o.as('sales_admin');
    const r: MonthlyReport = await o.call('report.get', { month: '2026-10' });

    // ------------------------------------------------------------------------------ the figures
    const rows = o.store.sqlite
      .prepare(
        `SELECT id, received_at, closed_at, state, state_changed_at, severity, escalated, escalation_level, responded_at, sla_response_due,
                on_site_at, sla_onsite_due, resolved_at, sla_resolution_due FROM complaints ORDER BY id`,
      )
      .all() as Row[];
    const byId = new Map(rows.map((x) => [x.id, x]));
    const october = [o1, o2, o3, o4, o5];
    expect(r.month).toBe('2026-10');
    expect(r.kpis.received).toBe(october.length);
    expect(r.kpis.receivedPrev).toBe(2);
    // Closed in October: o1, o2 and September's s2 (o3 closed in November, s1 in September).
    const closedInOct = [o1, o2, s2].map((c) => byId.get(c.id)!);
    expect(r.kpis.closed).toBe(3);
    const days = closedInOct.map((c) => (Date.parse(c.closed_at!) - Date.parse(c.received_at)) / 86_400_000);
    expect(r.kpis.avgDaysToClose).toBe(Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10);
    // Open on October 31st: o3 (closed in November), o4, o5; not n1 (received in November), not the closed ones.
    expect(r.kpis.open).toBe(3);
    // SLA: every clock that stopped in October, met when on or before its due instant.
    let met = 0;
    let stopped = 0;
    for (const x of rows) {
      for (const [stop, due] of [
        [x.responded_at, x.sla_response_due],
        [x.on_site_at, x.sla_onsite_due],
        [x.resolved_at, x.sla_resolution_due],
      ] as const) {
        if (!inOct(stop) || due === null) continue;
        stopped++;
        if (Date.parse(stop!) <= Date.parse(due)) met++;
      }
    }
    expect(stopped).toBeGreaterThan(3);
    expect(met, 'o5 was answered within its response target').toBeGreaterThan(0);
    expect(met).toBeLessThan(stopped);
    expect(r.kpis.slaMetBp).toBe(Math.round((met * 10000) / stopped));
    // One repeat: o5, on the unit of o2 (the default threshold is two on the same serial number).
    expect(r.kpis.repeats).toBe(1);
    // Verifications made in October: 5, 3 and 4 (September's 2 and November's 1 are not).
    expect(r.kpis.satisfactionAvg).toBe(4);
    expect(r.kpis.costs).toBe(50_000 + 20_000 + 12_345);
    expect(r.kpis.costsPrev).toBe(80_000);

    // ------------------------------------------------------------------------------ the lists
    // Safety; escalated by a person or to the department heads or the chairman; major; raised to the branch manager.
    const rank = (x: Row) =>
      x.severity === 'safety'
        ? 0
        : x.escalated === 1 || x.escalation_level === 'department_heads' || x.escalation_level === 'chairman'
          ? 1
          : x.severity === 'major'
            ? 2
            : x.escalation_level === 'branch_manager'
              ? 3
              : null;
    const serious = october
      .map((c) => byId.get(c.id)!)
      .flatMap((x) => (rank(x) === null ? [] : [{ x, rank: rank(x)! }]))
      .sort((a, b) => a.rank - b.rank || a.x.received_at.localeCompare(b.x.received_at))
      .map((e) => e.x.id);
    // o5 was escalated by the sales manager: before the major o3 whatever the rules did.
    expect(serious.indexOf(o5.id)).toBeLessThan(serious.indexOf(o3.id));
    expect(serious).toEqual(expect.arrayContaining([o3.id, o4.id, o5.id]));
    expect(serious).not.toContain(n1.id);
    expect(r.mainIssues.map((c) => c.id)).toEqual(serious);
    expect(r.mainIssues[0]).toMatchObject({ trackingNo: o4.trackingNo, severity: 'safety', state: 'awaiting_chairman', customerName: o4.customerName });

    expect(r.awaitingChairman).toEqual([
      { id: o4.id, trackingNo: o4.trackingNo, customerName: o4.customerName, since: byId.get(o4.id)!.state_changed_at, reason: expect.any(String) },
    ]);

    const departments = await o.call('departments.list', {});
    const d = (code: string) => `d:${departments.find((x) => x.code === code)!.id}`;
    // Company-borne approved lines of October split by the responsibility decisions: o1 all production,
    // o2 60/40 production/technical, o5 not decided yet.
    expect(r.costsByDepartment.map((c) => [c.key, c.amount])).toEqual([
      [d('production'), 50_000 + 12_000],
      [d('technical'), 8_000],
      ['unallocated', 12_345],
    ]);
    expect(r.costsByDepartment[0]!.label).toBe(departments.find((x) => x.code === 'production')!.name);

    expect(r.capa.map((c) => [c.capaNo, c.overdue])).toEqual([
      [late.capaNo, true],
      [onTime.capaNo, false],
    ]);

    // ------------------------------------------------------------------------ the Pareto charts
    expect(r.paretos.map((p) => p.dimension)).toEqual(['defect_category', 'product_model', 'return_reason', 'cost_type']);
    const categories = r.paretos[0]!;
    expect(categories.total).toBe(5);
    expect(categories.bars.map((b) => [b.key, b.value])).toEqual([
      ['electrical', 3],
      ['leakage', 1],
      ['mechanical', 1],
    ]);
    expect(categories.bars[0]!.cumulativeBp).toBe(6000);
    const costs = r.paretos[3]!;
    expect(costs.unit).toBe('fen');
    expect(costs.total).toBe(50_000 + 20_000 + 12_345);

    // The same figures as the previous month's report sees them from the other side.
    const sept = await o.call('report.get', { month: '2026-09' });
    expect(sept.kpis.received).toBe(2);
    expect(sept.kpis.closed).toBe(1);
    expect(sept.kpis.satisfactionAvg).toBe(2);
    expect(sept.kpis.costs).toBe(80_000);
  });

  it('answers an empty month with zeros and nulls, and refuses a malformed one', async () => {
    const o = await openOffice();
    const r = await o.call('report.get', { month: '2025-02' });
    expect(r.kpis).toEqual({
      received: 0,
      receivedPrev: 0,
      closed: 0,
      open: 0,
      slaMetBp: null,
      avgDaysToClose: null,
      repeats: 0,
      satisfactionAvg: null,
      costs: 0,
      costsPrev: 0,
    });
    expect(r.paretos.every((p) => p.bars.length === 0 && p.total === 0)).toBe(true);
    expect([r.mainIssues, r.awaitingChairman, r.costsByDepartment, r.capa]).toEqual([[], [], [], []]);
    expect((await o.fail('report.get', { month: '2025-13' })).code).toBe('VALIDATION');
    // The host has no printer here: the PDF says so instead of hanging.
    expect((await o.fail('report.pdf', { month: '2025-02', lang: 'zh-CN' })).code).toBe('INTERNAL');
  });
});
