import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/main/app';
import { KNOWN_MIGRATIONS } from '../../src/main/backup/service';
import { readManifest } from '../../src/main/backup/catalog';
import { inspectDatabase, inspectMode } from '../../src/main/backup/inspect';
import type { Manifest } from '../../src/main/backup/manifest';
import { PENDING_DIR, READY_FILE, restoreFaults, stageRestore } from '../../src/main/backup/restore';
import { createFaults } from '../../src/main/backup/create';
import { makeTempDir } from './helpers';
import { attachmentSums, changeSomething, countOf, dumpData, openApp, seedOffice } from './backup-helpers';

/**
 * Backup and restore (issue 8): a backup holds the whole database and its attachments with their
 * checksums; a restore puts back exactly that data; a damaged, truncated or newer backup is refused
 * before anything is touched; an interruption leaves the old data or the restored data, never a mix.
 */

afterEach(() => {
  for (const k of Object.keys(restoreFaults)) delete (restoreFaults as Record<string, unknown>)[k];
  delete createFaults.afterDatabase;
  inspectMode.worker = true;
});

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const readJson = <T>(f: string) => JSON.parse(readFileSync(f, 'utf8')) as T;

/** An office with data, and a backup of it in its own folder. */
async function officeWithBackup() {
  const dataDir = makeTempDir();
  const folder = makeTempDir();
  const app = await openApp(dataDir);
  await seedOffice(app);
  const backup = await app.call('backup.create', { folder });
  return { dataDir, folder, app, backup };
}

/** Rewrites a backup's manifest entry for one file after the file was changed on purpose. */
function reseal(dir: string, rel: string) {
  const m = readJson<Manifest>(join(dir, 'manifest.json'));
  const f = m.files.find((x) => x.path === rel)!;
  const p = join(dir, ...rel.split('/'));
  f.sha256 = sha(p);
  f.size = readFileSync(p).length;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
}

describe('making a backup', () => {
  it('writes the database, the attachments the database names and a manifest of checksums, last', async () => {
    const { dataDir, backup } = await officeWithBackup();
    expect(backup.name).toMatch(/^AfterSalesDesk-backup-\d{8}-\d{6}$/);
    expect(backup).toMatchObject({ kind: 'manual', status: 'good', complaints: 150, attachments: 3, appVersion: 'test', schema: [...KNOWN_MIGRATIONS].at(-1) });
    const m = readJson<Manifest>(join(backup.path, 'manifest.json'));
    // Two attachments share one file (the same photo): stored once, listed once.
    expect(m.files.map((f) => f.path).sort()).toEqual(['after-sales-desk.db', ...Object.keys(attachmentSums(dataDir)).map((p) => `attachments/${p}`)].sort());
    expect(m.files).toHaveLength(3);
    for (const f of m.files) expect(sha(join(backup.path, ...f.path.split('/')))).toBe(f.sha256);
    expect(m.migrations).toEqual([...KNOWN_MIGRATIONS]);
    // The copy is a database of its own (no WAL beside it) and passes SQLite's integrity check.
    expect(readdirSync(backup.path).sort()).toEqual(['after-sales-desk.db', 'attachments', 'manifest.json']);
    expect((await inspectDatabase(join(backup.path, 'after-sales-desk.db'), { integrity: true })).integrity).toBe('ok');
  });

  it('is listed newest first; a folder without its manifest is incomplete and never good', async () => {
    const { folder, app, backup } = await officeWithBackup();
    mkdirSync(join(folder, 'AfterSalesDesk-backup-20200101-080000'));
    mkdirSync(join(folder, 'holiday photos'));
    const list = await app.call('backup.list', { folder });
    expect(list.map((b) => [b.name, b.status])).toEqual([
      [backup.name, 'good'],
      ['AfterSalesDesk-backup-20200101-080000', 'incomplete'],
    ]);
  });

  it('leaves nothing behind when it fails half way', async () => {
    const { folder, app } = await officeWithBackup();
    const before = readdirSync(folder);
    createFaults.afterDatabase = () => {
      throw new Error('disk full (injected)');
    };
    const e = await app.fail('backup.create', { folder });
    expect(e.code).toBe('INTERNAL');
    expect(readdirSync(folder)).toEqual(before);
  });

  it('refuses a folder that does not exist with a field error', async () => {
    const { folder, app } = await officeWithBackup();
    const e = await app.fail('backup.create', { folder: join(folder, 'not-there') });
    expect(e.issues?.[0]).toMatchObject({ path: 'folder', code: 'backup_folder_missing' });
  });
});

