import type { Kysely } from 'kysely';

/**
 * Indexes for the tracking table's filtered pages (found by `npm run bench`). A choice filter
 * (severity, channel, defect category) on its own index leaves SQLite to sort every matching row
 * for ORDER BY; with the sort column second in the same index, the page query's id subquery
 * (services/tracking-query.ts) reads filter, sort key and id from the index alone and sorts keys
 * only. Covered: each choice filter under the default sort (received_at), and severity under the
 * customer sort (the office's triage view). The state filter's (state, received_at) comes with the
 * lifecycle migration. Other pairs still work, through the single-column indexes of 001.
 *
 * The quick search reads search_text with LIKE '%word%', which no B-tree can seek. An index that
 * holds it turns "read every row of the table" into "read one narrower index": the received-date
 * walk of the default sort checks each case without touching the table, and under any other sort
 * the matching ids come from one pass over it. It stores search_text a second time (about 15% of
 * the file with the demo data); PostgreSQL would refuse B-tree entries this long and use pg_trgm
 * instead. Frozen once landed.
 */
const INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['complaints_severity_received', ['severity', 'received_at']],
  ['complaints_severity_customer', ['severity', 'customer_name']],
  ['complaints_channel_received', ['channel', 'received_at']],
  ['complaints_category_received', ['defect_category', 'received_at']],
  // id (the rowid) named explicitly so that received_at, id is the tracking table's full sort key.
  ['complaints_received_search', ['received_at', 'id', 'search_text']],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES) {
    await db.schema.createIndex(name).on('complaints').columns([...columns]).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}
