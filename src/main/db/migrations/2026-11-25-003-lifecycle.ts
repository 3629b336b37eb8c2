import { sql, type Kysely } from 'kysely';

/**
 * The lifecycle of a case (issue 3): departments and profiles, classification, investigation,
 * treatment options, decisions, responsibility, the customer's agreement and acceptance,
 * verification, disputes, attachments. Frozen once landed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').addColumn('department_id', 'integer', (c) => c.references('departments.id')).execute();

  for (const [col, type] of [
    ['classification', 'text'],
    ['owner_id', 'integer'],
    ['escalated', 'integer'],
    ['escalation_reason', 'text'],
    ['dispute_open', 'integer'],
    ['dispute_note', 'text'],
    ['chosen_option', 'integer'],
    ['decision_note', 'text'],
    ['decided_by', 'integer'],
    ['decided_at', 'text'],
    ['chairman_note', 'text'],
    ['chairman_by', 'integer'],
    ['chairman_at', 'text'],
    ['rejection_reason', 'text'],
    ['customer_agreed', 'integer'],
    ['state_changed_at', 'text'],
    ['closed_at', 'text'],
  ] as const) {
    await db.schema
      .alterTable('complaints')
      .addColumn(col, type, (c) => (col === 'escalated' || col === 'dispute_open' ? c.notNull().defaultTo(0) : c))
      .execute();
  }
  await sql`UPDATE complaints SET state_changed_at = created_at`.execute(db);
  for (const col of ['owner_id', 'classification', 'closed_at', 'state_changed_at']) {
    await db.schema.createIndex(`complaints_${col}`).on('complaints').column(col).execute();
  }
  await db.schema.createIndex('complaints_state_received').on('complaints').columns(['state', 'received_at']).execute();

  await db.schema
    .createTable('investigations')
    .addColumn('complaint_id', 'integer', (c) => c.primaryKey().references('complaints.id'))
    .addColumn('cause', 'text')
    .addColumn('countermeasures', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('whys', 'text', (c) => c.notNull())
    .addColumn('containment', 'text')
    .addColumn('root_cause_verified', 'text')
    .addColumn('permanent_action', 'text')
    .addColumn('prevention', 'text')
    .addColumn('technical_support', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
    .execute();

  await db.schema
    .createTable('treatment_options')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('estimated_cost', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('treatment_options_complaint').on('treatment_options').columns(['complaint_id', 'position']).unique().execute();

  await db.schema
    .createTable('customer_agreements')
    .addColumn('complaint_id', 'integer', (c) => c.primaryKey().references('complaints.id'))
    .addColumn('agreed', 'integer', (c) => c.notNull())
    .addColumn('customer_person', 'text', (c) => c.notNull())
    .addColumn('agreed_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('responsibilities')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('person_name', 'text')
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('responsibilities_complaint').on('responsibilities').column('complaint_id').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_complaint').on('attachments').column('complaint_id').execute();
  await db.schema.createIndex('attachments_sha').on('attachments').column('sha256').execute();

  await db.schema
    .createTable('acceptances')
    .addColumn('complaint_id', 'integer', (c) => c.primaryKey().references('complaints.id'))
    .addColumn('accepted_by', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text', (c) => c.notNull())
    .addColumn('receipt_attachment_id', 'integer', (c) => c.references('attachments.id'))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('verifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verifications_complaint').on('verifications').columns(['complaint_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['verifications', 'acceptances', 'attachments', 'responsibilities', 'customer_agreements', 'treatment_options', 'investigations']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
