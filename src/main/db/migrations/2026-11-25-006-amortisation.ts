import { sql, type Kysely } from 'kysely';

/**
 * Costs, Finance vetting and amortisation (issue 6): a receipt on a cost line, accounting periods
 * that Finance closes, the amortisation entries (each approved company-borne line split over the
 * responsible departments and people by the shares of the responsibility decision), and their
 * running totals by period × department × cost type, which the department × month view reads
 * instead of summing a million entries. Frozen once landed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cost_lines').addColumn('receipt_attachment_id', 'integer', (c) => c.references('attachments.id')).execute();
  // The class a line was booked in when Finance approved it: a later change of the mapping does not rewrite the books.
  await db.schema.alterTable('cost_lines').addColumn('cost_class', 'text').execute();
  await db.schema.createIndex('cost_lines_reverses').on('cost_lines').column('reverses_id').execute();

  await db.schema
    .createTable('accounting_periods')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'integer', (c) => c.notNull().references('users.id'))
    .execute();

  await db.schema
    .createTable('amortisation_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('cost_line_id', 'integer', (c) => c.notNull().references('cost_lines.id'))
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('person_name', 'text')
    .addColumn('cost_type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('amortisation_entries_line').on('amortisation_entries').columns(['cost_line_id', 'period']).execute();
  await db.schema.createIndex('amortisation_entries_period').on('amortisation_entries').columns(['period', 'department_id']).execute();
  await db.schema.createIndex('amortisation_entries_complaint').on('amortisation_entries').column('complaint_id').execute();
  // The product-line and customer views sum a year's entries per case: covered, they never read the table.
  await db.schema.createIndex('amortisation_entries_period_case').on('amortisation_entries').columns(['period', 'complaint_id', 'amount']).execute();

  // A closed period is locked: the store itself refuses to add, change or remove its entries.
  for (const [when, row] of [['INSERT', 'NEW'], ['UPDATE', 'OLD'], ['DELETE', 'OLD']] as const) {
    await sql.raw(`CREATE TRIGGER amortisation_entries_closed_${when.toLowerCase()} BEFORE ${when} ON amortisation_entries
      WHEN EXISTS (SELECT 1 FROM accounting_periods WHERE period = ${row}.period)
      BEGIN SELECT RAISE(ABORT, 'the accounting period is closed'); END`).execute(db);
  }

  // `target`: `d:<department id>`, `p:<person name>` or `unallocated` (no responsibility decision yet).
  await sql`CREATE TABLE amortisation_totals (
    period TEXT NOT NULL,
    target TEXT NOT NULL,
    cost_type TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (period, target, cost_type)
  ) WITHOUT ROWID`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['amortisation_totals', 'amortisation_entries', 'accounting_periods']) await db.schema.dropTable(t).ifExists().execute();
}