describe('checking a backup', () => {
  it('finds a good backup good, the same in the worker thread and in main', async () => {
    const { app, backup } = await officeWithBackup();
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'good', problem: null });
    inspectMode.worker = false;
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'good', problem: null });
  });

  it('refuses a truncated database as damaged, naming the file, and restores nothing', async () => {
    const { dataDir, app, backup } = await officeWithBackup();
    truncateSync(join(backup.path, DB_FILE), 8192);
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'damaged', problem: { code: 'damaged', file: DB_FILE } });
    const e = await app.fail('backup.restore', { path: backup.path });
    expect(e.issues?.[0]).toMatchObject({ path: 'path', code: 'backup_damaged', params: { file: DB_FILE } });
    expect(existsSync(join(dataDir, PENDING_DIR))).toBe(false);
  });

  it('refuses a tampered attachment (same size, other bytes)', async () => {
    const { app, backup } = await officeWithBackup();
    const m = readJson<Manifest>(join(backup.path, 'manifest.json'));
    const att = m.files.find((f) => f.path.startsWith('attachments/'))!;
    const p = join(backup.path, ...att.path.split('/'));
    const bytes = readFileSync(p);
    bytes[10] = bytes[10]! ^ 0xff;
    writeFileSync(p, bytes);
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'damaged', problem: { file: att.path } });
    expect((await app.fail('backup.restore', { path: backup.path })).issues?.[0]).toMatchObject({ code: 'backup_damaged', params: { file: att.path } });
  });

  it('refuses a database that fails the integrity check even when its checksum was made to match', async () => {
    const { app, backup } = await officeWithBackup();
    const p = join(backup.path, DB_FILE);
    const bytes = readFileSync(p);
    // Scribble over a page in the middle of the file (a b-tree page of some table).
    const page = Math.floor(bytes.length / 4096 / 2) * 4096;
    bytes.fill(0x5a, page + 8, page + 4000);
    writeFileSync(p, bytes);
    reseal(backup.path, DB_FILE);
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'damaged', problem: { file: DB_FILE } });
  });

  it('refuses a backup whose manifest names a migration this version does not know: newer_version', async () => {
    const { app, backup } = await officeWithBackup();
    const m = readJson<Manifest>(join(backup.path, 'manifest.json'));
    m.migrations.push('2027-03-01-010-something-new');
    m.schema = '2027-03-01-010-something-new';
    writeFileSync(join(backup.path, 'manifest.json'), JSON.stringify(m));
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'newer_version' });
    expect((await app.fail('backup.restore', { path: backup.path })).issues?.[0]).toMatchObject({ code: 'backup_newer_version' });
  });

  it('refuses a backup whose database carries an unknown migration, and a newer manifest format', async () => {
    const { app, backup, folder } = await officeWithBackup();
    const p = join(backup.path, DB_FILE);
    const db = new Database(p);
    db.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('2027-03-01-010-something-new', new Date().toISOString());
    db.close();
    reseal(backup.path, DB_FILE);
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'newer_version' });

    const other = await app.call('backup.create', { folder });
    const m = readJson<Manifest>(join(other.path, 'manifest.json'));
    writeFileSync(join(other.path, 'manifest.json'), JSON.stringify({ ...m, format: 2, files: 'arranged differently' }));
    expect(await app.call('backup.verify', { path: other.path })).toMatchObject({ status: 'newer_version' });
  });

  it('calls a folder without a manifest incomplete', async () => {
    const { app, backup } = await officeWithBackup();
    const { unlinkSync } = await import('node:fs');
    unlinkSync(join(backup.path, 'manifest.json'));
    expect(await app.call('backup.verify', { path: backup.path })).toMatchObject({ status: 'incomplete' });
    expect((await app.fail('backup.restore', { path: backup.path })).issues?.[0]).toMatchObject({ code: 'backup_incomplete' });
  });
});

