import { sql, type Kysely } from 'kysely';

/**
 * Analysis and reporting (issue 7): corrective and preventive actions with their actions and linked
 * cases, the log of monthly reports sent, and the indexes the Pareto diagrams group by within a
 * period (received_at first, the grouped column second: a covering range scan). Frozen once landed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('capas')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('capa_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text')
    /** JSON: the Pareto bar it was created from (dimension, key, label, from, to), or null. */
    .addColumn('source', 'text')
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('due_on', 'text')
    .addColumn('effectiveness_due_on', 'text')
    .addColumn('effectiveness_checked_on', 'text')
    .addColumn('effectiveness', 'text')
    .addColumn('effectiveness_note', 'text')
    /** When the scheduler last escalated it as overdue (so that it is told once per overdue spell). */
    .addColumn('overdue_notified_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('capas_state').on('capas').columns(['state', 'due_on']).execute();

  await db.schema
    .createTable('capa_actions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('capa_id', 'integer', (c) => c.notNull().references('capas.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .execute();
  await db.schema.createIndex('capa_actions_capa').on('capa_actions').columns(['capa_id', 'position']).execute();
  await db.schema.createIndex('capa_actions_due').on('capa_actions').columns(['state', 'due_on']).execute();

  await db.schema
    .createTable('capa_cases')
    .addColumn('capa_id', 'integer', (c) => c.notNull().references('capas.id'))
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addPrimaryKeyConstraint('capa_cases_pk', ['capa_id', 'complaint_id'])
    .execute();
  await db.schema.createIndex('capa_cases_complaint').on('capa_cases').column('complaint_id').execute();

  await db.schema
    .createTable('report_sends')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('by', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verifications_verified_at').on('verifications').column('verified_at').execute();
  await db.schema.createIndex('report_sends_month').on('report_sends').columns(['month', 'status']).execute();

  // Denormalised for the Pareto diagrams, so that a year of a million cases is one covering range
  // scan instead of a probe per case: the kind of the chosen treatment option (written with
  // chosen_option, and when the options of a decided case are saved again), and on each
  // responsibility the received_at of its case (written on insert, kept in step by complaints.update).
  await db.schema.alterTable('complaints').addColumn('chosen_kind', 'text').execute();
  await sql`UPDATE complaints SET chosen_kind = (SELECT t.kind FROM treatment_options t WHERE t.complaint_id = complaints.id AND t.position = complaints.chosen_option)
            WHERE chosen_option IS NOT NULL`.execute(db);
  await db.schema.alterTable('responsibilities').addColumn('received_at', 'text').execute();
  await sql`UPDATE responsibilities SET received_at = (SELECT c.received_at FROM complaints c WHERE c.id = responsibilities.complaint_id)`.execute(db);
  await db.schema.createIndex('responsibilities_received').on('responsibilities').columns(['received_at', 'department_id', 'complaint_id']).execute();

  for (const [name, cols] of [
    ['complaints_received_category', ['received_at', 'defect_category']],
    ['complaints_received_kind', ['received_at', 'chosen_kind']],
    ['complaints_received_model', ['received_at', 'product_model']],
    ['complaints_received_customer', ['received_at', 'customer_id']],
    // The monthly report's SLA and closing figures read the clocks that stopped in a month.
    ['complaints_responded_at', ['responded_at']],
    ['complaints_resolved_at', ['resolved_at']],
  ] as const) {
    await db.schema.createIndex(name).on('complaints').columns([...cols]).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('verifications_verified_at').ifExists().execute();
  await db.schema.dropIndex('responsibilities_received').ifExists().execute();
  for (const name of ['complaints_received_category', 'complaints_received_kind', 'complaints_received_model', 'complaints_received_customer', 'complaints_responded_at', 'complaints_resolved_at']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  for (const t of ['report_sends', 'capa_cases', 'capa_actions', 'capas']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('responsibilities').dropColumn('received_at').execute();
  await db.schema.alterTable('complaints').dropColumn('chosen_kind').execute();
}
