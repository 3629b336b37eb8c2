/**
 * Backup at scale (issue 8's target: "a backup of the 100,000-complaint database under 5 s"). Its own
 * database of N demo complaints (with their lifecycle, as the demo loader writes it) and a few
 * hundred attachment files (photos of 200 KB, by raw SQL and files in the content-addressed store),
 * then `backup.create` through the dispatcher (SQLite's online backup, the attachments copied, every
 * checksum) and `backup.verify` (every checksum again and SQLite's integrity check in a worker thread).
 * While a backup runs, the event loop's longest stall is measured: the app must keep answering.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDeskApp, DB_FILE, type DeskApp } from '../../src/main/app';
import { attachmentPath } from '../../src/main/services/attachments';
import { loadDemoData } from '../../src/main/services/demo-data';
import type { BackupInfo } from '../../src/shared/data-io';
import { fmtMs, type BenchRow, mib, verdict } from './stats';

export type BackupRow = BenchRow;

const UNTIL = new Date('2026-11-01T00:00:00Z');
const ATTACHMENTS = 300;

async function call<T>(app: DeskApp, method: string, input: unknown): Promise<T> {
  const r = await app.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

export async function benchBackup(opts: { complaints: number; keep?: boolean }): Promise<BackupRow[]> {
  const rows: BackupRow[] = [];
  const row = (what: string, extra: Partial<BackupRow> = {}) => rows.push({ what, n: '', median: '', p95: '', target: '', result: '', ...extra });
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-backup-'));
  const dataDir = join(dir, 'data');
  const folder = join(dir, 'backups');
  mkdirSync(folder, { recursive: true });
  const app = await createDeskApp({ dataDir, version: 'bench', scheduler: false, log: (m, e) => console.error(m, e) });
  try {
    const user = await app.store.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
    const t0 = performance.now();
    const seeded = await app.store.db.transaction().execute((trx) => loadDemoData(trx, { complaints: opts.complaints, until: UNTIL, userId: user.id, audit: false }));
    // Attachments: distinct 200 KB photos on the first cases.
    const attachmentsDir = join(dataDir, 'attachments');
    const insert = app.store.sqlite.prepare(
      'INSERT INTO attachments (complaint_id, sha256, size, name, mime, purpose, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const ids = (app.store.sqlite.prepare('SELECT id FROM complaints ORDER BY id LIMIT ?').all(ATTACHMENTS) as Array<{ id: number }>).map((r) => r.id);
    app.store.sqlite.transaction(() => {
      for (const [i, id] of ids.entries()) {
        const data = randomBytes(200 * 1024);
        const sha = createHash('sha256').update(data).digest('hex');
        mkdirSync(join(attachmentsDir, sha.slice(0, 2)), { recursive: true });
        writeFileSync(attachmentPath(attachmentsDir, sha), data);
        insert.run(id, sha, data.length, `现场照片-${i}.jpg`, 'image/jpeg', 'photo', user.id, UNTIL.toISOString());
      }
    })();
    app.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = statSync(join(dataDir, DB_FILE)).size;
    row(`seeding ${seeded.toLocaleString('en')} demo complaints and ${ids.length} attachments of 200 KB`, {
      median: `${((performance.now() - t0) / 1000).toFixed(1)} s`,
      p95: `db ${mib(dbBytes)}`,
    });
    await call(app, 'backup.saveSettings', { folder, daily: false, keep: 7 });

    const times: number[] = [];
    const stalls: number[] = [];
    let last: BackupInfo | null = null;
    for (let i = 0; i < 3; i++) {
      const h = monitorEventLoopDelay({ resolution: 5 });
      h.enable();
      const c0 = performance.now();
      last = await call<BackupInfo>(app, 'backup.create', {});
      times.push(performance.now() - c0);
      h.disable();
      stalls.push(h.max / 1e6);
    }
    const sorted = [...times].sort((a, b) => a - b);
    row(`backup.create: ${last!.complaints.toLocaleString('en')} complaints, ${last!.attachments} attachments, ${mib(last!.bytes)}`, {
      n: String(times.length),
      median: fmtMs(sorted[1]!),
      p95: fmtMs(sorted[2]!),
      target: '< 5000 ms',
      result: verdict(sorted[2]! < 5000),
    });
    row('  longest event-loop stall during a backup', { n: String(stalls.length), median: fmtMs(Math.max(...stalls)) });

    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const v0 = performance.now();
    const verified = await call<BackupInfo>(app, 'backup.verify', { path: last!.path });
    const verifyMs = performance.now() - v0;
    h.disable();
    if (verified.status !== 'good') throw new Error(`the backup did not verify: ${JSON.stringify(verified.problem)}`);
    row('backup.verify: checksums and integrity_check (worker thread)', { n: '1', median: fmtMs(verifyMs) });
    row('  longest event-loop stall during the check', { n: '1', median: fmtMs(h.max / 1e6) });
  } finally {
    await app.close();
    if (opts.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
