import { sql, type Kysely, type SqlBool } from 'kysely';

/**
 * The rule engine (issue 4): rule documents with their versions, the business calendar's day table,
 * escalations recorded on cases, in-app notifications, service contracts (minimal; issue 5 extends
 * them), SLA pauses, and the columns the engine keeps on each case. Frozen once landed.
 *
 * Existing cases get the instants their SLA clocks stopped from the audit trail, so that an older
 * database does not wake up with every answered case breaching its response target; the rest of
 * the engine's columns are filled by the scheduler's first pass (engine_at stays null until then).
 */

const COMPLAINT_COLUMNS: ReadonlyArray<readonly [string, 'text' | 'integer', 'flag' | 'priority' | 'zero' | null]> = [
  ['installation_date', 'text', null],
  ['invoice_date', 'text', null],
  ['warranty_exclusions', 'text', null],
  ['warranty_suspensions', 'text', null],
  ['customer_pressure', 'integer', 'flag'],
  ['customer_pressure_note', 'text', null],
  ['serial_key', 'text', null],
  ['priority', 'text', 'priority'],
  ['escalation_level', 'text', null],
  ['management_review', 'integer', 'flag'],
  ['warranty_status', 'text', null],
  ['warranty_reason', 'text', null],
  ['contract_no', 'text', null],
  ['sla_response_due', 'text', null],
  ['sla_onsite_due', 'text', null],
  ['sla_resolution_due', 'text', null],
  ['sla_due_at', 'text', null],
  ['sla_state', 'text', null],
  ['sla_breached_at', 'text', null],
  ['waiting_customer_since', 'text', null],
  ['responded_at', 'text', null],
  ['on_site_at', 'text', null],
  ['resolved_at', 'text', null],
  ['onsite_from', 'text', null],
  ['estimated_cost', 'integer', 'zero'],
  ['repeat_customer', 'integer', null],
  ['repeat_model', 'integer', null],
  ['repeat_serial', 'integer', null],
  ['repeat_window', 'integer', null],
  ['routing', 'text', null],
  ['engine_at', 'text', null],
];

const COMPLAINT_INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Repeat detection (rules/repeat.ts): candidates by customer, by unit, by customer and model, in a window.
  ['complaints_customer_received', ['customer_id', 'received_at']],
  ['complaints_serial_key_received', ['serial_key', 'received_at']],
  ['complaints_model_customer_received', ['product_model', 'customer_id', 'received_at']],
  // The tracking table sorts by the engine's columns, and the review list is a view.
  ['complaints_sla_due_at', ['sla_due_at']],
  ['complaints_warranty_status', ['warranty_status']],
  ['complaints_sla_state', ['sla_state']],
  ['complaints_escalation_level', ['escalation_level']],
  ['complaints_priority', ['priority']],
  ['complaints_review_received', ['management_review', 'received_at']],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rule_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('rule_documents_version').on('rule_documents').columns(['kind', 'key', 'version']).unique().execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('holiday', 'text')
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rule_firings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('rule_name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('deescalate', 'integer', (c) => c.notNull())
    .addColumn('fired_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('rule_firings_complaint').on('rule_firings').columns(['complaint_id', 'cleared_at']).execute();
  await db.schema.createIndex('rule_firings_rule').on('rule_firings').columns(['rule_id', 'cleared_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('role', 'text')
    .addColumn('complaint_id', 'integer', (c) => c.references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('notifications_role').on('notifications').columns(['role', 'user_id', 'id']).execute();

  await db.schema
    .createTable('service_contracts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('contract_no', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('serials', 'text', (c) => c.notNull())
    .addColumn('models', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_contracts_customer').on('service_contracts').column('customer_id').execute();

  await db.schema
    .createTable('sla_pauses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('sla_pauses_complaint').on('sla_pauses').columns(['complaint_id', 'started_at']).execute();

  await db.schema.alterTable('customers').addColumn('tier', 'text', (c) => c.notNull().defaultTo('standard')).execute();

  for (const [col, type, def] of COMPLAINT_COLUMNS) {
    await db.schema
      .alterTable('complaints')
      .addColumn(col, type, (c) => (def === 'flag' || def === 'zero' ? c.notNull().defaultTo(0) : def === 'priority' ? c.notNull().defaultTo('normal') : c))
      .execute();
  }
  for (const [name, columns] of COMPLAINT_INDEXES) {
    await db.schema.createIndex(name).on('complaints').columns([...columns]).execute();
  }
  // The scheduler pages through open cases by id; a partial index holds exactly those, so a page is
  // an index range however many closed cases the office has. Queries must repeat the literal
  // condition for the planner to use it (services/engine-batch.ts).
  await db.schema
    .createIndex('complaints_open_id')
    .on('complaints')
    .column('id')
    .where(sql<SqlBool>`state NOT IN ('closed', 'rejected')`)
    .execute();
  // The open cases waiting for their first full evaluation (engine_at null), by receipt: the scheduler
  // asks every minute whether there are any, and from when to count their repeats.
  await db.schema
    .createIndex('complaints_engine_pending')
    .on('complaints')
    .column('received_at')
    .where(sql<SqlBool>`engine_at IS NULL AND state NOT IN ('closed', 'rejected')`)
    .execute();

  // Serial numbers are typed by hand; the engine's normalizeKey also drops tabs and newlines, and the
  // scheduler's first pass puts that right where it differs.
  await sql`UPDATE complaints SET serial_key = upper(replace(serial_no, ' ', '')) WHERE serial_no IS NOT NULL`.execute(db);
  // When the clocks of existing cases stopped, from their transitions (the audit trail), else from
  // the state they are in.
  await sql`UPDATE complaints SET responded_at = coalesce(
      (SELECT min(e.at) FROM events e WHERE e.complaint_id = complaints.id AND e.kind = 'transition' AND e.field IN ('accept', 'reject')),
      state_changed_at)
    WHERE state <> 'registered'`.execute(db);
  await sql`UPDATE complaints SET on_site_at = (SELECT max(e.at) FROM events e
      WHERE e.complaint_id = complaints.id AND e.kind = 'transition' AND e.field = 'record_acceptance')`.execute(db);
  await sql`UPDATE complaints SET resolved_at = coalesce(
      (SELECT max(e.at) FROM events e WHERE e.complaint_id = complaints.id AND e.kind = 'transition' AND e.field IN ('verify', 'reject')),
      closed_at, state_changed_at)
    WHERE state IN ('verified', 'closed', 'rejected')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('complaints_open_id').ifExists().execute();
  await db.schema.dropIndex('complaints_engine_pending').ifExists().execute();
  for (const [name] of COMPLAINT_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
  for (const t of ['sla_pauses', 'service_contracts', 'notifications', 'rule_firings', 'calendar_days', 'rule_documents']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
