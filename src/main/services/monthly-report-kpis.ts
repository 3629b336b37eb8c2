import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { MonthlyReport } from '../../shared/analysis';
import { COMPLAINT_STATES } from '../../shared/domain';
import type { RepeatSettings } from '../../shared/schemas/rules-escalation';
import type { Database } from '../db/schema';
import type { ReportPeriod } from './monthly-report-period';
import { currentDocuments } from './rule-store';

/**
 * The monthly report's key figures (issue 7), each a small SQL aggregate over the month's bounds in
 * the office time zone. Instants are ISO-8601 UTC strings of one format, so comparing them as text
 * is comparing them in time (and stays portable to PostgreSQL).
 */

type Kpis = MonthlyReport['kpis'];
const DAY_MS = 86_400_000;
const n = (v: unknown) => Number(v ?? 0);

async function receivedIn(db: Kysely<Database>, p: ReportPeriod): Promise<number> {
  const r = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_at', '>=', p.start)
    .where('received_at', '<', p.end)
    .executeTakeFirstOrThrow();
  return n(r.n);
}

/** Approved cost lines (base currency, fen) incurred in the month; a reversal counts in its own month. */
async function approvedCosts(db: Kysely<Database>, p: ReportPeriod): Promise<number> {
  const r = await db
    .selectFrom('cost_lines')
    .select((eb) => eb.fn.sum<number>('base_amount').as('s'))
    .where('state', '=', 'approved')
    .where('incurred_on', '>=', p.from)
    .where('incurred_on', '<=', p.to)
    .executeTakeFirstOrThrow();
  return n(r.s);
}

/** Closed in the month, with the days from receipt to closure (one decimal). */
async function closedIn(db: Kysely<Database>, p: ReportPeriod): Promise<{ closed: number; avgDays: number | null }> {
  const rows = await db
    .selectFrom('complaints')
    .select(['received_at', 'closed_at'])
    .where('closed_at', '>=', p.start)
    .where('closed_at', '<', p.end)
    .execute();
  if (!rows.length) return { closed: 0, avgDays: null };
  const total = rows.reduce((s, r) => s + (Date.parse(r.closed_at!) - Date.parse(r.received_at)), 0);
  return { closed: rows.length, avgDays: Math.round((total / rows.length / DAY_MS) * 10) / 10 };
}

/** States of a case still being worked on (the complement of closed and rejected). */
const OPEN_STATES = COMPLAINT_STATES.filter((x) => x !== 'closed' && x !== 'rejected');

type Part = (eb: ExpressionBuilder<Database, 'complaints'>) => Expression<SqlBool>;
/**
 * Every case is in exactly one of three parts: open now, closed, or rejected. A clock stops before
 * the case is closed or rejected, and a case is open at a month's end unless it was closed or
 * rejected before it; so each question below reads only the open cases (a range of the
 * (state, received_at) index) and the cases closed or rejected since the month began (the
 * closed_at index, the state index): a bounded read however many years of closed cases the office
 * keeps.
 */
const openNow: Part = (eb) => eb('state', 'in', OPEN_STATES);
// Only a closed case has a closing instant (reopening clears it): the closed_at index alone answers.
const closedSince = (at: string): Part => (eb) => eb('closed_at', '>=', at);
const rejectedSince = (at: string): Part => (eb) => eb.and([eb('state', '=', 'rejected'), eb('state_changed_at', '>=', at)]);

/**
 * Open at the month's end: received before it and neither closed nor rejected before it. A case
 * reopened later has lost its closing instant and counts as open then; the store keeps no history of
 * closings other than the timeline, and reopenings are rare.
 */
async function openAtEnd(db: Kysely<Database>, p: ReportPeriod): Promise<number> {
  let open = 0;
  for (const part of [openNow, closedSince(p.end), rejectedSince(p.end)]) {
    const r = await db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(part)
      .where('received_at', '<', p.end)
      .executeTakeFirstOrThrow();
    open += n(r.n);
  }
  return open;
}

const CLOCKS = [
  ['responded_at', 'sla_response_due'],
  ['on_site_at', 'sla_onsite_due'],
  ['resolved_at', 'sla_resolution_due'],
] as const;

/**
 * SLA compliance of the clocks that stopped in the month (response, on site, resolution): met when
 * the clock stopped on or before its due instant. Null when no clock stopped.
 */
async function slaMet(db: Kysely<Database>, p: ReportPeriod): Promise<number | null> {
  let met = 0;
  let all = 0;
  const inMonth = (stop: string) => sql`${sql.ref(stop)} >= ${p.start} and ${sql.ref(stop)} < ${p.end}`;
  for (const part of [openNow, closedSince(p.start), rejectedSince(p.start)]) {
    const r = await db
      .selectFrom('complaints')
      .select([
        sql<number>`sum(${sql.join(
          CLOCKS.map(([stop, due]) => sql`case when ${inMonth(stop)} and ${sql.ref(due)} is not null then 1 else 0 end`),
          sql` + `,
        )})`.as('n'),
        sql<number>`sum(${sql.join(
          CLOCKS.map(([stop, due]) => sql`case when ${inMonth(stop)} and ${sql.ref(stop)} <= ${sql.ref(due)} then 1 else 0 end`),
          sql` + `,
        )})`.as('met'),
      ])
      .where(part)
      .where('received_at', '<', p.end)
      .executeTakeFirstOrThrow();
    all += n(r.n);
    met += n(r.met);
  }
  return all ? Math.round((met * 10000) / all) : null;
}

/** Complaints received in the month that reached a repeat threshold (the engine's counts and the office's repeat settings). */
async function repeatsIn(db: Kysely<Database>, p: ReportPeriod): Promise<number> {
  const doc = (await currentDocuments(db, 'repeat'))[0];
  if (!doc || doc.kind !== 'repeat') return 0;
  const s = doc.data as RepeatSettings;
  const r = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_at', '>=', p.start)
    .where('received_at', '<', p.end)
    .where((eb) =>
      eb.or([eb('repeat_customer', '>=', s.minSameCustomer), eb('repeat_model', '>=', s.minSameModel), eb('repeat_serial', '>=', s.minSameSerial)]),
    )
    .executeTakeFirstOrThrow();
  return n(r.n);
}

/** The customers' satisfaction (1–5) in the verifications made in the month, two decimals. */
async function satisfaction(db: Kysely<Database>, p: ReportPeriod): Promise<number | null> {
  const r = await db
    .selectFrom('verifications')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('satisfaction').as('s')])
    .where('verified_at', '>=', p.start)
    .where('verified_at', '<', p.end)
    .executeTakeFirstOrThrow();
  return n(r.n) ? Math.round((n(r.s) / n(r.n)) * 100) / 100 : null;
}

export async function monthlyKpis(db: Kysely<Database>, p: ReportPeriod, prev: ReportPeriod): Promise<Kpis> {
  const closed = await closedIn(db, p);
  return {
    received: await receivedIn(db, p),
    receivedPrev: await receivedIn(db, prev),
    closed: closed.closed,
    open: await openAtEnd(db, p),
    slaMetBp: await slaMet(db, p),
    avgDaysToClose: closed.avgDays,
    repeats: await repeatsIn(db, p),
    satisfactionAvg: await satisfaction(db, p),
    costs: await approvedCosts(db, p),
    costsPrev: await approvedCosts(db, prev),
  };
}
