import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { ImportAnalysis, ImportPreview, ImportResult } from '../../shared/data-io';
import { openSqlite } from '../db/connection';
import type { Database } from '../db/schema';
import { getSettings } from '../services/settings';
import { AnalysisRefused, analyseSheets, type SheetAnalysis } from './analyse';
import type { Answer, FromWorker, Request, RunAnswer, ToWorker, WorkerData, WorkerError } from './protocol';
import { readFile, UnreadableFile, type SheetData } from './read';
import { skippedFile, type SkippedRow } from './skipped';
import { markStoreDuplicates, missingNames, RunCancelled, RunRefused, writeImport } from './store';
import { checkRows, type Checked, type Mapping } from './validate';

/**
 * The import worker: one per import session (session.ts starts it). It parses the file, keeps its
 * rows between analyse, preview and run, checks them, and writes them through its own connection to
 * the database in one transaction, so that exceljs's parsing and 50,000 inserts never hold main's
 * event loop. Main holds the write gate while it writes.
 */

const port = parentPort!;
const { dbFile } = workerData as WorkerData;

let file: { name: string; sha256: string; sheets: SheetData[] } | null = null;
let analysis: SheetAnalysis | null = null;
let checked: { key: string; value: Checked } | null = null;
/** After a run: the rows left out (the sheet's data is dropped). */
let leftOut: { headers: string[]; rows: SkippedRow[] } | null = null;
let store: { db: Kysely<Database>; raw: BetterSqlite3.Database } | null = null;

function open() {
  if (!store) {
    const raw = openSqlite(dbFile);
    store = { raw, db: new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }) };
  }
  return store;
}
const db = () => open().db;
async function closeDb(): Promise<void> {
  if (!store) return;
  const s = store;
  store = null;
  await s.db.destroy();
}

const post = (m: FromWorker) => port.postMessage(m);

function describe(a: SheetAnalysis): Omit<ImportAnalysis, 'importId'> {
  return {
    fileName: file!.name,
    sheets: file!.sheets.map((s) => ({ name: s.name, rows: s.rows.length })),
    sheet: a.sheet.name,
    headerRow: a.headerIndex + 1,
    columns: a.columns,
    suggested: a.suggested,
    rowCount: a.rowCount,
  };
}

async function check(mapping: Mapping): Promise<Checked> {
  const key = JSON.stringify(Object.entries(mapping).sort());
  // A copy the store checks may mark (a duplicate loses its value): rows and problem lists, not the values.
  const copy = (c: Checked): Checked => ({ warnings: c.warnings, rows: c.rows.map((r) => ({ ...r, problems: [...r.problems] })) });
  if (checked?.key === key) return copy(checked.value);
  const tz = (await getSettings(db())).officeTimeZone;
  const value = checkRows(analysis!.sheet.rows, analysis!.headerIndex, mapping, tz);
  checked = { key, value };
  return copy(value);
}

function need<T>(v: T | null, what: string): T {
  if (v === null) throw Object.assign(new Error(what), { code: 'no_file' });
  return v;
}

async function handle(req: Request): Promise<Answer> {
  switch (req.type) {
    case 'analyse': {
      const bytes = Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength);
      post({ type: 'progress', phase: 'analysing', done: 0, total: 0 });
      const sheets = await readFile(req.fileName, bytes);
      file = { name: req.fileName, sha256: createHash('sha256').update(bytes).digest('hex'), sheets };
      analysis = analyseSheets(sheets, { sheet: req.sheet, headerRow: req.headerRow });
      checked = null;
      return describe(analysis);
    }
    case 'reanalyse': {
      need(file, 'no file');
      analysis = analyseSheets(file!.sheets, { sheet: req.sheet, headerRow: req.headerRow });
      checked = null;
      return describe(analysis);
    }
    case 'preview': {
      need(analysis, 'no file');
      post({ type: 'progress', phase: 'validating', done: 0, total: analysis!.rowCount });
      const c = await check(req.mapping);
      await markStoreDuplicates(db(), c.rows);
      // The rows with problems as a run would find them now: the skipped rows file lists them.
      const missing = await missingNames(db(), c.rows);
      const bad = c.rows.filter((r) => r.problems.length);
      leftOut = { headers: analysis!.columns.map((col) => col.header), rows: bad.map((r) => ({ row: r.row, cells: analysis!.sheet.rows[r.row - 1]!, problems: r.problems })) };
      const names = (list: string[]) => ({ count: list.length, names: list.slice(0, 200) });
      const preview: ImportPreview = {
        total: c.rows.length,
        valid: c.rows.length - bad.length,
        invalid: bad.length,
        duplicates: bad.filter((r) => r.problems.some((p) => p.code === 'duplicate_in_db' || p.code === 'duplicate_in_file')).length,
        newCustomers: names(missing.customers),
        newProducts: names(missing.products),
        problemRows: bad.slice(req.offset, req.offset + req.limit).map((r) => ({ row: r.row, problems: r.problems })),
        warnings: c.warnings,
      };
      return preview;
    }
    case 'run':
      return run(req);
    case 'skipped': {
      const l = need(leftOut, 'no rows checked');
      return skippedFile({ fileName: file?.name ?? 'import', headers: l.headers, rows: l.rows, format: req.format, words: req.words });
    }
  }
}

