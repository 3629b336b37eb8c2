import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * Looks inside a backup's database without changing it: opened read-only, in a worker thread (an
 * integrity check of a large file takes seconds, and main's event loop must keep turning), with
 * SQLite's `PRAGMA integrity_check`, the migrations it carries and what it holds.
 */

export interface DbInspection {
  /** "ok", or SQLite's first complaints. */
  integrity: string;
  migrations: string[];
  complaints: number;
  /** The attachments' content hashes (each once). */
  attachmentShas: string[];
  attachmentRows: number;
}

export interface InspectOptions {
  /** Run `PRAGMA integrity_check` (verify, restore); a backup just made skips it. */
  integrity: boolean;
}

/**
 * The work, as plain JavaScript: the worker runs it, and so does main where a worker cannot start.
 * `Database` is better-sqlite3's class.
 */
const INSPECT = `(Database, file, opts) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = opts.integrity ? db.prepare('PRAGMA integrity_check(20)').all().map((r) => r.integrity_check).join('; ') : 'skipped';
    const hasTable = (t) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
    const migrations = hasTable('kysely_migration') ? db.prepare('SELECT name FROM kysely_migration ORDER BY name').all().map((r) => r.name) : [];
    const complaints = hasTable('complaints') ? db.prepare('SELECT count(*) AS n FROM complaints').get().n : 0;
    const attachmentShas = hasTable('attachments') ? db.prepare('SELECT DISTINCT sha256 AS s FROM attachments ORDER BY sha256').all().map((r) => r.s) : [];
    const attachmentRows = hasTable('attachments') ? db.prepare('SELECT count(*) AS n FROM attachments').get().n : 0;
    return { integrity, migrations, complaints, attachmentShas, attachmentRows };
  } finally {
    db.close();
  }
}`;

type InspectFn = (db: typeof Database, file: string, opts: InspectOptions) => DbInspection;
const inspectHere = (file: string, opts: InspectOptions): DbInspection => (new Function(`return ${INSPECT}`)() as InspectFn)(Database, file, opts);

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const run = ${INSPECT};
try {
  parentPort.postMessage({ ok: true, value: run(Database, workerData.file, workerData.opts) });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String((e && e.message) || e) });
}
`;

function sqliteModule(): string | null {
  try {
    return require.resolve('better-sqlite3');
  } catch {
    return null;
  }
}

/** Set by tests to compare the worker's answer with the in-thread one. */
export const inspectMode: { worker: boolean } = { worker: true };

export async function inspectDatabase(file: string, opts: InspectOptions): Promise<DbInspection> {
  const module = inspectMode.worker ? sqliteModule() : null;
  if (!module) return inspectHere(file, opts);
  return new Promise<DbInspection>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(WORKER, { eval: true, workerData: { module, file, opts } });
    worker.once('message', (m: { ok: true; value: DbInspection } | { ok: false; error: string }) => {
      settled = true;
      void worker.terminate();
      if (m.ok) resolve(m.value);
      else reject(new Error(m.error));
    });
    worker.once('error', (e) => {
      if (settled) return;
      settled = true;
      // A worker that cannot start (a packaged app without the module where the worker looks): here.
      try {
        resolve(inspectHere(file, opts));
      } catch {
        reject(e);
      }
    });
    worker.once('exit', () => {
      if (!settled) reject(new Error('the database check stopped without an answer'));
    });
  });
}
