/**
 * The report benchmark's data (issue 7): a million complaints in the default heap and a few minutes.
 *
 * 1. `loadDemoData` with the lifecycle for a base of `base` complaints (20,000 by default): the demo
 *    office's customers, models, people and departments, and cases walked along the procedure —
 *    states (awaiting the chairman among them), SLA clocks, decisions, responsibilities,
 *    verifications, a few CAPAs. Its distributions are the demo's: two years with an upward trend,
 *    Pareto-like categories, models and customers. On the base, what the scheduler would compute
 *    (the app is opened without it): the engine's repeat counts (a seeded random stream: most cases
 *    a customer's first in the window, a few past the thresholds) and the SLA due instants
 *    (response 4 h, on site 2 days, resolution 10 days after receipt).
 * 2. Raw SQL, one INSERT … SELECT per copy (a batch of `base` rows): copies of the base cases with
 *    ids `id + k·base` and tracking numbers `<no>-<k>`, and their responsibilities, treatment options
 *    and verifications. A copy keeps its case's instants, so the months, states and clocks keep the
 *    base's distribution at `complaints / base` times the volume. The indexes of these tables are
 *    dropped while copying and built again after (from their own `CREATE INDEX` text); the store's
 *    connection runs with synchronous=OFF and a larger cache meanwhile, then as the app opens it.
 * 3. What the demo has little of, by prepared statements over batches of 20,000 cases with a seeded
 *    random stream: a return on 5 % of the decided cases (10 % of them refused), a cost line on 30 %
 *    of them (90 % approved, as after-sales expense) with its amortisation entries over the case's
 *    responsibility shares and the running totals, and forty CAPAs in every state, some overdue.
 *
 * Not copied: the audit trail (events), investigations, agreements, acceptances, contacts, visits
 * and parts — nothing the monthly report reads.
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database as Schema } from '../../src/main/db/schema';
import { loadDemoData } from '../../src/main/services/demo-data';
import { COST_TYPES } from '../../src/shared/service';
import { rng } from './stats';

export interface SeedResult {
  complaints: number;
  base: number;
  copies: number;
  responsibilities: number;
  verifications: number;
  rmas: number;
  costLines: number;
  amortisationEntries: number;
  capas: number;
  seconds: { base: number; copies: number; indexes: number; extras: number };
}

const BASE = 20_000;

function cols(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

export async function seedReportBench(
  db: Kysely<Schema>,
  sqlite: Database.Database,
  opts: { complaints: number; until: Date; userId: number; base?: number; log?: (m: string) => void },
): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const base = Math.min(opts.complaints, opts.base ?? BASE);
  const t0 = performance.now();
  await db.transaction().execute((trx) => loadDemoData(trx, { complaints: base, until: opts.until, userId: opts.userId, audit: false }));
  const tBase = (performance.now() - t0) / 1000;
  log(`  base: ${base.toLocaleString('en')} demo complaints with the lifecycle in ${tBase.toFixed(1)} s`);

  const maxId = (sqlite.prepare('SELECT max(id) AS m FROM complaints').get() as { m: number }).m;
  if (maxId !== base) throw new Error(`the base complaints are not ids 1…${base} (max id ${maxId})`);

  const pragmas = { synchronous: sqlite.pragma('synchronous', { simple: true }), cache: sqlite.pragma('cache_size', { simple: true }) };
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  try {
    // ------------------------------------------------------------------ the engine's repeat counts
    // Like the scheduler's: most cases are a customer's first in the window, a few reach the thresholds.
    const r = rng(11);
    {
      const set = sqlite.prepare('UPDATE complaints SET repeat_customer = ?, repeat_model = ?, repeat_serial = ?, repeat_window = 90 WHERE id = ?');
      sqlite.transaction(() => {
        for (let id = 1; id <= base; id++) {
          const c = r() < 0.06 ? 5 + Math.floor(r() * 6) : 1 + Math.floor(r() * 4);
          const m = r() < 0.1 ? 3 + Math.floor(r() * 4) : 1 + Math.floor(r() * 2);
          const s = r() < 0.03 ? 2 : 1;
          set.run(c, m, s, id);
        }
      })();
    }

    // The engine's SLA due instants (the scheduler would set them; the demo leaves them to it): a
    // response within 4 hours, on site within 2 days, resolution within 10 days of receipt.
    const due = (h: number) => `strftime('%Y-%m-%dT%H:%M:%fZ', received_at, '+${h} hours')`;
    sqlite.exec(`UPDATE complaints SET sla_response_due = ${due(4)}, sla_onsite_due = CASE WHEN on_site_at IS NOT NULL THEN ${due(48)} END,
                   sla_resolution_due = ${due(240)}, sla_due_at = ${due(240)}`);

    // ------------------------------------------------------------------ copies of the base
    const copies = Math.ceil(opts.complaints / base) - 1;
    const t1 = performance.now();
    const indexes = sqlite
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('complaints', 'responsibilities', 'treatment_options', 'verifications') AND sql IS NOT NULL`)
      .all() as Array<{ name: string; sql: string }>;
    for (const ix of indexes) sqlite.exec(`DROP INDEX "${ix.name}"`);

    const complaintCols = cols(sqlite, 'complaints').filter((c) => c !== 'id' && c !== 'tracking_no');
    const copyCases = sqlite.prepare(
      `INSERT INTO complaints (id, tracking_no, ${complaintCols.join(', ')})
       SELECT id + @k * @base, tracking_no || '-' || @k, ${complaintCols.join(', ')} FROM complaints WHERE id <= @upto`,
    );
    const child = (table: string) => {
      const c = cols(sqlite, table).filter((x) => x !== 'id' && x !== 'complaint_id');
      return sqlite.prepare(
        `INSERT INTO ${table} (complaint_id, ${c.join(', ')}) SELECT complaint_id + @k * @base, ${c.join(', ')} FROM ${table} WHERE complaint_id <= @upto`,
      );
    };
    const children = ['responsibilities', 'treatment_options', 'verifications'].map(child);
    for (let k = 1; k <= copies; k++) {
      const upto = Math.min(base, opts.complaints - k * base);
      sqlite.transaction(() => {
        copyCases.run({ k, base, upto });
        for (const s of children) s.run({ k, base, upto });
      })();
      if (k % 10 === 0 || k === copies) log(`  copies: ${(k * base + upto).toLocaleString('en')} complaints so far`);
    }
    const tCopies = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    for (const ix of indexes) sqlite.exec(ix.sql);
    const tIndexes = (performance.now() - t2) / 1000;
    log(`  copies: ${copies} × ${base.toLocaleString('en')} in ${tCopies.toFixed(1)} s, ${indexes.length} indexes rebuilt in ${tIndexes.toFixed(1)} s`);

    // ------------------------------------------------------------------ returns, costs, amortisation
    const t3 = performance.now();
    const total = (sqlite.prepare('SELECT count(*) AS n FROM complaints').get() as { n: number }).n;
    const addRma = sqlite.prepare(
      `INSERT INTO rmas (complaint_id, state, quantity, reason, requested_by, requested_at) VALUES (?, ?, 1, '退货返修', ?, ?)`,
    );
    const setRma = sqlite.prepare('UPDATE complaints SET rma_state = ? WHERE id = ?');
    const addLine = sqlite.prepare(
      `INSERT INTO cost_lines (complaint_id, cost_type, incurred_on, amount, currency, fx_rate, base_amount, payer, source, source_id, description,
         state, vetted_by, vetted_at, vet_comment, reverses_id, created_by, created_at, receipt_attachment_id, cost_class)
       VALUES (?, ?, ?, ?, 'CNY', NULL, ?, 'company', 'manual', NULL, NULL, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?)`,
    );
    const addEntry = sqlite.prepare(
      `INSERT INTO amortisation_entries (cost_line_id, complaint_id, period, department_id, person_name, cost_type, kind, share_bp, amount, created_at)
       VALUES (?, ?, ?, ?, NULL, ?, 'allocation', ?, ?, ?)`,
    );
    const addTotal = sqlite.prepare(
      `INSERT INTO amortisation_totals (period, target, cost_type, amount) VALUES (?, ?, ?, ?)
       ON CONFLICT (period, target, cost_type) DO UPDATE SET amount = amount + excluded.amount`,
    );
    const casesIn = sqlite.prepare(
      `SELECT c.id, c.received_at AS at, c.decided_at AS decided, c.state,
              (SELECT group_concat(r.department_id || ':' || r.share_bp) FROM responsibilities r WHERE r.complaint_id = c.id AND r.department_id IS NOT NULL) AS shares
         FROM complaints c WHERE c.id > ? AND c.id <= ? AND c.chosen_option IS NOT NULL AND c.state != 'rejected'`,
    );
    const typeWeights = COST_TYPES.map((t, i) => [t, 1 / (i + 1) ** 0.9] as const);
    const typeTotal = typeWeights.reduce((s, [, w]) => s + w, 0);
    const costType = () => {
      let x = r() * typeTotal;
      for (const [t, w] of typeWeights) if ((x -= w) < 0) return t;
      return typeWeights[0]![0];
    };
    const n = { rmas: 0, lines: 0, entries: 0 };
    const BATCH = 20_000;
    for (let lo = 0; lo < total; lo += BATCH) {
      const cases = casesIn.all(lo, lo + BATCH) as Array<{ id: number; at: string; decided: string | null; state: string; shares: string | null }>;
      sqlite.transaction(() => {
        for (const c of cases) {
          const when = c.decided ?? c.at;
          if (r() < 0.05) {
            const refused = r() < 0.1;
            addRma.run(c.id, refused ? 'rejected' : 'received', opts.userId, when);
            setRma.run(refused ? 'rejected' : 'received', c.id);
            n.rmas++;
          }
          if (r() < 0.3) {
            const amount = 100 + Math.floor(r() ** 2 * 800_000);
            const type = costType();
            // Incurred a few days after the decision, as an office date (UTC+8 is near enough here).
            const incurred = new Date(Date.parse(when) + (8 + Math.floor(r() * 24 * 10)) * 3600_000).toISOString().slice(0, 10);
            const approved = r() < 0.9;
            const line = addLine.run(c.id, type, incurred, amount, amount, approved ? 'approved' : 'pending', approved ? opts.userId : null, approved ? when : null, opts.userId, when, approved ? 'after_sales_expense' : null);
            n.lines++;
            if (!approved) continue;
            const period = incurred.slice(0, 7);
            const shares = (c.shares ?? '').split(',').filter(Boolean).map((s) => s.split(':').map(Number) as [number, number]);
            if (!shares.length) {
              addEntry.run(line.lastInsertRowid, c.id, period, null, type, 10000, amount, when);
              addTotal.run(period, 'unallocated', type, amount);
              n.entries++;
              continue;
            }
            let left = amount;
            shares.forEach(([dept, bp], i) => {
              const part = i === shares.length - 1 ? left : Math.round((amount * bp) / 10000);
              left -= part;
              addEntry.run(line.lastInsertRowid, c.id, period, dept, type, bp, part, when);
              addTotal.run(period, `d:${dept}`, type, part);
              n.entries++;
            });
          }
        }
      })();
    }

    // ------------------------------------------------------------------ CAPAs
    const capaStates = ['open', 'in_progress', 'in_progress', 'effectiveness_check', 'closed', 'closed', 'cancelled'] as const;
    const addCapa = sqlite.prepare(
      `INSERT INTO capas (capa_no, kind, state, title, problem, root_cause, source, owner_id, due_on, effectiveness_due_on, created_by, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, '批量基准数据', NULL, NULL, ?, ?, ?, ?, ?, ?, 0)`,
    );
    const addAction = sqlite.prepare(`INSERT INTO capa_actions (capa_id, position, description, owner_id, due_on, state, done_on) VALUES (?, ?, '措施', ?, ?, ?, ?)`);
    const addCase = sqlite.prepare('INSERT OR IGNORE INTO capa_cases (capa_id, complaint_id) VALUES (?, ?)');
    const untilMs = opts.until.getTime();
    const day = (d: number) => new Date(untilMs + d * 86_400_000).toISOString().slice(0, 10);
    const CAPAS = 40;
    sqlite.transaction(() => {
      for (let i = 0; i < CAPAS; i++) {
        const state = capaStates[i % capaStates.length]!;
        const opened = -Math.floor(10 + r() * 300);
        const due = opened + 30 + Math.floor(r() * 90);
        const created = new Date(untilMs + opened * 86_400_000).toISOString();
        const id = addCapa.run(
          `BENCH-${String(i + 1).padStart(3, '0')}`,
          i % 4 === 3 ? 'preventive' : 'corrective',
          state,
          `基准整改 ${i + 1}`,
          opts.userId,
          day(due),
          state === 'effectiveness_check' ? day(due + 30) : null,
          opts.userId,
          created,
          created,
        ).lastInsertRowid;
        for (let p = 0; p < 3; p++) {
          const actionDue = opened + 10 + p * 15;
          const done = state === 'closed' || (state !== 'open' && p < 2 && actionDue < 0);
          addAction.run(id, p, opts.userId, day(actionDue), done ? 'done' : 'open', done ? day(actionDue) : null);
        }
        for (let j = 0; j < 5; j++) addCase.run(id, 1 + Math.floor(r() * total));
      }
    })();
    const tExtras = (performance.now() - t3) / 1000;
    const count = (t: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      complaints: total,
      base,
      copies,
      responsibilities: count('responsibilities'),
      verifications: count('verifications'),
      rmas: n.rmas,
      costLines: n.lines,
      amortisationEntries: n.entries,
      capas: count('capas'),
      seconds: { base: tBase, copies: tCopies, indexes: tIndexes, extras: tExtras },
    };
  } finally {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma(`synchronous = ${pragmas.synchronous}`);
    sqlite.pragma(`cache_size = ${pragmas.cache}`);
  }
}
