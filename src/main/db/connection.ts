import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type MigrationProvider, type Transaction } from 'kysely';
import { migrations } from './migrations';
import type { Database as Schema } from './schema';

/**
 * The one SQLite connection of the main process. Dialect-specific SQL (pragmas, triggers) lives in
 * `db/` only, so that the office-server mode can swap in PostgreSQL.
 */

export interface Store {
  db: Kysely<Schema>;
  /** The raw handle, for pragmas, backups and the benchmark's SQL floor. */
  sqlite: Database.Database;
  close(): Promise<void>;
}

export class DatabaseTooNewError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `This database was written by a newer version of After-Sales Desk (migrations ${unknown.join(', ')}). ` +
        'Install the newer version to open it.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function openSqlite(file: string): Database.Database {
  const sqlite = new Database(file);
  // WAL for readers beside the one writer; FULL so that a registered complaint survives a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite copies the WAL into the database inside the commit that grows it past this many pages,
  // and the event loop waits for that copy and its two fsyncs: 256 pages (1 MiB, not the default 4)
  // keep each copy short. The scheduler checkpoints between its transactions (checkpointWal).
  sqlite.pragma('wal_autocheckpoint = 256');
  // The audit trail's triggers refuse UPDATE and DELETE; without this, the rows that INSERT OR REPLACE
  // deletes to make room would slip past the delete trigger (SQLite fires it only with recursive triggers).
  sqlite.pragma('recursive_triggers = ON');
  return sqlite;
}

/**
 * A transaction whose commit does not wait for the disk (SQLite: synchronous=NORMAL for it alone;
 * WAL keeps it atomic, a power cut may only lose it whole). For the rule engine's scheduler, whose
 * writes a later pass makes again when they are lost: with FULL, every one of its short transactions
 * would hold main's event loop for an fsync. Changes people make keep FULL.
 */
export async function relaxedTransaction<T>(db: Kysely<Schema>, fn: (trx: Transaction<Schema>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`PRAGMA synchronous = NORMAL`.execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await sql`PRAGMA synchronous = FULL`.execute(conn);
    }
  });
}

/**
 * Copies what the WAL holds into the database file now, as far as readers allow, without waiting
 * for them (PASSIVE). For a long run of writes (the scheduler's catch-up), so that the copy happens
 * in a turn of the event loop of its own rather than inside one of its commits.
 */
export async function checkpointWal(db: Kysely<Schema>): Promise<void> {
  await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db);
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Runs pending migrations; refuses a database that has migrations this app does not know. */
export async function migrate(db: Kysely<Schema>): Promise<string[]> {
  const known = new Set(Object.keys(migrations));
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((t) => t.name === 'kysely_migration')) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own bookkeeping table is not in our schema
    const done = await (db as Kysely<any>).selectFrom('kysely_migration').select('name').execute();
    const unknown = done.map((r: { name: string }) => r.name).filter((n: string) => !known.has(n));
    if (unknown.length) throw new DatabaseTooNewError(unknown);
  }
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function openStore(file: string): Promise<Store> {
  const sqlite = openSqlite(file);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, sqlite, close: () => db.destroy() };
}