describe('restoring', () => {
  it('puts back exactly the backed-up data and attachments in a fresh data folder', async () => {
    const { dataDir, app, backup } = await officeWithBackup();
    await app.close();
    const original = dumpData(dataDir);
    const originalFiles = attachmentSums(dataDir);

    // Another computer: a fresh data folder, restoring the backup from the page.
    const fresh = makeTempDir();
    const other = await openApp(fresh);
    const r = await other.call('backup.restore', { path: backup.path });
    expect(r.restarting).toBe(false);
    // The safety backup of the fresh office went to the data folder (no backup folder set there).
    expect(r.safetyBackup.startsWith(join(fresh, 'safety-backups'))).toBe(true);
    expect(existsSync(join(fresh, PENDING_DIR, READY_FILE))).toBe(true);
    await other.close();

    const restored = await openApp(fresh);
    await restored.close();
    expect(existsSync(join(fresh, PENDING_DIR))).toBe(false);
    const after = dumpData(fresh);
    expect(Object.keys(after)).toEqual(Object.keys(original));
    for (const table of Object.keys(original)) expect(after[table], table).toEqual(original[table]);
    expect(attachmentSums(fresh)).toEqual(originalFiles);
  });

  it('takes a safety backup of the current data first, into the backup folder, and that one restores the current data', async () => {
    const { dataDir, folder, app, backup } = await officeWithBackup();
    await app.call('backup.saveSettings', { folder, daily: false, keep: 7 });
    // A change after the backup: the restore takes it away, the safety backup keeps it.
    await changeSomething(app);
    await app.close();
    const changed = dumpData(dataDir);

    const again = await openApp(dataDir);
    const r = await again.call('backup.restore', { path: backup.path });
    expect(r.safetyBackup.startsWith(folder)).toBe(true);
    expect(r.safetyBackup).toMatch(/-safety$/);
    await again.close();
    const restored = await openApp(dataDir);
    expect(countOf(restored, 'attachments')).toBe(3);
    const list = await restored.call('backup.list', {});
    expect(list.map((b) => b.kind).sort()).toEqual(['manual', 'safety']);
    // And back: the safety backup returns the data as it was before the restore.
    await restored.call('backup.restore', { path: r.safetyBackup });
    await restored.close();
    await (await openApp(dataDir)).close();
    const back = dumpData(dataDir);
    for (const table of Object.keys(changed)) if (table !== 'settings') expect(back[table], table).toEqual(changed[table]);
  });

  it('an interruption while staging leaves the old database as it was (the next start discards the half-staged files)', async () => {
    const { dataDir, app, backup } = await officeWithBackup();
    await changeSomething(app);
    const before = dumpData(dataDir);
    const filesBefore = attachmentSums(dataDir);

    // Through the api: the fault after half of the files; the call fails and nothing is pending.
    restoreFaults.staging = (n, total) => {
      if (n >= total / 2) throw new Error('power cut (injected)');
    };
    expect((await app.fail('backup.restore', { path: backup.path })).code).toBe('INTERNAL');
    expect(existsSync(join(dataDir, PENDING_DIR))).toBe(false);

    // The process dying half way: the staged files stay, without READY.
    const m = (await readManifest(backup.path, KNOWN_MIGRATIONS)) as { ok: true; manifest: Manifest };
    await expect(stageRestore({ backupDir: backup.path, manifest: m.manifest, dataDir })).rejects.toThrow('power cut');
    expect(existsSync(join(dataDir, PENDING_DIR))).toBe(true);
    expect(existsSync(join(dataDir, PENDING_DIR, READY_FILE))).toBe(false);
    await app.close();
    delete restoreFaults.staging;

    const reopened = await openApp(dataDir);
    expect(existsSync(join(dataDir, PENDING_DIR))).toBe(false);
    expect(countOf(reopened, 'attachments')).toBe(4);
    await reopened.close();
    const after = dumpData(dataDir);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(attachmentSums(dataDir)).toEqual(filesBefore);
  });

  it.each(['attachments', 'database', 'cleanup'] as const)('an interruption while putting it in place (%s) completes at the next start', async (step) => {
    const { dataDir, app, backup } = await officeWithBackup();
    await app.close();
    const original = dumpData(dataDir);
    const again = await openApp(dataDir);
    await changeSomething(again);
    await again.call('backup.restore', { path: backup.path });
    await again.close();

    restoreFaults.apply = (s, moved = 0, total = 0) => {
      if (s === step && moved >= total / 2) throw new Error('power cut (injected)');
    };
    await expect(openApp(dataDir)).rejects.toThrow('power cut');
    delete restoreFaults.apply;
    const restored = await openApp(dataDir);
    await restored.close();
    expect(existsSync(join(dataDir, PENDING_DIR))).toBe(false);
    const after = dumpData(dataDir);
    for (const table of Object.keys(original)) expect(after[table], table).toEqual(original[table]);
  });
});

