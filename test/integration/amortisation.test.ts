import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcileCase, reconcileLine } from '../../src/main/services/amortisation';
import { allocateToBearers } from '../../src/main/rules/allocation';
import { driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * Amortisation (issue 6): approved company-borne lines split over the responsibility decision,
 * periods that Finance closes, adjustments in the open month, the views and the export.
 * Lines are written straight into the store (vetting is the costs part's); the responsibility
 * decision goes through `complaints.saveResponsibility`, whose hook re-allocates.
 */

interface LineSpec {
  complaintId: number;
  incurredOn: string;
  amount: number;
  costType?: string;
  costClass?: string;
  state?: string;
  reversesId?: number | null;
}

function addLine(o: Office, s: LineSpec): number {
  const r = o.store.sqlite
    .prepare(
      `INSERT INTO cost_lines (complaint_id, cost_type, incurred_on, amount, currency, fx_rate, base_amount, payer, source, source_id,
         description, state, vetted_by, vetted_at, vet_comment, reverses_id, created_by, created_at, receipt_attachment_id, cost_class)
       VALUES (?, ?, ?, ?, 'CNY', NULL, ?, 'company', 'manual', NULL, NULL, ?, ?, ?, NULL, ?, ?, ?, NULL, ?)`,
    )
    .run(
      s.complaintId,
      s.costType ?? 'travel',
      s.incurredOn,
      s.amount,
      s.amount,
      s.state ?? 'approved',
      o.staff.finance,
      '2026-11-20T00:00:00.000Z',
      s.reversesId ?? null,
      o.staff.finance,
      '2026-11-20T00:00:00.000Z',
      s.costClass ?? 'after_sales_expense',
    );
  return Number(r.lastInsertRowid);
}

interface EntryRow {
  id: number;
  cost_line_id: number;
  period: string;
  department_id: number | null;
  person_name: string | null;
  cost_type: string;
  kind: string;
  share_bp: number;
  amount: number;
}
const entries = (o: Office, lineId?: number): EntryRow[] =>
  o.store.sqlite
    .prepare(
      `SELECT id, cost_line_id, period, department_id, person_name, cost_type, kind, share_bp, amount FROM amortisation_entries
        ${lineId === undefined ? '' : 'WHERE cost_line_id = ?'} ORDER BY id`,
    )
    .all(...(lineId === undefined ? [] : [lineId])) as EntryRow[];
const totals = (o: Office) =>
  o.store.sqlite.prepare('SELECT period, target, cost_type, amount FROM amortisation_totals WHERE amount <> 0 ORDER BY period, target, cost_type').all();
/** The running totals as the entries say they should be. */
const totalsFromEntries = (o: Office) =>
  o.store.sqlite
    .prepare(
      `SELECT period, CASE WHEN department_id IS NOT NULL THEN 'd:' || department_id WHEN person_name IS NOT NULL THEN 'p:' || person_name ELSE 'unallocated' END AS target,
              cost_type, sum(amount) AS amount
         FROM amortisation_entries GROUP BY 1, 2, 3 HAVING sum(amount) <> 0 ORDER BY 1, 2, 3`,
    )
    .all();
const short = (e: EntryRow) => ({
  period: e.period,
  dept: e.department_id,
  person: e.person_name,
  kind: e.kind,
  amount: e.amount,
});

async function investigatingCase(o: Office, over: Parameters<typeof registerCase>[2] = {}) {
  const c = await registerCase(o, 'quality', over);
  await driveTo(o, c.id, 'investigating');
  return c.id;
}

describe('amortisation', () => {
  it('allocates, re-allocates in the open period, and adjusts after a close', async () => {
    const o = await openOffice();
    const depts = await o.call('departments.list', {});
    const production = depts.find((d) => d.code === 'production')!.id;
    const id = await investigatingCase(o);
    const now = new Date('2026-11-21T03:00:00Z');

    // Approved, no responsibility decision yet: all of it unallocated, in the line's own month.
    const line = addLine(o, {
      complaintId: id,
      incurredOn: '2026-10-15',
      amount: 100_001,
    });
    await reconcileLine(o.store.db, line, now);
    expect(entries(o, line).map(short)).toEqual([
      {
        period: '2026-10',
        dept: null,
        person: null,
        kind: 'allocation',
        amount: 100_001,
      },
    ]);
    expect(totals(o)).toEqual([
      {
        period: '2026-10',
        target: 'unallocated',
        cost_type: 'travel',
        amount: 100_001,
      },
    ]);

    // The decision is saved: re-allocated in the (still open) month, by largest remainder.
    await o.edit('sales_admin', 'complaints.saveResponsibility', id, {
      entries: [
        { departmentId: production, shareBp: 6000 },
        { personName: '李明', shareBp: 4000 },
      ],
    });
    expect(entries(o, line).map(short)).toEqual([
      {
        period: '2026-10',
        dept: production,
        person: null,
        kind: 'allocation',
        amount: 60_001,
      },
      {
        period: '2026-10',
        dept: null,
        person: '李明',
        kind: 'allocation',
        amount: 40_000,
      },
    ]);
    expect(totals(o)).toEqual(totalsFromEntries(o));
    expect(totals(o)).toHaveLength(2);

    // Idempotent: running it again writes nothing.
    const before = entries(o);
    await reconcileLine(o.store.db, line, now);
    await reconcileCase(o.store.db, id, now);
    expect(entries(o)).toEqual(before);

    // Finance closes October; then the decision changes: October stays, November gets the adjustments.
    await o.as('finance');
    const closed = await o.call('periods.close', { period: '2026-10' });
    expect(closed).toMatchObject({
      period: '2026-10',
      closed: true,
      closedBy: 'finance 1',
    });
    const oct = entries(o).filter((e) => e.period === '2026-10');
    await o.edit('sales_admin', 'complaints.saveResponsibility', id, {
      entries: [{ departmentId: production, shareBp: 10000 }],
    });
    expect(entries(o).filter((e) => e.period === '2026-10')).toEqual(oct);
    expect(
      entries(o, line)
        .filter((e) => e.period === '2026-11')
        .map(short),
    ).toEqual([
      {
        period: '2026-11',
        dept: production,
        person: null,
        kind: 'adjustment',
        amount: 40_000,
      },
      {
        period: '2026-11',
        dept: null,
        person: '李明',
        kind: 'adjustment',
        amount: -40_000,
      },
    ]);
    expect(totals(o)).toEqual(totalsFromEntries(o));
    const perTarget = o.store.sqlite.prepare('SELECT target, sum(amount) AS amount FROM amortisation_totals GROUP BY target ORDER BY target').all() as Array<{
      target: string;
      amount: number;
    }>;
    expect(perTarget).toEqual([
      { target: `d:${production}`, amount: 100_001 },
      { target: 'p:李明', amount: 0 },
      { target: 'unallocated', amount: 0 },
    ]);

    // A line approved later whose month is already closed lands in the open month as an adjustment.
    const late = addLine(o, {
      complaintId: id,
      incurredOn: '2026-10-30',
      amount: 5_000,
      costType: 'transport',
      costClass: 'manufacturing_cost',
    });
    await reconcileLine(o.store.db, late, now);
    expect(entries(o, late).map(short)).toEqual([
      {
        period: '2026-11',
        dept: production,
        person: null,
        kind: 'adjustment',
        amount: 5_000,
      },
    ]);

    // A recoverable cost is not the company's: nothing amortised. A pending line neither.
    const recoverable = addLine(o, {
      complaintId: id,
      incurredOn: '2026-11-02',
      amount: 7_000,
      costClass: 'recoverable_supplier',
    });
    const pending = addLine(o, {
      complaintId: id,
      incurredOn: '2026-11-02',
      amount: 7_000,
      state: 'pending',
    });
    await reconcileCase(o.store.db, id, now);
    expect(entries(o, recoverable)).toEqual([]);
    expect(entries(o, pending)).toEqual([]);

    // A reversal nets the line to zero for every target.
    const reversal = addLine(o, {
      complaintId: id,
      incurredOn: '2026-11-05',
      amount: -5_000,
      costType: 'transport',
      costClass: 'manufacturing_cost',
      reversesId: late,
    });
    await reconcileLine(o.store.db, reversal, now);
    const net = o.store.sqlite
      .prepare(`SELECT sum(amount) AS n FROM amortisation_entries WHERE cost_line_id IN (?, ?) GROUP BY department_id, person_name`)
      .all(late, reversal) as Array<{ n: number }>;
    expect(net.map((r) => r.n)).toEqual([0]);
    expect(totals(o)).toEqual(totalsFromEntries(o));

    // The audit trail has the close as an office event.
    const ev = o.allEvents().filter((e) => e.kind === 'period_closed');
    expect(ev).toMatchObject([
      {
        complaintId: null,
        actorId: o.staff.finance,
        field: 'period:2026-10',
        after: { period: '2026-10' },
      },
    ]);
  });

  it('closes only past or current months, only once, and only as Finance; the store guards closed entries', async () => {
    const o = await openOffice();
    const id = await investigatingCase(o);
    const line = addLine(o, {
      complaintId: id,
      incurredOn: '2026-09-10',
      amount: 300,
    });
    await reconcileLine(o.store.db, line, new Date('2026-11-21T03:00:00Z'));

    await o.as('sales_manager');
    expect((await o.fail('periods.close', { period: '2026-09' })).code).toBe('FORBIDDEN');
    await o.as('finance');
    const future = await o.fail('periods.close', { period: '2026-12' });
    expect(future).toMatchObject({
      code: 'FORBIDDEN',
      issues: [{ path: 'workflow', code: 'period_in_future' }],
    });
    // The current month (November 2026 in Shanghai on the test clock) may be closed.
    await o.call('periods.close', { period: '2026-09' });
    expect(await o.fail('periods.close', { period: '2026-09' })).toMatchObject({
      issues: [{ code: 'period_closed' }],
    });
    expect((await o.fail('periods.close', { period: '2026-9' })).code).toBe('VALIDATION');

    const list = await o.call('periods.list', { year: 2026 });
    expect(list).toHaveLength(12);
    expect(list.filter((p) => p.closed).map((p) => p.period)).toEqual(['2026-09']);

    const [e] = entries(o, line);
    const db = o.store.sqlite;
    expect(() => db.prepare('UPDATE amortisation_entries SET amount = 1 WHERE id = ?').run(e!.id)).toThrow(/closed/);
    expect(() => db.prepare('DELETE FROM amortisation_entries WHERE id = ?').run(e!.id)).toThrow(/closed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO amortisation_entries (cost_line_id, complaint_id, period, cost_type, kind, share_bp, amount, created_at)
           VALUES (?, ?, '2026-09', 'travel', 'adjustment', 0, 1, 'x')`,
        )
        .run(line, id),
    ).toThrow(/closed/);
    expect(list.find((p) => p.period === '2026-11')!.closed).toBe(false);
    expect((await o.call('periods.close', { period: '2026-11' })).closed).toBe(true);
  });

  it('pivots, drills down and exports', async () => {
    const o = await openOffice();
    const depts = await o.call('departments.list', {});
    const production = depts.find((d) => d.code === 'production')!;
    const other = depts.find((d) => d.code !== 'production')!;
    const a = await investigatingCase(o);
    const b = await investigatingCase(o, {
      newCustomer: { name: '无锡宏远压缩机有限公司', region: '无锡' },
      productModel: 'SA-55B',
      serialNo: 'SA55B2500001',
    });
    const now = new Date('2026-11-21T03:00:00Z');
    await o.edit('sales_admin', 'complaints.saveResponsibility', a, {
      entries: [
        { departmentId: production.id, shareBp: 5000 },
        { departmentId: other.id, shareBp: 5000 },
      ],
    });
    const lines = [
      addLine(o, { complaintId: a, incurredOn: '2026-01-31', amount: 12_345 }),
      addLine(o, {
        complaintId: a,
        incurredOn: '2026-03-01',
        amount: 99_999,
        costType: 'spare_parts',
        costClass: 'manufacturing_cost',
      }),
      addLine(o, { complaintId: a, incurredOn: '2025-12-31', amount: 70_000 }),
      addLine(o, { complaintId: b, incurredOn: '2026-03-15', amount: 55_555 }),
      addLine(o, { complaintId: b, incurredOn: '2026-07-04', amount: 1 }),
    ];
    for (const l of lines) await reconcileLine(o.store.db, l, now);

    const sumOf = (where: string) =>
      (o.store.sqlite.prepare(`SELECT coalesce(sum(amount), 0) AS n FROM amortisation_entries WHERE ${where}`).get() as { n: number }).n;
    const yearSum = sumOf(`period BETWEEN '2026-01' AND '2026-12'`);
    expect(yearSum).toBe(12_345 + 99_999 + 55_555 + 1);

    for (const dimension of ['department', 'cost_type', 'product_line', 'customer'] as const) {
      const p = await o.call('amortisation.pivot', { year: 2026, dimension });
      expect(p.total, dimension).toBe(yearSum);
      expect(p.rows.reduce((s, r) => s + r.total, 0)).toBe(p.total);
      for (const r of p.rows) expect(r.months.reduce((s, v) => s + v, 0)).toBe(r.total);
      p.months.forEach((m, i) => {
        expect(m).toBe(p.rows.reduce((s, r) => s + r.months[i]!, 0));
        expect(m).toBe(sumOf(`period = '2026-${String(i + 1).padStart(2, '0')}'`));
      });
      expect(p.periods).toHaveLength(12);
    }
    const dep = await o.call('amortisation.pivot', {
      year: 2026,
      dimension: 'department',
    });
    const prodRow = dep.rows.find((r) => r.key === String(production.id))!;
    // 12,345 split 50/50: 6,173 to the first named, 6,172 to the second; 99,999 → 50,000 / 49,999.
    expect(prodRow).toMatchObject({
      label: production.name,
      total: 6_173 + 50_000,
    });
    expect(prodRow.months.slice(0, 3)).toEqual([6_173, 0, 50_000]);
    expect(dep.rows.at(-1)).toMatchObject({
      key: 'unallocated',
      label: 'unallocated',
      total: 55_556,
    });
    expect(prodRow.total).toBe(sumOf(`department_id = ${production.id} AND period LIKE '2026-%'`));
    const customer = await o.call('amortisation.pivot', {
      year: 2026,
      dimension: 'customer',
    });
    expect(customer.rows.map((r) => [r.label, r.total])).toEqual([
      ['苏州恒达机械有限公司', 12_345 + 99_999],
      ['无锡宏远压缩机有限公司', 55_556],
    ]);

    // Drill: the production row for the year, paged; one month; the unallocated row.
    const all = await o.call('amortisation.drill', {
      year: 2026,
      dimension: 'department',
      key: String(production.id),
      offset: 0,
      limit: 1,
    });
    expect(all.total).toBe(2);
    expect(all.rows).toHaveLength(1);
    const next = await o.call('amortisation.drill', {
      year: 2026,
      dimension: 'department',
      key: String(production.id),
      offset: 1,
      limit: 1,
    });
    expect([...all.rows, ...next.rows].map((r) => [r.period, r.amount, r.costType, r.kind])).toEqual([
      ['2026-03', 50_000, 'spare_parts', 'allocation'],
      ['2026-01', 6_173, 'travel', 'allocation'],
    ]);
    const file = await o.file(a);
    expect(all.rows[0]).toMatchObject({
      complaintId: a,
      trackingNo: file.trackingNo,
      customerName: '苏州恒达机械有限公司',
      departmentName: production.name,
      shareBp: 5000,
      costLineId: lines[1],
    });
    const march = await o.call('amortisation.drill', {
      year: 2026,
      dimension: 'department',
      key: 'unallocated',
      month: 3,
    });
    expect(march.rows.map((r) => [r.amount, r.departmentId, r.personName])).toEqual([[55_555, null, null]]);
    const byType = await o.call('amortisation.drill', {
      year: 2026,
      dimension: 'cost_type',
      key: 'spare_parts',
    });
    expect(byType.total).toBe(2);
    const pl = (
      await o.call('amortisation.pivot', {
        year: 2026,
        dimension: 'product_line',
      })
    ).rows[0]!;
    const plDrill = await o.call('amortisation.drill', {
      year: 2026,
      dimension: 'product_line',
      key: pl.key,
      limit: 500,
    });
    expect(plDrill.rows.reduce((s, r) => s + r.amount, 0)).toBe(pl.total);

    // The export, read back with exceljs.
    const x = await o.call('amortisation.exportXlsx', {
      year: 2026,
      dimension: 'department',
    });
    expect(x.fileName).toBe('amortisation-department-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.data, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('部门 Department');
    expect(ws.getCell('B1').value).toBe('2026-01');
    expect(ws.getCell('N1').value).toBe('合计 Total');
    const rowOf = (label: string) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return ws.getRow(r);
      throw new Error(`no row ${label}`);
    };
    const pr = rowOf(production.name);
    expect(pr.getCell(2).value).toBe(61.73);
    expect(pr.getCell(4).value).toBe(500);
    expect(pr.getCell(14).value).toBe(561.73);
    expect(pr.getCell(2).numFmt).toBe('#,##0.00');
    expect(rowOf('未分摊 Unallocated').getCell(14).value).toBe(555.56);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('合计 Total');
    expect(last.getCell(14).value).toBe(yearSum / 100);
    expect(ws.rowCount).toBe(dep.rows.length + 2);
  });

  it('property: after any change of responsibility and closes, entries and totals stay in step and reconciling again changes nothing', async () => {
    const o = await openOffice();
    const depts = (await o.call('departments.list', {})).map((d) => d.id);
    const id = await investigatingCase(o);
    const now = new Date('2026-11-21T03:00:00Z');
    let year = 2000;
    const bearers = fc.array(
      fc.record({
        dept: fc.option(fc.constantFrom(...depts), { nil: null }),
        person: fc.constantFrom('李明', '张伟'),
        w: fc.integer({ min: 1, max: 50 }),
      }),
      { maxLength: 4 },
    );
    const toShares = (bs: Array<{ dept: number | null; person: string; w: number }>) => {
      if (!bs.length) return [];
      const sum = bs.reduce((s, b) => s + b.w, 0);
      const bp = bs.map((b) => Math.floor((b.w * 10000) / sum));
      bp[0]! += 10000 - bp.reduce((s, v) => s + v, 0);
      return bs
        .map((b, i) => ({
          departmentId: b.dept,
          personName: b.dept === null ? b.person : null,
          shareBp: bp[i]!,
        }))
        .filter((b) => b.shareBp > 0);
    };
    const setBearers = (bs: ReturnType<typeof toShares>) => {
      o.store.sqlite.prepare('DELETE FROM responsibilities WHERE complaint_id = ?').run(id);
      for (const b of bs)
        o.store.sqlite
          .prepare('INSERT INTO responsibilities (complaint_id, department_id, person_name, share_bp) VALUES (?, ?, ?, ?)')
          .run(id, b.departmentId, b.personName, b.shareBp);
    };

    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            month: fc.integer({ min: 1, max: 12 }),
            amount: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((v) => v !== 0),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        bearers,
        bearers,
        fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
        async (specs, first, second, closing) => {
          year += 1;
          // Each run in a transaction rolled back afterwards: every run starts from the same store.
          o.store.sqlite.exec('BEGIN');
          try {
            await run(specs, first, second, closing);
          } finally {
            o.store.sqlite.exec('ROLLBACK');
          }
        },
      ),
      { numRuns: 60 },
    );

    async function run(
      specs: Array<{ month: number; amount: number }>,
      first: Array<{ dept: number | null; person: string; w: number }>,
      second: Array<{ dept: number | null; person: string; w: number }>,
      closing: number[],
    ) {
      {
        const ym = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
        const ids = specs.map((s) =>
          addLine(o, {
            complaintId: id,
            incurredOn: `${ym(s.month)}-10`,
            amount: s.amount,
          }),
        );
        setBearers(toShares(first));
        await reconcileCase(o.store.db, id, now);
        for (const m of closing)
          o.store.sqlite
            .prepare('INSERT INTO accounting_periods (period, closed_at, closed_by) VALUES (?, ?, ?)')
            .run(ym(m), now.toISOString(), o.staff.finance);
        const closedBefore = entries(o).filter((e) => e.period.startsWith(`${year}-`) && closing.includes(Number(e.period.slice(5))));
        const final = toShares(second);
        setBearers(final);
        await reconcileCase(o.store.db, id, now);
        // Closed months untouched; per line and target, the entries add up to what the decision says.
        expect(entries(o).filter((e) => closedBefore.some((c) => c.id === e.id))).toEqual(closedBefore);
        specs.forEach((s, i) => {
          const want = allocateToBearers(s.amount, final);
          const got = new Map<string, number>();
          for (const e of entries(o, ids[i]!)) {
            const t = e.department_id !== null ? `d:${e.department_id}` : e.person_name !== null ? `p:${e.person_name}` : 'unallocated';
            got.set(t, (got.get(t) ?? 0) + e.amount);
          }
          for (const [t, v] of got) expect(v).toBe(want.get(t)?.amount ?? 0);
          for (const [t, v] of want) expect(got.get(t) ?? 0).toBe(v.amount);
        });
        expect(totals(o)).toEqual(totalsFromEntries(o));
        const snapshot = { e: entries(o), t: totals(o) };
        for (const l of ids) await reconcileLine(o.store.db, l, now);
        await reconcileCase(o.store.db, id, now);
        expect({ e: entries(o), t: totals(o) }).toEqual(snapshot);
      }
    }
  });
});
