import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE, type AppOptions } from '../../src/main/app';
import { openTestApp, type TestApp } from './helpers';

/** Backup and restore tests: an app on a data folder that a test closes and opens again (a restart). */

export type BackupApp = TestApp;

/** An app on a data folder that a test closes and opens again (a restart). */
export const openApp = (dataDir: string, over: Partial<AppOptions> = {}): Promise<BackupApp> => openTestApp({ ...over, dataDir });

/** Every table's rows (raw SQL on a read-only connection), as sorted JSON lines per table. */
export function dumpDatabase(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    return out;
  } finally {
    db.close();
  }
}

export const dumpData = (dataDir: string) => dumpDatabase(join(dataDir, DB_FILE));

/** Every file under the attachments folder: relative path → SHA-256. */
export function attachmentSums(dataDir: string): Record<string, string> {
  const root = join(dataDir, 'attachments');
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
      else out[`${rel}${n}`] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(root, '');
  return out;
}

/** A small office: demo complaints and a few attachments (one shared by two cases). */
export async function seedOffice(app: BackupApp, complaints = 150): Promise<number[]> {
  await app.call('app.loadDemo', { complaints });
  const ids = (app.store.sqlite.prepare('SELECT id FROM complaints ORDER BY id LIMIT 3').all() as Array<{ id: number }>).map((r) => r.id);
  const admin = await app.call('session.current', {});
  const clerk = await app.call('users.create', { name: '李秘书', role: 'sales_admin' });
  await app.call('session.switch', { userId: clerk.id });
  const photo = Buffer.alloc(50_000, 7).toString('base64');
  const text = Buffer.from('客户来函：油气分离器漏油 — 现场照片见附件', 'utf8').toString('base64');
  await app.call('attachments.add', { complaintId: ids[0]!, name: '现场照片.jpg', mime: 'image/jpeg', purpose: 'general', data: photo });
  await app.call('attachments.add', { complaintId: ids[1]!, name: '现场照片-副本.jpg', mime: 'image/jpeg', purpose: 'general', data: photo });
  await app.call('attachments.add', { complaintId: ids[2]!, name: 'letter.txt', mime: 'text/plain', purpose: 'general', data: text });
  await app.call('session.switch', { userId: admin.id });
  return ids;
}

/** A change after a backup: a new profile, and a new attachment (a new file) on the first case. */
export async function changeSomething(app: BackupApp, label = 'after'): Promise<void> {
  const admin = await app.call('session.current', {});
  const clerk = await app.call('users.create', { name: `新同事 ${label}`, role: 'sales_admin' });
  await app.call('session.switch', { userId: clerk.id });
  const id = (app.store.sqlite.prepare('SELECT id FROM complaints ORDER BY id LIMIT 1').get() as { id: number }).id;
  await app.call('attachments.add', { complaintId: id, name: `${label}.txt`, mime: 'text/plain', purpose: 'general', data: Buffer.from(`changed ${label}`).toString('base64') });
  await app.call('session.switch', { userId: admin.id });
}

export const countOf = (app: BackupApp, table: string) => (app.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
