/**
 * The store benchmark: `npm run bench [-- --complaints N] [-- --iterations N] [-- --keep] [-- --plans]`.
 *
 * Seeds N demo complaints (default 100,000) into a fresh database in a temp dir, then times the
 * tracking table's queries through the api dispatcher (as the renderer calls them) against the same
 * page as one hand-written SQL statement on the raw better-sqlite3 handle (the floor), the other page
 * shapes, the quick search, the count, and registration through `complaints.create`. Prints one table
 * with the targets beside the figures, and with --plans the EXPLAIN QUERY PLAN of the SQL
 * Kysely generates for each shape. Then the rule engine over `--rule-cases` open cases (default
 * 100,000; 0 skips it) in a database of its own (rule-engine.ts), and the amortisation views over
 * `--cost-lines` approved cost lines (default 1,000,000; 0 skips it; amortisation.ts), and the Pareto
 * diagrams over `--pareto-complaints` complaints (default 1,000,000; 0 skips it; analysis.ts), and the
 * monthly report's PDF over `--report-complaints` demo complaints (default 100,000; 0 skips it; report.ts), and a backup of `--backup-complaints` demo complaints (default 100,000; 0 skips it; backup.ts), and the tracking table's export of `--export-rows` demo complaints (default 100,000; 0 skips it; export.ts), and the import of an old tracking table of `--import-rows` rows (default 50,000; 0 skips it; import.ts). Not part of `npm test`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { createDeskApp, DB_FILE, type DeskApp } from '../../src/main/app';
import type { Database } from '../../src/main/db/schema';
import { loadDemoData } from '../../src/main/services/demo-data';
import { getSettings } from '../../src/main/services/settings';
import { trackingCount, trackingPage } from '../../src/main/services/tracking-query';
import type { MethodInput } from '../../src/shared/contract';
import { trackingFilterSchema, trackingPageSchema } from '../../src/shared/schemas/grid';
import type { TrackingPage } from '../../src/shared/types';
import { fmtMs, measure, printTable, rng, summarize, type Sample, type BenchRow, mib, verdict } from './stats';
import { benchRuleEngine } from './rule-engine';
import { benchAmortisation } from './amortisation';
import { benchAnalysis } from './analysis';
import { benchReport } from './report';
import { benchBackup } from './backup';
import { benchExport } from './export';
import { benchImportInChild } from './import';

// ---------------------------------------------------------------------------------------------- args

function parseArgs(argv: string[]) {
  const opts = { complaints: 100_000, iterations: 200, creates: 2000, keep: false, plans: false, ruleCases: 100_000, costLines: 1_000_000, paretoComplaints: 1_000_000, reportComplaints: 100_000, backupComplaints: 100_000, exportRows: 100_000, importRows: 50_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    if (a === '--complaints') opts.complaints = num();
    else if (a === '--iterations') opts.iterations = Math.max(200, num());
    else if (a === '--creates') opts.creates = num();
    else if (a === '--rule-cases') opts.ruleCases = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--cost-lines') opts.costLines = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--pareto-complaints') opts.paretoComplaints = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--report-complaints') opts.reportComplaints = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--backup-complaints') opts.backupComplaints = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--export-rows') opts.exportRows = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--import-rows') opts.importRows = argv[i + 1] === '0' ? (i++, 0) : num();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--plans') opts.plans = true;
    else if (a === '--help' || a === '-h') {
      console.log('npm run bench -- [--complaints N=100000] [--iterations N>=200] [--creates N=2000] [--rule-cases N=100000|0] [--cost-lines N=1000000|0] [--pareto-complaints N=1000000|0] [--report-complaints N=100000|0] [--backup-complaints N=100000|0] [--export-rows N=100000|0] [--import-rows N=50000|0] [--keep] [--plans]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

// ------------------------------------------------------------------------------------------- helpers

type PageInput = MethodInput<'complaints.page'>;
type CountInput = MethodInput<'complaints.count'>;

async function call<T>(app: DeskApp, method: string, input: unknown): Promise<T> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const PAGE = 100;
/** The demo data ends here: fixed, so that every run seeds the same cases. */
const UNTIL = new Date('2026-11-01T00:00:00Z');