async function run(req: Extract<Request, { type: 'run' }>): Promise<RunAnswer> {
  need(analysis, 'no file');
  const a = analysis!;
  const flag = new Int32Array(req.cancel);
  const empty: ImportResult = { created: 0, skipped: 0, customersCreated: 0, productsCreated: 0, closed: 0, costLines: 0 };
  post({ type: 'progress', phase: 'validating', done: 0, total: a.rowCount });
  const c = await check(req.mapping);
  let lastPost = 0;
  try {
    const result = await db()
      .transaction()
      .execute((trx) =>
        writeImport(trx, {
          rows: c.rows,
          raw: open().raw,
          userId: req.userId,
          now: new Date(req.now),
          file: { name: file!.name, sha256: file!.sha256, sheet: a.sheet.name, headerRow: a.headerIndex + 1, mapping: req.mapping },
          createMissing: req.createMissing,
          skipBadRows: req.skipBadRows,
          progress: (done, total) => {
            const t = Date.now();
            if (t - lastPost >= 50 || done === total) {
              lastPost = t;
              post({ type: 'progress', phase: 'writing', done, total });
            }
          },
          cancelled: () => Atomics.load(flag, 0) === 1,
          yieldNow: () => new Promise((r) => setImmediate(r)),
        }),
      );
    const bad = c.rows.filter((r) => !r.value);
    leftOut = { headers: a.columns.map((col) => col.header), rows: bad.map((r) => ({ row: r.row, cells: a.sheet.rows[r.row - 1]!, problems: r.problems })) };
    // The sheet is not needed any more: only the rows left out stay, for their file.
    file = { ...file!, sheets: [] };
    analysis = null;
    checked = null;
    return { phase: 'done', result };
  } catch (e) {
    if (e instanceof RunCancelled) return { phase: 'cancelled', result: empty };
    if (e instanceof RunRefused) {
      const bad = c.rows.filter((r) => !r.value);
      leftOut = { headers: a.columns.map((col) => col.header), rows: bad.map((r) => ({ row: r.row, cells: a.sheet.rows[r.row - 1]!, problems: r.problems })) };
      return { phase: 'failed', result: { ...empty, skipped: bad.length, failure: { code: e.code, params: e.params } } };
    }
    throw e;
  } finally {
    await closeDb();
  }
}

function toError(e: unknown): WorkerError {
  if (e instanceof UnreadableFile) return { code: `file_${e.code}`, message: `the file cannot be read (${e.code})` };
  if (e instanceof AnalysisRefused) return { code: e.code, params: e.params, message: e.code };
  if (e && typeof e === 'object' && (e as { code?: unknown }).code === 'no_file') return { code: 'no_file', message: 'the import has no file (any more)' };
  return { code: 'internal', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
}

// One request at a time, in order: a preview never reads rows a re-analysis is replacing.
let queue: Promise<void> = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  queue = queue.then(async () => {
    try {
      post({ type: 'reply', id: msg.id, ok: true, value: await handle(msg) });
    } catch (e) {
      post({ type: 'reply', id: msg.id, ok: false, error: toError(e) });
    }
  });
});
