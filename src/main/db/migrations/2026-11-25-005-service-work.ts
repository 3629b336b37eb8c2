import { sql, type Kysely } from 'kysely';

/**
 * Service work (issue 5): service actions and on-site visits with their engineers, returns (RMA),
 * the spare-parts catalogue with an append-only stock ledger and the parts used on cases, the full
 * life of a service contract (quotation, sent, signed, invoiced), and the cost lines that service
 * records write by themselves (issue 6 adds vetting and amortisation on top). Frozen once landed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_actions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text')
    .addColumn('actual_start', 'text')
    .addColumn('actual_end', 'text')
    .addColumn('travel_from', 'text')
    .addColumn('travel_to', 'text')
    .addColumn('travel_cost', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accommodation_cost', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allowance_cost', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('work_done', 'text')
    .addColumn('result', 'text')
    .addColumn('customer_signoff', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('service_actions_complaint').on('service_actions').columns(['complaint_id', 'id']).execute();
  // The field calendar asks for the visits of a week: planned or actual start in a range.
  await db.schema.createIndex('service_actions_planned').on('service_actions').columns(['planned_start', 'planned_end']).execute();

  await db.schema
    .createTable('service_action_engineers')
    .addColumn('action_id', 'integer', (c) => c.notNull().references('service_actions.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('service_action_engineers_pk', ['action_id', 'user_id'])
    .execute();
  await db.schema.createIndex('service_action_engineers_user').on('service_action_engineers').columns(['user_id', 'action_id']).execute();

  await db.schema
    .createTable('rmas')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('rma_no', 'text', (c) => c.unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('serial_no', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('carrier', 'text')
    .addColumn('waybill_no', 'text')
    .addColumn('shipped_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('received_by', 'integer', (c) => c.references('users.id'))
    .addColumn('inspection_result', 'text')
    .addColumn('inspected_at', 'text')
    .addColumn('inspected_by', 'integer', (c) => c.references('users.id'))
    .addColumn('disposition', 'text')
    .addColumn('refund_amount', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('rmas_complaint').on('rmas').columns(['complaint_id', 'id']).execute();
  await db.schema.createIndex('rmas_state').on('rmas').column('state').execute();

  await db.schema
    .createTable('parts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('part_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_cost', 'integer', (c) => c.notNull())
    .addColumn('reorder_level', 'integer', (c) => c.notNull().defaultTo(0))
    // The ledger's running total, kept in the same transaction as each move.
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('parts_name').on('parts').column('name').execute();

  await db.schema
    .createTable('case_parts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('action_id', 'integer', (c) => c.references('service_actions.id'))
    .addColumn('usage', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('from_stock', 'integer', (c) => c.notNull())
    .addColumn('faulty_serial', 'text')
    .addColumn('replacement_serial', 'text')
    .addColumn('unit_cost', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('case_parts_complaint').on('case_parts').columns(['complaint_id', 'id']).execute();
  await db.schema.createIndex('case_parts_part').on('case_parts').columns(['part_id', 'id']).execute();

  await db.schema
    .createTable('stock_moves')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('on_hand_after', 'integer', (c) => c.notNull())
    .addColumn('complaint_id', 'integer', (c) => c.references('complaints.id'))
    .addColumn('case_part_id', 'integer', (c) => c.references('case_parts.id'))
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'integer', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('stock_moves_part').on('stock_moves').columns(['part_id', 'id']).execute();
  // The ledger is history: like the audit trail, the store refuses to rewrite it. A correction is a new move.
  await sql`CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock moves are append-only'); END`.execute(db);
  await sql`CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves BEGIN SELECT RAISE(ABORT, 'stock moves are append-only'); END`.execute(db);

  for (const [col, type] of [
    ['complaint_id', 'integer'],
    ['state', 'text'],
    ['scope', 'text'],
    ['fee', 'integer'],
    ['quote_valid_until', 'text'],
    ['sent_at', 'text'],
    ['signed_at', 'text'],
    ['signed_by', 'text'],
    ['invoiced_at', 'text'],
    ['invoice_no', 'text'],
    ['note', 'text'],
    ['created_by', 'integer'],
    ['updated_at', 'text'],
    ['version', 'integer'],
  ] as const) {
    await db.schema
      .alterTable('service_contracts')
      .addColumn(col, type, (c) =>
        // Contracts from before this migration were entered as covering units: they count as signed.
        col === 'state' ? c.notNull().defaultTo('signed') : col === 'fee' || col === 'version' ? c.notNull().defaultTo(0) : c,
      )
      .execute();
  }
  await sql`UPDATE service_contracts SET scope = '', updated_at = created_at`.execute(db);
  await db.schema.createIndex('service_contracts_complaint').on('service_contracts').column('complaint_id').execute();
  await db.schema.createIndex('service_contracts_state').on('service_contracts').columns(['state', 'id']).execute();

  await db.schema
    .createTable('cost_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id'))
    .addColumn('cost_type', 'text', (c) => c.notNull())
    .addColumn('incurred_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    /** Decimal text: units of base currency per unit of `currency`; null for the base currency. */
    .addColumn('fx_rate', 'text')
    .addColumn('base_amount', 'integer', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('description', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('vetted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('vetted_at', 'text')
    .addColumn('vet_comment', 'text')
    .addColumn('reverses_id', 'integer', (c) => c.references('cost_lines.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cost_lines_complaint').on('cost_lines').columns(['complaint_id', 'id']).execute();
  await db.schema.createIndex('cost_lines_source').on('cost_lines').columns(['source', 'source_id']).execute();
  await db.schema.createIndex('cost_lines_state').on('cost_lines').columns(['state', 'incurred_on']).execute();

  // The tracking table shows the state of a case's return and its next visit.
  await db.schema.alterTable('complaints').addColumn('rma_state', 'text').execute();
  await db.schema.alterTable('complaints').addColumn('next_visit_at', 'text').execute();
  await db.schema.createIndex('complaints_rma_state').on('complaints').column('rma_state').execute();
  await db.schema.createIndex('complaints_next_visit_at').on('complaints').column('next_visit_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('complaints_rma_state').ifExists().execute();
  await db.schema.dropIndex('complaints_next_visit_at').ifExists().execute();
  for (const t of ['cost_lines', 'stock_moves', 'case_parts', 'parts', 'rmas', 'service_action_engineers', 'service_actions']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
