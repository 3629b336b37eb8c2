import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';

/**
 * SQLite's own functions the services use, kept here with the other dialect-specific SQL (the
 * office-server mode would answer them with PostgreSQL's: `extract(epoch from …)`, and a counter
 * kept by a trigger or `pg_stat_database.xact_commit`).
 */

/**
 * Milliseconds from one ISO-8601 instant column to another, as an integer (julianday counts in
 * milliseconds inside; rounding takes off the float's last bits, so a sum of these is exact).
 */
export function instantDiffMs(later: string, earlier: string): RawBuilder<number> {
  return sql<number>`round((julianday(${sql.ref(later)}) - julianday(${sql.ref(earlier)})) * 86400000)`;
}

/**
 * A token that changes whenever the store's data may have changed: the rows this connection has
 * inserted, updated or deleted since it opened (triggers' included; a rolled-back change still
 * counts, which only makes the token change more often than the data), and SQLite's counter of
 * commits by other connections. Equal tokens on the same connection mean the same data.
 */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ t: number; v: number }>`SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v`.execute(db);
  const row = r.rows[0]!;
  return `${row.t}.${row.v}`;
}