/** Block starts as ag-grid's infinite row model asks for them: multiples of the page size. */
function offsets(matches: number, n: number, seed: number): number[] {
  const r = rng(seed);
  const lastStart = Math.max(0, Math.floor((matches - 1) / PAGE) * PAGE);
  const shallow = Math.min(lastStart, 5000);
  return Array.from({ length: n }, (_, i) =>
    // Every tenth page is a deep one (half way to the end of the result), the rest in the first few thousand rows.
    i % 10 === 9
      ? Math.floor((lastStart / 2 + r() * (lastStart / 2)) / PAGE) * PAGE
      : Math.floor((r() * shallow) / PAGE) * PAGE,
  );
}

const fileSize = (f: string) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

type Row = BenchRow;

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  const dbFile = join(dir, DB_FILE);
  const app = await createDeskApp({ dataDir: dir, version: 'bench', log: (m, e) => console.error(m, e) });
  const rows: Row[] = [];
  const add = (what: string, s: Sample | null, extra: Partial<Row> = {}) =>
    rows.push({
      what,
      n: s ? String(s.ms.length) : '',
      median: s ? fmtMs(s.median) : '',
      p95: s ? fmtMs(s.p95) : '',
      target: '',
      result: '',
      ...extra,
    });
  
  try {
    console.log(`After-Sales Desk store benchmark — ${opts.complaints.toLocaleString('en')} complaints, ${dir}`);
    console.log(`node ${process.version}, SQLite ${(app.store.sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}, load average ${load()}\n`);

    // ------------------------------------------------------------------------------------- seeding
    const user = await app.store.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
    const t0 = performance.now();
    const seeded = await app.store.db
      .transaction()
      .execute((trx) => loadDemoData(trx, { complaints: opts.complaints, until: UNTIL, userId: user.id, audit: false }));
    const seedMs = performance.now() - t0;
    app.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = fileSize(dbFile) + fileSize(`${dbFile}-wal`);
    const tz = (await getSettings(app.store.db)).officeTimeZone;

    // ---------------------------------------------- the tracking page: dispatcher against raw SQL
    const warmup = 30;
    const iterations = opts.iterations;
    const mainFilter = { severity: { filterType: 'set' as const, values: ['major', 'safety'] } };
    const mainSort = [{ colId: 'customerName' as const, sort: 'asc' as const }];
    const mainMatches = (await call<{ count: number }>(app, 'complaints.count', { filterModel: mainFilter, quickSearch: '' })).count;
    const mainOffsets = offsets(mainMatches, iterations, 1);
    const mainInput = (startRow: number): PageInput => ({
      startRow,
      endRow: startRow + PAGE,
      sortModel: mainSort,
      filterModel: mainFilter,
      quickSearch: '',
    });

    // The floor: the page as the store asks for it (ids first, then their rows), as one hand-written
    // statement on the raw handle. What the dispatcher adds on top is zod, the profile and settings
    // look-ups, Kysely's compilation and the async hops.
    const COLS = `id, tracking_no AS trackingNo, received_at AS receivedAt, channel, customer_id AS customerId,
              customer_name AS customerName, contact_name AS contactName, product_model AS productModel,
              serial_no AS serialNo, delivery_date AS deliveryDate, defect_category AS defectCategory,
              severity, state, description, created_at AS createdAt`;
    const rawPage = app.store.sqlite.prepare(
      `SELECT ${COLS} FROM complaints
        WHERE id IN (SELECT id FROM complaints WHERE severity IN ('major', 'safety')
                      ORDER BY customer_name ASC, id ASC LIMIT ? OFFSET ?)
        ORDER BY customer_name ASC, id ASC`,
    );
    // For reference: the one-SELECT form (whole rows through the sort and the OFFSET).
    const naivePage = app.store.sqlite.prepare(
      `SELECT ${COLS} FROM complaints WHERE severity IN ('major', 'safety')
        ORDER BY customer_name ASC, id ASC LIMIT ? OFFSET ?`,
    );
    // The floor must answer the same page, or the ratio means nothing.
    for (const start of [0, mainOffsets[9] ?? 0]) {
      const viaApi = await call<TrackingPage>(app, 'complaints.page', mainInput(start));
      const a = viaApi.rows.map((r) => r.id).join();
      for (const raw of [rawPage, naivePage]) {
        const b = (raw.all(PAGE + 1, start) as Array<{ id: number }>).slice(0, PAGE).map((r) => r.id).join();
        if (a !== b) throw new Error(`the raw SQL returns another page than the dispatcher at startRow ${start}`);
      }
    }

    const apiPage = await measure((i) => call(app, 'complaints.page', mainInput(mainOffsets[i]!)), { warmup, iterations });
    const sqlPage = await measure((i) => rawPage.all(PAGE + 1, mainOffsets[i]!), { warmup, iterations });
    const naive = await measure((i) => naivePage.all(PAGE + 1, mainOffsets[i]!), { warmup: 10, iterations: Math.max(50, iterations / 4) });
    const shallowIdx = mainOffsets.map((_, i) => i).filter((i) => i % 10 !== 9);
    const deepIdx = mainOffsets.map((_, i) => i).filter((i) => i % 10 === 9);
    const part = (s: Sample, idx: number[]) => summarize(idx.map((i) => s.ms[i]!));
    const ratio = apiPage.median / sqlPage.median;
    const label = `customerName asc, severity ∈ {major,safety} (${mainMatches.toLocaleString('en')} rows)`;
    add(`page via dispatcher: ${label}`, apiPage, { target: '< 20 ms median', result: verdict(apiPage.median < 20) });
    add(`  of which shallow (startRow ≤ 5000)`, part(apiPage, shallowIdx));
    add(`  of which deep (startRow ${Math.min(...deepIdx.map((i) => mainOffsets[i]!))}–${Math.max(...deepIdx.map((i) => mainOffsets[i]!))})`, part(apiPage, deepIdx));
    add(`same page, raw SQL on better-sqlite3 (floor)`, sqlPage);
    add(`  ratio dispatcher / raw (median)`, null, { median: `${ratio.toFixed(2)}×`, target: '≤ 2×', result: verdict(ratio <= 2) });
    add(`  reference: raw one-SELECT form (sorts whole rows)`, naive);

    // ------------------------------------------------------------------------- other page shapes
    const few = Math.max(50, Math.floor(iterations / 4));
    const shapes: Array<{ name: string; input: Omit<PageInput, 'startRow' | 'endRow'> }> = [
      { name: 'default sort receivedAt desc, no filter', input: { sortModel: [], filterModel: {}, quickSearch: '' } },
      { name: 'default sort, severity ∈ {major,safety}', input: { sortModel: [], filterModel: mainFilter, quickSearch: '' } },
      {
        name: 'default sort, state ∈ {registered}',
        input: { sortModel: [], filterModel: { state: { filterType: 'set', values: ['registered'] } }, quickSearch: '' },
      },
      {
        name: "customerName contains '精工'",
        input: { sortModel: [], filterModel: { customerName: { filterType: 'text', type: 'contains', filter: '精工' } }, quickSearch: '' },
      },
      {
        name: 'receivedAt inRange 2026-03-01…2026-03-31',
        input: {
          sortModel: [],
          filterModel: { receivedAt: { filterType: 'date', type: 'inRange', dateFrom: '2026-03-01 00:00:00', dateTo: '2026-03-31 00:00:00' } },
          quickSearch: '',
        },
      },
      {
        name: 'trackingNo desc, state = registered, defectCategory ∈ {leakage}',
        input: {
          sortModel: [{ colId: 'trackingNo', sort: 'desc' }],
          filterModel: { defectCategory: { filterType: 'set', values: ['leakage'] }, state: { filterType: 'set', values: ['registered'] } },
          quickSearch: '',
        },
      },
    ];
    for (const [k, shape] of shapes.entries()) {
      const matches = (await call<{ count: number }>(app, 'complaints.count', { filterModel: shape.input.filterModel, quickSearch: '' })).count;
      const offs = offsets(matches, few, 10 + k);
      const s = await measure((i) => call(app, 'complaints.page', { ...shape.input, startRow: offs[i]!, endRow: offs[i]! + PAGE }), {
        warmup: 10,
        iterations: few,
      });
      add(`page: ${shape.name} (${matches.toLocaleString('en')} rows)`, s);
    }

    // ------------------------------------------------------------------------------ quick search
    // A serial fragment and a tracking number from the middle of the data (deterministic seed).
    const mid = app.store.sqlite
      .prepare('SELECT tracking_no AS t, serial_no AS s FROM complaints ORDER BY id LIMIT 1 OFFSET ?')
      .get(Math.floor(seeded / 2)) as { t: string; s: string };
    const searches = [
      { name: "'漏油' (a Chinese word)", q: '漏油' },
      { name: `'${mid.s.slice(-7)}' (serial-number fragment)`, q: mid.s.slice(-7) },
      { name: `'${mid.t}' (a tracking number)`, q: mid.t },
      { name: `'${mid.t.slice(-7).toLowerCase()}' (tracking-number fragment)`, q: mid.t.slice(-7).toLowerCase() },
      { name: "'苏州 轴承' (two words)", q: '苏州 轴承' },
    ];
    for (const [k, qs] of searches.entries()) {
      const count = (await call<{ count: number }>(app, 'complaints.count', { filterModel: {}, quickSearch: qs.q })).count;
      const s = await measure(() => call(app, 'complaints.page', { startRow: 0, endRow: PAGE, sortModel: [], filterModel: {}, quickSearch: qs.q } satisfies PageInput), {
        warmup: 5,
        iterations: few,
      });
      add(`quick search page: ${qs.name} → ${count.toLocaleString('en')} rows`, s, { target: k < 3 ? '< 50 ms median' : '', result: k < 3 ? verdict(s.median < 50) : '' });
    }
    for (const qs of [searches[0]!, searches[2]!]) {
      // The quick search under another sort: the walk follows the customer index instead of received_at.
      const input = { startRow: 0, endRow: PAGE, sortModel: mainSort, filterModel: {}, quickSearch: qs.q } satisfies PageInput;
      const s = await measure(() => call(app, 'complaints.page', input), { warmup: 5, iterations: few });
      add(`quick search page sorted by customerName: ${qs.name}`, s);
    }
    for (const qs of [searches[0]!, searches[2]!]) {
      const s = await measure(() => call(app, 'complaints.count', { filterModel: {}, quickSearch: qs.q } satisfies CountInput), { warmup: 5, iterations: few });
      add(`count with quick search ${qs.name}`, s);
    }

    // ------------------------------------------------------------------------------------- count
    {
      const s = await measure(() => call(app, 'complaints.count', { filterModel: mainFilter, quickSearch: '' } satisfies CountInput), { warmup: 10, iterations: few });
      add(`count: severity ∈ {major,safety}`, s);
      const s2 = await measure(
        () =>
          call(app, 'complaints.count', {
            filterModel: { customerName: { filterType: 'text', type: 'contains', filter: '精工' } },
            quickSearch: '',
          } satisfies CountInput),
        { warmup: 5, iterations: few },
      );
      add(`count: customerName contains '精工'`, s2);
    }

    // -------------------------------------------------------------------------------- query plans
    if (opts.plans) {
      // A second Kysely over the same handle, logging what trackingPage/trackingCount compile to.
      let last: CompiledQuery | undefined;
      const spy = new Kysely<Database>({
        dialect: new SqliteDialect({ database: app.store.sqlite }),
        log: (e) => {
          last = e.query;
        },
      });
      const explain = (name: string, q: CompiledQuery | undefined) => {
        if (!q) return;
        console.log(`\n${name}\n  ${q.sql}\n  params ${JSON.stringify(q.parameters)}`);
        const plan = app.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>;
        for (const p of plan) console.log(`    ${p.detail}`);
      };
      const all: Array<{ name: string; input: Omit<PageInput, 'startRow' | 'endRow'> }> = [
        { name: 'main page', input: { sortModel: mainSort, filterModel: mainFilter, quickSearch: '' } },
        ...shapes,
        ...searches.map((s) => ({ name: `quick search ${s.name}`, input: { sortModel: [], filterModel: {}, quickSearch: s.q } })),
      ];
      for (const s of all) {
        await trackingPage(spy, trackingPageSchema.parse({ ...s.input, startRow: 0, endRow: PAGE }), { userId: 1, now: new Date(), timeZone: tz });
        explain(`page: ${s.name}`, last);
      }
      await trackingCount(spy, trackingFilterSchema.parse({ filterModel: mainFilter, quickSearch: '' }), { userId: 1, now: new Date(), timeZone: tz });
      explain('count: severity', last);
      await trackingCount(spy, trackingFilterSchema.parse({ filterModel: {}, quickSearch: '漏油' }), { userId: 1, now: new Date(), timeZone: tz });
      explain('count: quick search', last);
      // Not destroyed: destroying the dialect would close the shared handle.
    }

    // -------------------------------------------------------------------------------- registration
    const customerIds = (await app.store.db.selectFrom('customers').select('id').orderBy('id').limit(50).execute()).map((c) => c.id);
    const createInput = (i: number): MethodInput<'complaints.create'> => ({
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      channel: 'phone',
      customerId: customerIds[i % customerIds.length]!,
      contactName: '王伟',
      contactPhone: '13800138000',
      contactEmail: null,
      productModel: 'SA-37A',
      serialNo: `SA37A24${String(i).padStart(5, '0')}`,
      deliveryDate: '2025-06-01',
      description: '油气分离器处漏油，地面有油渍。',
      defectCategory: 'leakage',
      severity: i % 7 === 0 ? 'major' : 'normal',
    });
    const c0 = performance.now();
    const creates = await measure((i) => call(app, 'complaints.create', createInput(i)), { warmup: 0, iterations: opts.creates });
    const createSec = (performance.now() - c0) / 1000;
    add(`complaints.create via dispatcher: ${Math.round(opts.creates / createSec).toLocaleString('en')} /s (${opts.creates} calls, synchronous=FULL)`, creates);

    add(`seeding ${seeded.toLocaleString('en')} complaints (one transaction, audit off)`, null, {
      median: `${(seedMs / 1000).toFixed(1)} s`,
      p95: `${Math.round(seeded / (seedMs / 1000)).toLocaleString('en')} /s`,
    });
    add(`database on disk after seeding (db + wal, checkpointed)`, null, {
      median: mib(dbBytes),
      p95: `${Math.round(dbBytes / seeded)} B/case`,
    });

    console.log('');
    printTable(
      ['measure', 'n', 'median ms', 'p95 ms', 'target', ''],
      rows.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
      new Set([1, 2, 3]),
    );
    if (opts.ruleCases) {
      console.log('');
      const engine = await benchRuleEngine({ cases: opts.ruleCases });
      console.log('');
      printTable(
        ['rule engine (issue 4)', 'n', 'wall ms', 'cpu ms', 'target', ''],
        engine.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...engine);
    }
    if (opts.costLines) {
      console.log('');
      const amortisation = await benchAmortisation({ costLines: opts.costLines, plans: opts.plans });
      console.log('');
      printTable(
        ['amortisation (issue 6)', 'n', 'median ms', 'p95 ms', 'target', ''],
        amortisation.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...amortisation);
    }
    if (opts.paretoComplaints) {
      console.log('');
      const analysis = await benchAnalysis({ complaints: opts.paretoComplaints, plans: opts.plans, keep: opts.keep });
      console.log('');
      printTable(
        ['Pareto and dashboard (issue 7)', 'n', 'median ms', 'p95 ms', 'target', ''],
        analysis.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...analysis);
    }
    if (opts.reportComplaints) {
      console.log('');
      const report = await benchReport({ complaints: opts.reportComplaints });
      printTable(
        ['monthly report (issue 7)', 'n', 'median ms', 'p95 ms', 'target', ''],
        report.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...report);
    }
    if (opts.backupComplaints) {
      console.log('');
      const backup = await benchBackup({ complaints: opts.backupComplaints, keep: opts.keep });
      printTable(
        ['backup (issue 8)', 'n', 'median ms', 'p95 ms', 'target', ''],
        backup.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...backup);
    }
    if (opts.exportRows) {
      console.log('');
      const exported = await benchExport({ rows: opts.exportRows });
      printTable(
        ['export of the tracking table (issue 8)', 'n', 'wall ms', 'p95 ms', 'target', ''],
        exported.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...exported);
    }
    if (opts.importRows) {
      console.log('');
      const imported = benchImportInChild({ rows: opts.importRows });
      printTable(
        ['import of an old tracking table (issue 8)', 'n', 'time', 'p95 ms', 'target', ''],
        imported.map((r) => [r.what, r.n, r.median, r.p95, r.target, r.result]),
        new Set([1, 2, 3]),
      );
      rows.push(...imported);
    }
    console.log(`\nload average ${load()} (timings from a busy machine are not comparable)`);
    const missed = rows.filter((r) => r.result === 'MISS');
    console.log(missed.length ? `\n${missed.length} target(s) missed.` : '\nAll targets met.');
  } finally {
    await app.close();
    if (opts.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
