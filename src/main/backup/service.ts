import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { calendarDateOf } from '../../shared/dates';
import type { DeskEventName } from '../../shared/contract';
import type { BackupInfo, BackupKind, BackupSettings } from '../../shared/data-io';
import type { NotificationKind } from '../../shared/engine';
import { ApiError, fieldError } from '../../shared/errors';
import type { Store } from '../db/connection';
import { migrations } from '../db/migrations';
import type { Database } from '../db/schema';
import { notify } from '../services/notifications';
import { getFlag, getSettings, setFlag } from '../services/settings';
import type { WriteGate } from '../services/write-gate';
import { listBackups, readManifest, rotateDaily, verifyBackup } from './catalog';
import { createBackup } from './create';
import { folderBytes } from './files';
import { networkFileSystem } from './network';
import { SAFETY_DIR } from './names';
import { PENDING_DIR, stageRestore } from './restore';
import { BACKUP_SETTINGS_KEY, readBackupSettings, writeBackupSettings, type StoredBackupSettings } from './settings';

/**
 * Backup and restore as the api and the daily timer use them. Making a backup reads the database
 * as a shared writer would (an import, which writes through its own connection, would make SQLite's
 * online backup start over); a restore holds the write gate alone from the safety backup until its
 * files are staged, then the shell restarts the app, which puts them in place before it opens the store.
 */

export interface BackupDeps {
  dataDir: string;
  attachmentsDir: string;
  store: Store;
  gate: WriteGate;
  version: string;
  clock(): Date;
  publish(event: DeskEventName, payload: unknown): void;
  log(message: string, error: unknown): void;
  shell: { chooseFolder?(): Promise<string | null>; restart?(): void };
}

const LAST_ERROR_FLAG = 'backup.lastError';
interface LastError {
  message: string;
  at: string;
  /** The office day the administrators were told (once a day, not at every hourly retry). */
  notifiedOn: string | null;
}
/** Lead: add 'backup_failed' to NOTIFICATION_KINDS (shared/engine.ts) and its words to notification-text.ts. */
const FAILED_NOTICE = 'backup_failed' as NotificationKind;
/** How long the answer has to reach the page before the app restarts on restored data. */
const RESTART_DELAY_MS = 300;

export const KNOWN_MIGRATIONS: ReadonlySet<string> = new Set(Object.keys(migrations));