describe('daily backups', () => {
  const at = (iso: string) => new Date(iso);

  it('makes one per office day, rotates to the newest N daily ones, and touches nothing else', async () => {
    let now = at('2026-11-20T01:30:00Z');
    const dataDir = makeTempDir();
    const folder = makeTempDir();
    const app = await openApp(dataDir, { clock: () => now });
    await app.call('app.loadDemo', { complaints: 30 });
    await app.call('backup.saveSettings', { folder, daily: true, keep: 3 });
    const manual = await app.call('backup.create', {});
    mkdirSync(join(folder, 'AfterSalesDesk-backup-20200101-000000-daily'));
    mkdirSync(join(folder, 'my own files'));
    const { backupServiceFor } = await import('../../src/main/backup/service');
    const service = backupServiceFor({ dataDir, attachmentsDir: join(dataDir, 'attachments'), store: app.store, gate: app.gate, version: 'test', clock: () => now, publish: () => undefined, log: () => undefined, shell: {} });

    expect(await service.dailyTick(now)).toBe('made');
    // The same office day (Asia/Shanghai), later: nothing more.
    now = at('2026-11-20T15:00:00Z');
    expect(await service.dailyTick(now)).toBe('done_today');
    // 16:00 UTC is the next day in Shanghai.
    for (const day of ['2026-11-20T16:30:00Z', '2026-11-22T02:00:00Z', '2026-11-23T02:00:00Z', '2026-11-24T02:00:00Z']) {
      now = at(day);
      expect(await service.dailyTick(now)).toBe('made');
    }
    const names = readdirSync(folder).sort();
    expect(names).toEqual([
      'AfterSalesDesk-backup-20200101-000000-daily',
      manual.name,
      'AfterSalesDesk-backup-20261122-100000-daily',
      'AfterSalesDesk-backup-20261123-100000-daily',
      'AfterSalesDesk-backup-20261124-100000-daily',
      'my own files',
    ].sort());
  });

  it('keeps a failure as the last error, tells the administrator once a day, and clears it after a success', async () => {
    let now = at('2026-11-20T01:30:00Z');
    const dataDir = makeTempDir();
    const folder = makeTempDir();
    const app = await openApp(dataDir, { clock: () => now });
    await app.call('backup.saveSettings', { folder, daily: true, keep: 3 });
    const { rmSync } = await import('node:fs');
    rmSync(folder, { recursive: true, force: true });
    const { backupServiceFor } = await import('../../src/main/backup/service');
    const service = backupServiceFor({ dataDir, attachmentsDir: join(dataDir, 'attachments'), store: app.store, gate: app.gate, version: 'test', clock: () => now, publish: () => undefined, log: () => undefined, shell: {} });
    expect(await service.dailyTick(now)).toBe('failed');
    now = at('2026-11-20T02:30:00Z');
    expect(await service.dailyTick(now)).toBe('failed');
    const s = await app.call('backup.settings', {});
    expect(s.lastError).toContain('does not exist');
    expect(s.lastErrorAt).toBe('2026-11-20T02:30:00.000Z');
    const notices = app.store.sqlite.prepare("SELECT kind, payload FROM notifications WHERE kind = 'backup_failed'").all();
    expect(notices).toHaveLength(1);

    mkdirSync(folder);
    expect(await service.dailyTick(now)).toBe('made');
    expect((await app.call('backup.settings', {})).lastError).toBeNull();
  });
});

describe('the settings', () => {
  it('are the administrator\'s; daily needs a folder that exists', async () => {
    const dataDir = makeTempDir();
    const app = await openApp(dataDir);
    const s = await app.call('backup.settings', {});
    expect(s).toMatchObject({ folder: null, daily: false, keep: 7, dataDir, networkDrive: false, canChooseFolder: false, lastBackupAt: null });
    expect(s.dataBytes).toBeGreaterThan(0);
    expect((await app.fail('backup.saveSettings', { folder: null, daily: true, keep: 7 })).issues?.[0]).toMatchObject({ path: 'folder', code: 'backup_folder_required' });
    expect((await app.fail('backup.saveSettings', { folder: join(dataDir, 'nope'), daily: false, keep: 7 })).issues?.[0]).toMatchObject({ code: 'backup_folder_missing' });
    const user = await app.call('users.create', { name: '经理', role: 'sales_manager' });
    await app.call('session.switch', { userId: user.id });
    expect((await app.fail('backup.saveSettings', { folder: null, daily: false, keep: 7 })).code).toBe('FORBIDDEN');
    expect((await app.fail('backup.restore', { path: dataDir })).code).toBe('FORBIDDEN');
  });

  it('chooseFolder asks the shell; without one it answers null', async () => {
    const app = await openApp(makeTempDir(), { shell: { chooseFolder: async () => '/media/usb/backups' } });
    expect(await app.call('backup.chooseFolder', {})).toEqual({ folder: '/media/usb/backups' });
    expect((await app.call('backup.settings', {})).canChooseFolder).toBe(true);
    const bare = await openApp(makeTempDir());
    expect(await bare.call('backup.chooseFolder', {})).toEqual({ folder: null });
  });
});
