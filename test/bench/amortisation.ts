/**
 * Amortisation at scale (issue 6's target: "with 1,000,000 cost lines, the department × month view
 * for a year under 300 ms"). Its own database: demo complaints (one per twenty lines, without the
 * lifecycle), then by raw SQL in one transaction a responsibility decision on most of them (one to
 * three of about eight departments and a few people), the approved cost lines spread over two years,
 * their amortisation entries split by largest remainder as the app splits them, and the running
 * totals. The first of the two years is closed. Then, through the dispatcher as the renderer calls
 * them: the department pivot for each year (the target), the other dimensions, a drill page, the
 * xlsx export, and re-allocating one case after a change of its decision.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { createDeskApp, type DeskApp } from '../../src/main/app';
import type { Database } from '../../src/main/db/schema';
import { allocateToBearers, parseTarget, type Bearer } from '../../src/main/rules/allocation';
import { reconcileCase } from '../../src/main/services/amortisation';
import { amortisationPivot } from '../../src/main/services/amortisation-views';
import { loadDemoData } from '../../src/main/services/demo-data';
import type { AmortisationPivot } from '../../src/shared/costs';
import { COST_TYPES } from '../../src/shared/service';
import { fmtMs, measure, rng, type BenchRow, verdict } from './stats';

export type AmortisationRow = BenchRow;

const UNTIL = new Date('2026-11-25T06:00:00.000Z');
/** Two years of months: December 2024 … November 2026. */
const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const m = 11 + i; // 0-based month index from January 2024
  return `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});
const PEOPLE = ['李明', '张伟', '王芳', '刘洋', '陈静', '赵磊'];
const EXTRA_DEPARTMENTS = ['质量部', '采购部', '物流部', '研发部', '售后服务部', '装配车间', '涂装车间', '外协管理部'];
const MANUFACTURING = new Set(['product_exchange', 'transport', 'packaging']);

async function call<T>(app: DeskApp, method: string, input: unknown): Promise<T> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

export async function benchAmortisation(opts: { costLines: number; plans?: boolean }): Promise<AmortisationRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-amortisation-'));
  const app = await createDeskApp({ dataDir: dir, version: 'bench', scheduler: false, clock: () => UNTIL, log: (m, e) => console.error(m, e) });
  const rows: AmortisationRow[] = [];
  const row = (what: string, extra: Partial<AmortisationRow> = {}) => rows.push({ what, n: '', median: '', p95: '', target: '', result: '', ...extra });
  try {
    const db = app.store.sqlite;
    const user = await app.store.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
    // Finance closes periods: the bench acts as a Finance profile.
    const t0 = performance.now();
    const complaints = await app.store.db
      .transaction()
      .execute((trx) => loadDemoData(trx, { complaints: Math.max(1000, Math.round(opts.costLines / 20)), until: UNTIL, userId: user.id, audit: false, lifecycle: false }));
    const seedComplaintsS = (performance.now() - t0) / 1000;

    // ------------------------------------------------------------------ raw SQL, one transaction
    const t1 = performance.now();
    const r = rng(6);
    const stats = db.transaction(() => {
      const now = UNTIL.toISOString();
      const addDept = db.prepare('INSERT OR IGNORE INTO departments (code, name, created_at) VALUES (?, ?, ?)');
      for (const [i, name] of EXTRA_DEPARTMENTS.entries()) addDept.run(`bench_${i}`, name, now);
      const depts = (db.prepare('SELECT id FROM departments ORDER BY id').all() as Array<{ id: number }>).map((d) => d.id).slice(0, 8);
      const ids = (db.prepare('SELECT id FROM complaints ORDER BY id').all() as Array<{ id: number }>).map((c) => c.id);

      // A decision on 85 % of the cases: one to three bearers, shares in whole percent.
      const addResp = db.prepare('INSERT INTO responsibilities (complaint_id, department_id, person_name, share_bp, note) VALUES (?, ?, ?, ?, NULL)');
      const bearers = new Map<number, Bearer[]>();
      for (const id of ids) {
        if (r() < 0.15) continue;
        const n = 1 + Math.floor(r() * 3);
        const cuts = Array.from({ length: n - 1 }, () => 1 + Math.floor(r() * 99)).sort((a, b) => a - b);
        const pts = [0, ...cuts, 100];
        const bs: Bearer[] = [];
        for (let k = 0; k < n; k++) {
          const bp = (pts[k + 1]! - pts[k]!) * 100;
          if (!bp) continue;
          const person = r() < 0.15;
          const b = { departmentId: person ? null : depts[Math.floor(r() * depts.length)]!, personName: person ? PEOPLE[Math.floor(r() * PEOPLE.length)]! : null, shareBp: bp };
          bs.push(b);
          addResp.run(id, b.departmentId, b.personName, b.shareBp);
        }
        bearers.set(id, bs);
      }

      const addLine = db.prepare(
        `INSERT INTO cost_lines (complaint_id, cost_type, incurred_on, amount, currency, fx_rate, base_amount, payer, source, source_id, description,
           state, vetted_by, vetted_at, vet_comment, reverses_id, created_by, created_at, receipt_attachment_id, cost_class)
         VALUES (?, ?, ?, ?, 'CNY', NULL, ?, ?, 'manual', NULL, NULL, 'approved', ?, ?, NULL, NULL, ?, ?, NULL, ?)`,
      );
      const addEntry = db.prepare(
        `INSERT INTO amortisation_entries (cost_line_id, complaint_id, period, department_id, person_name, cost_type, kind, share_bp, amount, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'allocation', ?, ?, ?)`,
      );
      const totals = new Map<string, number>();
      let entries = 0;
      for (let i = 0; i < opts.costLines; i++) {
        const complaintId = ids[Math.floor(r() * ids.length)]!;
        const costType = COST_TYPES[Math.floor(r() * COST_TYPES.length)]!;
        const period = MONTHS[Math.floor(r() * MONTHS.length)]!;
        const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
        const amount = 100 + Math.floor(r() ** 2 * 500_000);
        // One line in ten is recovered from someone else: approved, but not amortised.
        const recovered = r() < 0.1;
        const payer = recovered ? 'supplier' : 'company';
        const costClass = recovered ? 'recoverable_supplier' : MANUFACTURING.has(costType) ? 'manufacturing_cost' : 'after_sales_expense';
        const lineId = Number(addLine.run(complaintId, costType, `${period}-${day}`, amount, amount, payer, user.id, now, user.id, now, costClass).lastInsertRowid);
        if (recovered) continue;
        for (const [target, part] of allocateToBearers(amount, bearers.get(complaintId) ?? [])) {
          if (!part.amount) continue;
          const t = parseTarget(target);
          addEntry.run(lineId, complaintId, period, t.departmentId, t.personName, costType, part.shareBp, part.amount, now);
          entries++;
          const k = `${period}\u0000${target}\u0000${costType}`;
          totals.set(k, (totals.get(k) ?? 0) + part.amount);
        }
      }
      const addTotal = db.prepare('INSERT INTO amortisation_totals (period, target, cost_type, amount) VALUES (?, ?, ?, ?)');
      for (const [k, v] of totals) addTotal.run(...k.split('\u0000'), v);
      // The first year's books are done.
      const close = db.prepare('INSERT INTO accounting_periods (period, closed_at, closed_by) VALUES (?, ?, ?)');
      for (const p of MONTHS.filter((m) => m < '2026-01')) close.run(p, now, user.id);
      return { entries, totals: totals.size, cases: ids.length, decided: bearers.size };
    })();
    const seedS = (performance.now() - t1) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    console.log(
      `amortisation: ${complaints.toLocaleString('en')} demo complaints in ${seedComplaintsS.toFixed(1)} s; ` +
        `${opts.costLines.toLocaleString('en')} approved cost lines, ${stats.entries.toLocaleString('en')} entries, ${stats.totals.toLocaleString('en')} total rows ` +
        `(${stats.decided.toLocaleString('en')} of ${stats.cases.toLocaleString('en')} cases decided) by raw SQL in ${seedS.toFixed(1)} s`,
    );
    row(`seeding ${opts.costLines.toLocaleString('en')} cost lines + ${stats.entries.toLocaleString('en')} entries (raw SQL, one transaction)`, {
      median: `${seedS.toFixed(1)} s`,
    });

    // The views read what the store says: the pivot's grand total against a plain SUM of the entries.
    for (const year of [2025, 2026]) {
      const p = await call<AmortisationPivot>(app, 'amortisation.pivot', { year, dimension: 'department' });
      const sum = (db.prepare(`SELECT coalesce(sum(amount), 0) AS n FROM amortisation_entries WHERE period BETWEEN ? AND ?`).get(`${year}-01`, `${year}-12`) as { n: number }).n;
      if (p.total !== sum) throw new Error(`pivot ${year}: ${p.total} ≠ sum of entries ${sum}`);
    }

    // ---------------------------------------------------------------------------- the target
    for (const year of [2026, 2025]) {
      const s = await measure(() => call(app, 'amortisation.pivot', { year, dimension: 'department' }), { warmup: 5, iterations: 50 });
      row(`amortisation.pivot department × month, ${year} via dispatcher${year === 2025 ? ' (closed year)' : ''}`, {
        n: String(s.ms.length),
        median: fmtMs(s.median),
        p95: fmtMs(s.p95),
        target: '< 300 ms p95',
        result: verdict(s.p95 < 300),
      });
    }
    const ct = await measure(() => call(app, 'amortisation.pivot', { year: 2026, dimension: 'cost_type' }), { warmup: 3, iterations: 30 });
    row('amortisation.pivot cost type × month, 2026', { n: String(ct.ms.length), median: fmtMs(ct.median), p95: fmtMs(ct.p95) });
    for (const dimension of ['product_line', 'customer'] as const) {
      const s = await measure(() => call(app, 'amortisation.pivot', { year: 2026, dimension }), { warmup: 1, iterations: 5 });
      row(`amortisation.pivot ${dimension} × month, 2026 (sums the year's entries)`, { n: String(s.ms.length), median: fmtMs(s.median), p95: fmtMs(s.p95) });
    }
    const top = (await call<AmortisationPivot>(app, 'amortisation.pivot', { year: 2026, dimension: 'department' })).rows[0]!;
    const drill = await measure((i) => call(app, 'amortisation.drill', { year: 2026, dimension: 'department', key: top.key, month: 1 + (i % 11), offset: 0, limit: 100 }), {
      warmup: 3,
      iterations: 30,
    });
    row(`amortisation.drill: a department, one month, first page of 100`, { n: String(drill.ms.length), median: fmtMs(drill.median), p95: fmtMs(drill.p95) });
    const xlsx = await measure(() => call(app, 'amortisation.exportXlsx', { year: 2026, dimension: 'department' }), { warmup: 1, iterations: 10 });
    row('amortisation.exportXlsx department, 2026', { n: String(xlsx.ms.length), median: fmtMs(xlsx.median), p95: fmtMs(xlsx.p95) });

    // A change of decision on a busy case: its lines re-allocated (closed 2025 → adjustments in the open month).
    const busy = db
      .prepare('SELECT l.complaint_id AS id, count(*) AS n, c.received_at AS at FROM cost_lines l JOIN complaints c ON c.id = l.complaint_id GROUP BY l.complaint_id ORDER BY n DESC LIMIT 1')
      .get() as { id: number; n: number; at: string };
    const depts = (db.prepare('SELECT id FROM departments ORDER BY id LIMIT 2').all() as Array<{ id: number }>).map((d) => d.id);
    let flip = 0;
    const re = await measure(
      async () => {
        flip++;
        await app.store.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('responsibilities').where('complaint_id', '=', busy.id).execute();
          await trx.insertInto('responsibilities').values({ complaint_id: busy.id, department_id: depts[flip % 2]!, person_name: null, share_bp: 10000, note: null, received_at: busy.at }).execute();
          await reconcileCase(trx, busy.id, UNTIL);
        });
      },
      { warmup: 0, iterations: 10 },
    );
    row(`reconcileCase after a change of decision: ${busy.n} lines of one case`, { n: String(re.ms.length), median: fmtMs(re.median), p95: fmtMs(re.p95) });

    if (opts.plans) {
      for (const dimension of ['department', 'product_line', 'customer'] as const) {
        // A Kysely over the same handle that records what the pivot compiles; its first query is the aggregate.
        const seen: CompiledQuery[] = [];
        const spy = new Kysely<Database>({ dialect: new SqliteDialect({ database: db }), log: (e) => void seen.push(e.query) });
        await amortisationPivot(spy, 2026, dimension);
        const q = seen[0]!;
        console.log(`\npivot ${dimension}\n  ${q.sql}`);
        for (const p of db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>) console.log(`    ${p.detail}`);
        // Not destroyed: destroying the dialect would close the shared handle.
      }
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