export function createBackupService(d: BackupDeps) {
  const db = d.store.db;
  const safetyFolder = join(d.dataDir, SAFETY_DIR);
  /** Verified this session: the list shows them as good (keyed by path and the manifest's time). */
  const verified = new Map<string, string>();

  const timeZone = async () => (await getSettings(db)).officeTimeZone;

  async function lastError(dbx: Kysely<Database> = db): Promise<LastError | null> {
    return ((await getFlag(dbx, LAST_ERROR_FLAG)) as LastError | undefined) ?? null;
  }

  async function make(folder: string, kind: BackupKind, now: Date): Promise<BackupInfo> {
    return createBackup({
      sqlite: d.store.sqlite,
      attachmentsDir: d.attachmentsDir,
      folder,
      kind,
      appVersion: d.version,
      now,
      timeZone: await timeZone(),
    });
  }

  /** A failure kept for the page, the log, and (once a day) the administrators' notifications. */
  async function recordFailure(e: unknown, now: Date, tellAdmins: boolean): Promise<void> {
    const message = e instanceof ApiError ? e.issues[0]?.message ?? e.message : e instanceof Error ? e.message : String(e);
    d.log('backup failed', e);
    const today = calendarDateOf(now, await timeZone());
    const before = await lastError();
    const tell = tellAdmins && before?.notifiedOn !== today;
    await d.gate.shared(() =>
      db.transaction().execute(async (trx) => {
        await setFlag(trx, LAST_ERROR_FLAG, { message, at: now.toISOString(), notifiedOn: tell ? today : (before?.notifiedOn ?? null) } satisfies LastError);
        if (tell) {
          const told = await notify(trx, now, [{ roles: ['admin'], complaintId: null, kind: FAILED_NOTICE, payload: { error: message } }]);
          if (told.roles.length || told.userIds.length) d.publish('notifications.changed', told);
        }
      }),
    );
    d.publish('backup.changed', { path: null });
  }

  async function clearFailure(): Promise<void> {
    if (await lastError()) await d.gate.shared(() => setFlag(db, LAST_ERROR_FLAG, null));
  }

  const service = {
    /** `dbx`: the call's transaction when saving (main's one connection is held by it). */
    async settings(dbx: Kysely<Database> = db): Promise<BackupSettings> {
      const s = await readBackupSettings(dbx);
      const err = await lastError(dbx);
      const list = s.folder ? await listBackups(s.folder, KNOWN_MIGRATIONS, (await getSettings(dbx)).officeTimeZone) : [];
      const [dataNet, folderNet, dataBytes] = await Promise.all([
        networkFileSystem(d.dataDir),
        s.folder ? networkFileSystem(s.folder) : Promise.resolve(null),
        folderBytes(d.dataDir, (n) => n === SAFETY_DIR || n === PENDING_DIR),
      ]);
      return {
        ...s,
        lastBackupAt: list.find((b) => b.status !== 'incomplete' && b.status !== 'damaged')?.createdAt ?? null,
        lastError: err?.message ?? null,
        lastErrorAt: err?.at ?? null,
        dataDir: d.dataDir,
        dataBytes,
        networkDrive: dataNet !== null,
        folderNetworkDrive: folderNet !== null,
        canChooseFolder: typeof d.shell.chooseFolder === 'function',
      };
    },

    async saveSettings(trx: Kysely<Database>, input: StoredBackupSettings, who: { userId: number; now: Date }): Promise<void> {
      if (input.daily && !input.folder) throw fieldError('folder', 'backup_folder_required', 'daily backups need a backup folder');
      if (input.folder) {
        const s = await stat(input.folder).catch(() => null);
        if (!s) throw fieldError('folder', 'backup_folder_missing', `the folder ${input.folder} does not exist`, { folder: input.folder });
        if (!s.isDirectory()) throw fieldError('folder', 'backup_folder_not_folder', `${input.folder} is not a folder`, { folder: input.folder });
      }
      await writeBackupSettings(trx, input, who);
    },

    async chooseFolder(): Promise<string | null> {
      return d.shell.chooseFolder ? d.shell.chooseFolder() : null;
    },

    /** "Back up now" (or the daily one): into the given folder or the one in the settings. */
    async create(input: { folder?: string | undefined; kind?: BackupKind }): Promise<BackupInfo> {
      const folder = input.folder ?? (await readBackupSettings(db)).folder;
      if (!folder) throw fieldError('folder', 'backup_folder_required', 'choose a backup folder first');
      const now = d.clock();
      // A failure here is answered to the person at once; only the daily one is kept and told.
      const info = await d.gate.shared(() => make(folder, input.kind ?? 'manual', now));
      await clearFailure();
      verified.set(info.path, info.createdAt);
      d.publish('backup.changed', { path: info.path });
      return info;
    },

    async list(input: { folder?: string | undefined }): Promise<BackupInfo[]> {
      const folder = input.folder ?? (await readBackupSettings(db)).folder;
      const tz = await timeZone();
      const lists = await Promise.all([folder ? listBackups(folder, KNOWN_MIGRATIONS, tz) : [], listBackups(safetyFolder, KNOWN_MIGRATIONS, tz)]);
      return lists
        .flat()
        .map((b) => (b.status === 'unverified' && verified.get(b.path) === b.createdAt ? { ...b, status: 'good' as const } : b))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    },

    async verify(path: string): Promise<BackupInfo> {
      const info = await verifyBackup(path, KNOWN_MIGRATIONS);
      if (info.status === 'good') verified.set(info.path, info.createdAt);
      else verified.delete(info.path);
      return info;
    },

    /**
     * Verify, then (holding the gate alone) a safety backup of the data as it is and the backup's
     * files staged in the data folder; then the app restarts and puts them in place.
     */
    async restore(path: string): Promise<{ safetyBackup: string; restarting: boolean }> {
      const checked = await verifyBackup(path, KNOWN_MIGRATIONS);
      if (checked.status !== 'good') {
        const p = checked.problem ?? { code: 'damaged' as const };
        throw fieldError('path', `backup_${p.code}`, `the backup cannot be restored: ${p.detail ?? p.code}${p.file ? ` (${p.file})` : ''}`, p.file ? { file: p.file } : undefined);
      }
      const read = await readManifest(path, KNOWN_MIGRATIONS);
      if (!read.ok) throw fieldError('path', `backup_${read.problem.code}`, read.problem.detail ?? read.problem.code);
      const folder = (await readBackupSettings(db)).folder ?? safetyFolder;
      if (folder === safetyFolder) await mkdir(safetyFolder, { recursive: true });
      const safety = await d.gate.exclusive(async () => {
        const made = await make(folder, 'safety', d.clock());
        try {
          const row = await db.selectFrom('settings').select('value').where('key', '=', BACKUP_SETTINGS_KEY).executeTakeFirst();
          await stageRestore({ backupDir: path, manifest: read.manifest, dataDir: d.dataDir, keepSettings: { [BACKUP_SETTINGS_KEY]: row?.value ?? null } });
        } catch (e) {
          // Nothing of the data was touched; the half-staged files go (the next start would discard them too).
          await rm(join(d.dataDir, PENDING_DIR), { recursive: true, force: true }).catch(() => undefined);
          throw e;
        }
        return made;
      });
      d.log(`restore of ${path} staged (safety backup ${safety.path}); the app restarts to put it in place`, null);
      const restart = d.shell.restart;
      if (restart) setTimeout(() => restart(), RESTART_DELAY_MS);
      return { safetyBackup: safety.path, restarting: !!restart };
    },

    /**
     * The daily backup, checked every hour: when it is on and the folder has no daily backup of this
     * office day, one is made, and rotation keeps the newest `keep` daily ones.
     */
    async dailyTick(now: Date = d.clock()): Promise<'off' | 'done_today' | 'made' | 'failed'> {
      const s = await readBackupSettings(db);
      if (!s.daily || !s.folder) return 'off';
      const tz = await timeZone();
      const today = calendarDateOf(now, tz);
      try {
        const existing = await listBackups(s.folder, KNOWN_MIGRATIONS, tz);
        if (existing.some((b) => b.kind === 'daily' && b.status === 'unverified' && calendarDateOf(new Date(b.createdAt), tz) === today)) return 'done_today';
        const info = await d.gate.shared(() => make(s.folder!, 'daily', now));
        await rotateDaily(s.folder, s.keep, KNOWN_MIGRATIONS);
        await clearFailure();
        d.publish('backup.changed', { path: info.path });
        return 'made';
      } catch (e) {
        await recordFailure(e, now, true);
        return 'failed';
      }
    },
  };
  return service;
}

export type BackupService = ReturnType<typeof createBackupService>;

const services = new WeakMap<Store, BackupService>();

/** One service per open store: the api's handlers and the daily timer share it (and its verified list). */
export function backupServiceFor(d: BackupDeps): BackupService {
  let s = services.get(d.store);
  if (!s) services.set(d.store, (s = createBackupService(d)));
  return s;
}

/** The daily backup's timer: a check at start (after a minute) and every hour. */
export function startDailyBackups(service: BackupService, log: BackupDeps['log'], intervalMs = 60 * 60 * 1000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = service.dailyTick().catch((e: unknown) => log('daily backup check failed', e));
  };
  const first = setTimeout(tick, Math.min(60_000, intervalMs));
  const every = setInterval(tick, intervalMs);
  first.unref?.();
  every.unref?.();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
