import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDeskApp, DB_FILE } from '../../src/main/app';
import { DatabaseTooNewError, openStore } from '../../src/main/db/connection';
import { migrations } from '../../src/main/db/migrations';
import { complaintInput, makeTempDir, onCleanup, openTestApp } from './helpers';

/**
 * The store from an empty file: every table, the migration recorded, a second start changing
 * nothing, a database from a newer app refused, and an audit trail that cannot be rewritten.
 */

const TABLES = ['complaints', 'contacts', 'customers', 'events', 'prefs', 'product_models', 'sequences', 'settings', 'users'];

function tableNames(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

function migrationRows(sqlite: Database.Database): string[] {
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
}

/** Everything in the schema, to compare before and after a second start. */
function schemaSql(sqlite: Database.Database): string[] {
  return (sqlite.prepare(`SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS s FROM sqlite_master ORDER BY type, name`).all() as Array<{ s: string }>).map(
    (r) => r.s,
  );
}

describe('migrations from an empty database', () => {
  it('creates every table and records the one migration', async () => {
    const dir = makeTempDir();
    const store = await openStore(join(dir, DB_FILE));
    onCleanup(() => store.close());

    expect(tableNames(store.sqlite)).toEqual(expect.arrayContaining([...TABLES, 'kysely_migration', 'kysely_migration_lock']));
    // Every migration the app knows has run, in name order, starting with the first one.
    expect(Object.keys(migrations)[0]).toBe('2026-11-25-001-init');
    expect(Object.keys(migrations)).toEqual([...Object.keys(migrations)].sort());
    expect(migrationRows(store.sqlite)).toEqual(Object.keys(migrations));
    // The pragmas DESIGN.md asks for: WAL, FULL sync, foreign keys.
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('changes nothing when the same file is opened again, and keeps the data', async () => {
    const dir = makeTempDir();
    const first = await openTestApp({ dataDir: dir });
    const created = await first.call('complaints.create', complaintInput());
    const before = schemaSql(first.store.sqlite);
    await first.close();

    const again = await openTestApp({ dataDir: dir });
    expect(schemaSql(again.store.sqlite)).toEqual(before);
    expect(migrationRows(again.store.sqlite)).toEqual(Object.keys(migrations));
    expect(await again.call('complaints.get', { id: created.id })).toEqual(created);
    // One default profile, not a second one per start.
    expect((again.store.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(1);
  });

  it('refuses a database written by a newer version, naming the unknown migration', async () => {
    const dir = makeTempDir();
    const file = join(dir, DB_FILE);
    const store = await openStore(file);
    store.sqlite
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('2099-03-01-001-warranty-policies', new Date().toISOString());
    await store.close();

    const refused = openStore(file);
    await expect(refused).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(refused).rejects.toMatchObject({ unknown: ['2099-03-01-001-warranty-policies'] });
    await expect(refused).rejects.toThrow(/2099-03-01-001-warranty-policies/);
    // The app refuses too, rather than running on a schema it does not know.
    await expect(createDeskApp({ dataDir: dir, version: 'test' })).rejects.toBeInstanceOf(DatabaseTooNewError);

    // The refused file is left as it was.
    const raw = new Database(file, { readonly: true });
    try {
      expect(migrationRows(raw)).toEqual([...Object.keys(migrations), '2099-03-01-001-warranty-policies']);
    } finally {
      raw.close();
    }
  });
});

describe('the audit trail', () => {
  it('refuses UPDATE and DELETE on events, also through raw SQL', async () => {
    // An hour after the complaint came in: no SLA clock is near its target, so registration is the only event.
    const app = await openTestApp({ clock: () => new Date('2026-11-20T03:30:00Z') });
    const c = await app.call('complaints.create', complaintInput());
    const events = () => app.store.sqlite.prepare('SELECT id, kind, after FROM events ORDER BY id').all();
    const before = events();
    expect(before).toHaveLength(1);

    expect(() => app.store.sqlite.prepare(`UPDATE events SET kind = 'forged'`).run()).toThrow(/append-only/);
    expect(() => app.store.sqlite.prepare(`UPDATE events SET after = NULL WHERE complaint_id = ?`).run(c.id)).toThrow(/append-only/);
    expect(() => app.store.sqlite.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => app.store.sqlite.prepare('DELETE FROM events WHERE complaint_id = ?').run(c.id)).toThrow(/append-only/);
    expect(events()).toEqual(before);

    // Appending still works: the change, and the escalation a major defect brings (issue 4).
    await app.call('complaints.update', { id: c.id, version: c.version, patch: { severity: 'major' } });
    expect(events().map((e) => (e as { kind: string }).kind)).toEqual(['created', 'field_changed', 'escalation']);
  });
});
