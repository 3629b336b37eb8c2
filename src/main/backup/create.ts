import type BetterSqlite3 from 'better-sqlite3';
import Database from 'better-sqlite3';
import { copyFile, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../shared/data-io';
import { fieldError } from '../../shared/errors';
import { attachmentPath } from '../services/attachments';
import { eachLimit, fsyncPath, sha256File, writeFileAtomic } from './files';
import { inspectDatabase } from './inspect';
import { MANIFEST_APP, MANIFEST_FORMAT, type Manifest, type ManifestFile } from './manifest';
import { ATTACHMENTS_DIR, BACKUP_DB_FILE, MANIFEST_FILE, backupName } from './names';

/**
 * Making a backup: a new folder in the chosen one; the database through SQLite's online backup (page
 * by page between turns of the event loop, so the app keeps answering; changes made meanwhile
 * through the same connection are carried into the copy), written under a temp name and renamed; the
 * attachments the copy names, copied; then `manifest.json` with every file's size and SHA-256, last.
 * Anything failing removes the folder: a backup is there whole, or not at all.
 */

export interface CreateBackupOptions {
  sqlite: BetterSqlite3.Database;
  attachmentsDir: string;
  /** The folder the backup's folder is made in (it must exist). */
  folder: string;
  kind: BackupKind;
  appVersion: string;
  now: Date;
  timeZone: string;
  /** Pages copied per turn of the event loop (4 KiB each). */
  pagesPerStep?: number;
}

/** Test hooks: a fault injected between the steps. */
export const createFaults: { afterDatabase?: () => void } = {};

async function checkFolder(folder: string): Promise<void> {
  const s = await stat(folder).catch(() => null);
  if (!s) throw fieldError('folder', 'backup_folder_missing', `the backup folder ${folder} does not exist (is the drive connected?)`, { folder });
  if (!s.isDirectory()) throw fieldError('folder', 'backup_folder_not_folder', `${folder} is not a folder`, { folder });
}

/** A new folder named for now; `-2`, `-3`… when one of that second exists. */
async function makeBackupDir(o: CreateBackupOptions): Promise<{ dir: string; name: string }> {
  for (let n = 1; n < 100; n++) {
    const name = backupName(o.now, o.timeZone, o.kind, n);
    const dir = join(o.folder, name);
    try {
      await mkdir(dir);
      return { dir, name };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw fieldError('folder', 'backup_folder_not_writable', `cannot write in ${o.folder}`, { folder: o.folder });
      }
      throw e;
    }
  }
  throw new Error(`too many backups named ${backupName(o.now, o.timeZone, o.kind)}`);
}

export async function createBackup(o: CreateBackupOptions): Promise<BackupInfo> {
  const started = performance.now();
  await checkFolder(o.folder);
  const { dir, name } = await makeBackupDir(o);
  try {
    // The database: SQLite's online backup into a temp name, made self-contained (no WAL), renamed.
    const partial = join(dir, `${BACKUP_DB_FILE}.partial`);
    const step = o.pagesPerStep ?? 2048;
    await o.sqlite.backup(partial, { progress: () => step });
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    await fsyncPath(partial);
    await rename(partial, join(dir, BACKUP_DB_FILE));
    createFaults.afterDatabase?.();

    // What the copy holds: the attachments it names are the ones that go with it.
    const dbFile = join(dir, BACKUP_DB_FILE);
    const seen = await inspectDatabase(dbFile, { integrity: false });
    const files: ManifestFile[] = [];
    const missing: string[] = [];
    const attached: ManifestFile[] = [];
    await eachLimit(seen.attachmentShas, 8, async (sha) => {
      const rel = `${ATTACHMENTS_DIR}/${sha.slice(0, 2)}/${sha}`;
      const target = join(dir, ATTACHMENTS_DIR, sha.slice(0, 2), sha);
      await mkdir(join(dir, ATTACHMENTS_DIR, sha.slice(0, 2)), { recursive: true });
      try {
        await copyFile(attachmentPath(o.attachmentsDir, sha), target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        missing.push(sha);
        return;
      }
      const h = await sha256File(target);
      // Content-addressed: a file whose bytes no longer match its name was damaged in the data folder.
      if (h.sha256 !== sha) {
        missing.push(sha);
        await unlink(target);
        return;
      }
      attached.push({ path: rel, size: h.size, sha256: h.sha256 });
    });
    const dbHash = await sha256File(dbFile);
    files.push({ path: BACKUP_DB_FILE, ...dbHash }, ...attached.sort((a, b) => a.path.localeCompare(b.path)));

    const manifest: Manifest = {
      app: MANIFEST_APP,
      format: MANIFEST_FORMAT,
      appVersion: o.appVersion,
      schema: seen.migrations.at(-1) ?? '',
      migrations: seen.migrations,
      createdAt: o.now.toISOString(),
      kind: o.kind,
      counts: { complaints: seen.complaints, attachments: seen.attachmentRows },
      missingAttachments: missing.sort(),
      files,
    };
    await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncPath(dir);
    return {
      ...infoOf(dir, name, manifest),
      status: 'good',
      durationMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}

export function infoOf(path: string, name: string, m: Manifest): BackupInfo {
  return {
    path,
    name,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schema: m.schema,
    complaints: m.counts.complaints,
    attachments: m.counts.attachments,
    bytes: m.files.reduce((s, f) => s + f.size, 0),
    kind: m.kind,
    status: 'unverified',
    problem: null,
    missingAttachments: m.missingAttachments.length,
  };
}
