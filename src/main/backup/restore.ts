import Database from 'better-sqlite3';
import { copyFile, mkdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eachLimit, fsyncPath, listFiles, sha256File, writeFileAtomic } from './files';
import type { Manifest } from './manifest';
import { ATTACHMENTS_DIR, BACKUP_DB_FILE } from './names';

/**
 * Restoring, in two halves, so that an interruption at any point leaves either the old data or the
 * restored data, never a mix:
 *
 * 1. `stageRestore` (the running app, holding the write gate): the backup's database and attachments
 *    are copied into `dataDir/restore-pending/`, each checked against the manifest and flushed; then
 *    `READY` (the manifest) is written, last. Until READY exists nothing of the data was touched.
 * 2. `applyPendingRestore` (the next start, before the store opens): with READY, the attachments are
 *    moved into place (content-addressed: a file of the same name is the same content, so the old
 *    database still finds all of its own), the old database's journal files are removed once nothing
 *    has it open, this computer's backup settings are written into the staged database (where
 *    backups go stays as it was), it is renamed over the old one, then READY and the folder go.
 *    Every step can run again: an interrupted apply completes at the following start. Without READY
 *    the staging was interrupted: it is discarded and the old data opens as it was.
 */

export const PENDING_DIR = 'restore-pending';
export const READY_FILE = 'READY';

/** Test hooks: faults injected between the steps (after `n` of the staged or moved files). */
export const restoreFaults: {
  staging?: (copied: number, total: number) => void;
  apply?: (step: 'attachments' | 'database' | 'cleanup', moved?: number, total?: number) => void;
} = {};

export interface StageOptions {
  backupDir: string;
  manifest: Manifest;
  dataDir: string;
  /**
   * Rows of the settings table that stay as they are on this computer (the backup settings: where
   * backups go is this computer's, not the backup's): key → value, null for no row.
   */
  keepSettings?: Record<string, string | null>;
}

export async function stageRestore(o: StageOptions): Promise<void> {
  const pending = join(o.dataDir, PENDING_DIR);
  await rm(pending, { recursive: true, force: true });
  await mkdir(pending, { recursive: true });
  const files = o.manifest.files;
  let copied = 0;
  await eachLimit(files, 4, async (f) => {
    const from = join(o.backupDir, ...f.path.split('/'));
    const to = join(pending, ...f.path.split('/'));
    await mkdir(join(to, '..'), { recursive: true });
    await copyFile(from, to);
    // The copy is checked, not the source: what will be put in place is what was verified.
    const h = await sha256File(to);
    if (h.sha256 !== f.sha256 || h.size !== f.size) throw new Error(`the backup's ${f.path} changed while it was being restored`);
    await fsyncPath(to);
    copied++;
    restoreFaults.staging?.(copied, files.length);
  });
  await writeFileAtomic(join(pending, READY_FILE), JSON.stringify({ backup: o.backupDir, manifest: o.manifest, keepSettings: o.keepSettings ?? {} }));
  await fsyncPath(pending);
}

export type ApplyOutcome = 'none' | 'discarded' | 'applied';

/**
 * Makes sure nothing has the old database open, and leaves no journal of it behind: a WAL of the
 * old database beside the restored one would be replayed into it. Opening it and checkpointing
 * everything succeeds only when no other connection holds it; closing the last connection removes
 * the WAL and its index.
 */
function quiesce(dbFile: string): void {
  if (existsSync(dbFile)) {
    let db: Database.Database | null = null;
    try {
      db = new Database(dbFile, { timeout: 2000 });
      const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (r && r.busy) throw new Error('the data folder\'s database is open in another program (another After-Sales Desk?); close it and start again');
    } catch (e) {
      // A database too damaged to open is replaced anyway; one in use is not.
      if (e instanceof Error && /open in another program|SQLITE_BUSY|database is locked/i.test(e.message)) throw e;
    } finally {
      db?.close();
    }
  }
}

/** This computer's settings rows into the staged database (again on a re-run: the same rows). */
function carrySettings(file: string, rows: Record<string, string | null>): void {
  if (!Object.keys(rows).length) return;
  const db = new Database(file);
  try {
    db.transaction(() => {
      for (const [key, value] of Object.entries(rows)) {
        if (value === null) db.prepare('DELETE FROM settings WHERE key = ?').run(key);
        else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
      }
    })();
  } finally {
    db.close();
  }
}

export async function applyPendingRestore(dataDir: string, dbFileName = BACKUP_DB_FILE): Promise<ApplyOutcome> {
  const pending = join(dataDir, PENDING_DIR);
  if (!existsSync(pending)) return 'none';
  if (!existsSync(join(pending, READY_FILE))) {
    await rm(pending, { recursive: true, force: true });
    return 'discarded';
  }
  const ready = JSON.parse(await readFile(join(pending, READY_FILE), 'utf8')) as { manifest: Manifest; keepSettings?: Record<string, string | null> };
  // The attachments: added beside the old ones (the restored database names only its own).
  const staged = await listFiles(join(pending, ATTACHMENTS_DIR));
  const target = join(dataDir, ATTACHMENTS_DIR);
  let moved = 0;
  for (const rel of staged) {
    const to = join(target, ...rel.split('/'));
    await mkdir(join(to, '..'), { recursive: true });
    await rename(join(pending, ATTACHMENTS_DIR, ...rel.split('/')), to);
    moved++;
    restoreFaults.apply?.('attachments', moved, staged.length);
  }
  // The database: the staged file renamed over the old one once the old one's journal is gone.
  const stagedDb = join(pending, BACKUP_DB_FILE);
  const dbFile = join(dataDir, dbFileName);
  if (existsSync(stagedDb)) {
    carrySettings(stagedDb, ready.keepSettings ?? {});
    quiesce(dbFile);
    for (const suffix of ['-wal', '-shm', '-journal']) await unlink(`${dbFile}${suffix}`).catch(() => undefined);
    restoreFaults.apply?.('database');
    await rename(stagedDb, dbFile);
    await fsyncPath(dataDir);
  }
  restoreFaults.apply?.('cleanup');
  await unlink(join(pending, READY_FILE));
  await rm(pending, { recursive: true, force: true });
  return 'applied';
}
