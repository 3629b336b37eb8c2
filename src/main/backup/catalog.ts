import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_TIME_ZONE, zoneOffsetMinutes } from '../../shared/dates';
import type { BackupInfo, BackupProblem } from '../../shared/data-io';
import { infoOf } from './create';
import { folderBytes, sha256File } from './files';
import { inspectDatabase } from './inspect';
import { isSafeRelativePath, MANIFEST_APP, MANIFEST_FORMAT, manifestHeadSchema, manifestSchema, type Manifest } from './manifest';
import { ATTACHMENTS_DIR, BACKUP_DB_FILE, MANIFEST_FILE, parseBackupName } from './names';

/**
 * The backups in a folder, checking one, and rotation. Only folders named like ours are looked at,
 * and only those with our complete manifest count as backups: rotation never touches anything else.
 */

export type ManifestRead = { ok: true; manifest: Manifest } | { ok: false; problem: BackupProblem };

/** The manifest of a backup folder, or why there is none to trust. */
export async function readManifest(dir: string, knownMigrations: ReadonlySet<string>): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return { ok: false, problem: { code: 'incomplete', detail: 'no manifest.json: the backup was interrupted, or this is not a backup' } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: 'damaged', file: MANIFEST_FILE, detail: 'manifest.json is not JSON' } };
  }
  const head = manifestHeadSchema.safeParse(json);
  if (!head.success) return { ok: false, problem: { code: 'incomplete', file: MANIFEST_FILE, detail: `not a manifest of ${MANIFEST_APP}` } };
  if (head.data.format > MANIFEST_FORMAT) {
    return { ok: false, problem: { code: 'newer_version', detail: `manifest format ${head.data.format}; this version reads ${MANIFEST_FORMAT}` } };
  }
  const full = manifestSchema.safeParse(json);
  if (!full.success) return { ok: false, problem: { code: 'damaged', file: MANIFEST_FILE, detail: 'manifest.json lacks fields' } };
  const m = full.data;
  const unknown = m.migrations.filter((n) => !knownMigrations.has(n));
  if (unknown.length) return { ok: false, problem: { code: 'newer_version', detail: `migrations this version does not know: ${unknown.join(', ')}` } };
  const bad = m.files.find((f) => !isSafeRelativePath(f.path));
  if (bad || !m.files.some((f) => f.path === BACKUP_DB_FILE)) {
    return { ok: false, problem: { code: 'damaged', file: MANIFEST_FILE, detail: bad ? `a path leaves the folder: ${bad.path}` : 'no database in the manifest' } };
  }
  return { ok: true, manifest: m };
}

/** The instant of a name's `YYYYMMDD-HHmmss` (office time). */
function stampInstant(stamp: string | undefined, timeZone: string): Date | null {
  const m = stamp ? /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(stamp) : null;
  if (!m) return null;
  const naive = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return new Date(naive.getTime() - zoneOffsetMinutes(naive, timeZone) * 60_000);
}

/** A backup's entry from its manifest alone (the list): `unverified`, or its problem. */
export async function describeBackup(dir: string, knownMigrations: ReadonlySet<string>, timeZone = DEFAULT_TIME_ZONE): Promise<BackupInfo> {
  const name = basename(dir);
  const r = await readManifest(dir, knownMigrations);
  if (r.ok) return infoOf(dir, name, r.manifest);
  // Without a manifest: what the name says; when the manifest still parses enough, what it says.
  const parsed = parseBackupName(name);
  const s = await stat(dir).catch(() => null);
  let partial: Partial<Manifest> = {};
  try {
    partial = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
  } catch {
    partial = {};
  }
  return {
    path: dir,
    name,
    createdAt: typeof partial.createdAt === 'string' ? partial.createdAt : (stampInstant(parsed?.stamp, timeZone) ?? s?.mtime ?? new Date(0)).toISOString(),
    appVersion: typeof partial.appVersion === 'string' ? partial.appVersion : '',
    schema: typeof partial.schema === 'string' ? partial.schema : '',
    complaints: partial.counts?.complaints ?? 0,
    attachments: partial.counts?.attachments ?? 0,
    bytes: await folderBytes(dir),
    kind: parsed?.kind ?? 'manual',
    status: r.problem.code,
    problem: r.problem,
    missingAttachments: 0,
  };
}

