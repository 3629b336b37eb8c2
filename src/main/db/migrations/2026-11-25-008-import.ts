import type { Kysely } from 'kysely';

/**
 * Import of an old tracking table (issue 8): one row per run that wrote cases — which file (its
 * name and SHA-256), who imported it and when, and what it wrote — so that an imported case's
 * `imported` event points at its batch. Frozen once landed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('header_row', 'integer', (c) => c.notNull())
    /** JSON: field → column index, as the person mapped it. */
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('customers_created', 'integer', (c) => c.notNull())
    .addColumn('products_created', 'integer', (c) => c.notNull())
    .addColumn('cost_lines', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_batches').execute();
}
