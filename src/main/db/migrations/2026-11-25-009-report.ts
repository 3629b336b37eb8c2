import { sql, type Kysely, type SqlBool } from 'kysely';

/**
 * The monthly report's figures as covering index ranges (issue 7, found by `npm run bench` at a
 * million complaints, where reading each matching case from the table cost most of `report.get`):
 *
 * - the clocks that stopped in a month with their due instants (SLA compliance): a range of each
 *   clock, partial on the clock having stopped; they replace 007's single-column clock indexes,
 *   which only the report read;
 * - the cases closed in a month with their receipt (closed, days to close, open at the month's
 *   end); 003's (closed_at) stays, it is the tracking table's sort;
 * - the rejections since an instant, with the receipt (open at the month's end): partial, the
 *   rejected cases only;
 * - the month's repeat counts (received_at first, as the Pareto's indexes of 007);
 * - the satisfaction of the month's verifications (replaces 007's (verified_at));
 * - the month's approved costs by type (the cost Pareto and the cost figures); 005's
 *   (state, incurred_on) stays, the cost lists walk it in order.
 *
 * Frozen once landed.
 */

const PARTIAL: ReadonlyArray<readonly [string, string, readonly string[], string]> = [
  ['complaints_responded_due', 'complaints', ['responded_at', 'sla_response_due'], 'responded_at IS NOT NULL'],
  ['complaints_on_site_due', 'complaints', ['on_site_at', 'sla_onsite_due'], 'on_site_at IS NOT NULL'],
  ['complaints_resolved_due', 'complaints', ['resolved_at', 'sla_resolution_due'], 'resolved_at IS NOT NULL'],
  ['complaints_closed_received', 'complaints', ['closed_at', 'received_at'], 'closed_at IS NOT NULL'],
  // Queries must repeat the literal condition for the planner to use it (monthly-report-kpis.ts);
  // state leads so that the planner, without statistics, ranks it above (state, received_at).
  ['complaints_rejected_changed', 'complaints', ['state', 'state_changed_at', 'received_at'], "state = 'rejected'"],
];

const FULL: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['complaints_received_repeats', 'complaints', ['received_at', 'repeat_customer', 'repeat_model', 'repeat_serial']],
  ['verifications_verified_satisfaction', 'verifications', ['verified_at', 'satisfaction']],
  ['cost_lines_state_type', 'cost_lines', ['state', 'incurred_on', 'cost_type', 'base_amount']],
];

/** 007's, replaced by the wider ones above. */
const REPLACED: ReadonlyArray<readonly [string, string, string]> = [
  ['complaints_responded_at', 'complaints', 'responded_at'],
  ['complaints_resolved_at', 'complaints', 'resolved_at'],
  ['verifications_verified_at', 'verifications', 'verified_at'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, cols, where] of PARTIAL) {
    await db.schema.createIndex(name).on(table).columns([...cols]).where(sql.raw<SqlBool>(where)).execute();
  }
  for (const [name, table, cols] of FULL) await db.schema.createIndex(name).on(table).columns([...cols]).execute();
  for (const [name] of REPLACED) await db.schema.dropIndex(name).ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, table, col] of REPLACED) await db.schema.createIndex(name).ifNotExists().on(table).column(col).execute();
  for (const [name] of [...PARTIAL, ...FULL]) await db.schema.dropIndex(name).ifExists().execute();
}