/** Our backup folders in a folder (named like ours), newest first. */
export async function listBackups(folder: string, knownMigrations: ReadonlySet<string>, timeZone = DEFAULT_TIME_ZONE): Promise<BackupInfo[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const dirs = entries.filter((e) => e.isDirectory() && parseBackupName(e.name)).map((e) => join(folder, e.name));
  const out = await Promise.all(dirs.map((d) => describeBackup(d, knownMigrations, timeZone)));
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)));
}

/**
 * Checks a backup whole: the manifest; every file there with its size, then its SHA-256; the
 * database opening read-only with `PRAGMA integrity_check` ok; its migrations all known here; every
 * attachment it names present (or listed as missing when it was made).
 */
export async function verifyBackup(dir: string, knownMigrations: ReadonlySet<string>): Promise<BackupInfo> {
  const name = basename(dir);
  const r = await readManifest(dir, knownMigrations);
  if (!r.ok) return { ...(await describeBackup(dir, knownMigrations)), status: r.problem.code, problem: r.problem };
  const m = r.manifest;
  const info = infoOf(dir, name, m);
  const fail = (problem: BackupProblem): BackupInfo => ({ ...info, status: problem.code, problem });
  // Sizes first (cheap: a truncated file is found without reading anything), then the checksums.
  for (const f of m.files) {
    const s = await stat(join(dir, ...f.path.split('/'))).catch(() => null);
    if (!s || !s.isFile()) return fail({ code: 'damaged', file: f.path, detail: 'the file is missing' });
    if (s.size !== f.size) return fail({ code: 'damaged', file: f.path, detail: `${s.size} bytes instead of ${f.size}` });
  }
  for (const f of m.files) {
    const h = await sha256File(join(dir, ...f.path.split('/')));
    if (h.sha256 !== f.sha256) return fail({ code: 'damaged', file: f.path, detail: 'the checksum does not match' });
  }
  let seen;
  try {
    seen = await inspectDatabase(join(dir, BACKUP_DB_FILE), { integrity: true });
  } catch (e) {
    return fail({ code: 'damaged', file: BACKUP_DB_FILE, detail: `the database does not open: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (seen.integrity !== 'ok') return fail({ code: 'damaged', file: BACKUP_DB_FILE, detail: `integrity check: ${seen.integrity}` });
  const unknown = seen.migrations.filter((n) => !knownMigrations.has(n));
  if (unknown.length) return fail({ code: 'newer_version', detail: `the database carries migrations this version does not know: ${unknown.join(', ')}` });
  const listed = new Set(m.files.map((f) => f.path));
  const lost = new Set(m.missingAttachments);
  const absent = seen.attachmentShas.find((sha) => !lost.has(sha) && !listed.has(`${ATTACHMENTS_DIR}/${sha.slice(0, 2)}/${sha}`));
  if (absent) return fail({ code: 'damaged', file: `${ATTACHMENTS_DIR}/${absent.slice(0, 2)}/${absent}`, detail: 'an attachment the database names is not in the backup' });
  return { ...info, status: 'good' };
}

/** Keeps the newest `keep` complete daily backups in the folder and removes older ones; answers those removed. */
export async function rotateDaily(folder: string, keep: number, knownMigrations: ReadonlySet<string>): Promise<string[]> {
  const daily = (await listBackups(folder, knownMigrations)).filter((b) => b.kind === 'daily' && b.status === 'unverified');
  const removed: string[] = [];
  for (const b of daily.slice(keep)) {
    // Once more, right before: our name, our manifest, kind daily.
    const r = await readManifest(b.path, knownMigrations);
    if (!r.ok || r.manifest.kind !== 'daily' || parseBackupName(basename(b.path))?.kind !== 'daily') continue;
    await rm(b.path, { recursive: true, force: true });
    removed.push(b.path);
  }
  return removed;
}
