import { sql, type Kysely } from 'kysely';
import type { MonthlyReport } from '../../shared/analysis';
import { COMPLAINT_STATES } from '../../shared/domain';
import type { RepeatSettings } from '../../shared/schemas/rules-escalation';
import type { Database } from '../db/schema';
import { instantDiffMs } from '../db/sqlite-extras';
import type { ReportPeriod } from './monthly-report-period';
import { currentDocuments } from './rule-store';

/**
 * The monthly report's key figures (issue 7), each a small SQL aggregate over the month's bounds in
 * the office time zone. Instants are ISO-8601 UTC strings of one format, so comparing them as text
 * is comparing them in time (and stays portable to PostgreSQL).
 *
 * At a million complaints a month holds some 80,000 cases, and reading each from the table is what
 * costs: every figure here is a range of an index that holds all it needs (migrations 007 and
 * 010), and figures that read the same range share one statement (the month and the previous one,
 * the received cases and their repeats).
 */

type Kpis = MonthlyReport['kpis'];
const DAY_MS = 86_400_000;
const n = (v: unknown) => Number(v ?? 0);
/** 1 where the condition holds, else 0: summed, a count of the rows that pass it. */
const oneIf = (cond: ReturnType<typeof sql>) => sql<number>`case when ${cond} then 1 else 0 end`;

/**
 * Received in the month, and how many of them reached a repeat threshold (the engine's counts and
 * the office's repeat settings): one range of the (received_at, repeat counts) index. The previous
 * month only counts, a range of (received_at).
 */
async function received(db: Kysely<Database>, p: ReportPeriod, prev: ReportPeriod): Promise<{ received: number; receivedPrev: number; repeats: number }> {
  const doc = (await currentDocuments(db, 'repeat'))[0];
  const s = doc?.kind === 'repeat' ? (doc.data as RepeatSettings) : null;
  const repeat = s
    ? sql`repeat_customer >= ${s.minSameCustomer} or repeat_model >= ${s.minSameModel} or repeat_serial >= ${s.minSameSerial}`
    : sql`0 = 1`;
  const month = await db
    .selectFrom('complaints')
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(${oneIf(repeat)})`.as('repeats')])
    .where('received_at', '>=', p.start)
    .where('received_at', '<', p.end)
    .executeTakeFirstOrThrow();
  const before = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_at', '>=', prev.start)
    .where('received_at', '<', prev.end)
    .executeTakeFirstOrThrow();
  return { received: n(month.n), receivedPrev: n(before.n), repeats: n(month.repeats) };
}

/** Approved cost lines (base currency, fen) incurred in the month and the previous one; a reversal counts in its own month. */
async function approvedCosts(db: Kysely<Database>, p: ReportPeriod, prev: ReportPeriod): Promise<{ costs: number; costsPrev: number }> {
  const r = await db
    .selectFrom('cost_lines')
    .select([
      sql<number>`sum(case when incurred_on >= ${p.from} then base_amount else 0 end)`.as('cur'),
      sql<number>`sum(case when incurred_on < ${p.from} then base_amount else 0 end)`.as('prev'),
    ])
    .where('state', '=', 'approved')
    .where('incurred_on', '>=', prev.from)
    .where('incurred_on', '<=', p.to)
    .executeTakeFirstOrThrow();
  return { costs: n(r.cur), costsPrev: n(r.prev) };
}

/** Closed in the month, with the days from receipt to closure (one decimal): the (closed_at, received_at) index. */
async function closedIn(db: Kysely<Database>, p: ReportPeriod): Promise<{ closed: number; avgDays: number | null }> {
  const r = await db
    .selectFrom('complaints')
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(${instantDiffMs('closed_at', 'received_at')})`.as('ms')])
    .where('closed_at', '>=', p.start)
    .where('closed_at', '<', p.end)
    .executeTakeFirstOrThrow();
  const closed = n(r.n);
  if (!closed) return { closed: 0, avgDays: null };
  return { closed, avgDays: Math.round((n(r.ms) / closed / DAY_MS) * 10) / 10 };
}

/** States of a case still being worked on (the complement of closed and rejected). */
const OPEN_STATES = COMPLAINT_STATES.filter((x) => x !== 'closed' && x !== 'rejected');

/**
 * Open at the month's end: received before it and neither closed nor rejected before it. Every
 * case is in exactly one of three parts — open now, closed, or rejected — so this is the open cases
 * received before the end (a range of the (state, received_at) index), the cases closed since the
 * end (the (closed_at, received_at) index) and the cases rejected since the end (the partial index
 * of rejections, whose literal condition the query repeats): a bounded read however many years of
 * closed cases the office keeps. A case reopened later has lost its closing instant and counts as
 * open then; the store keeps no history of closings other than the timeline, and reopenings are rare.
 */
async function openAtEnd(db: Kysely<Database>, p: ReportPeriod): Promise<number> {
  const count = (where: ReturnType<typeof sql>) => sql<number>`(select count(*) from complaints where ${where} and received_at < ${p.end})`;
  const r = await sql<{ n: number }>`select ${count(sql`state in (${sql.join(OPEN_STATES)})`)}
      + ${count(sql`closed_at >= ${p.end}`)}
      + ${count(sql`state = 'rejected' and state_changed_at >= ${p.end}`)} as n`.execute(db);
  return n(r.rows[0]?.n);
}

const CLOCKS = [
  ['responded_at', 'sla_response_due'],
  ['on_site_at', 'sla_onsite_due'],
  ['resolved_at', 'sla_resolution_due'],
] as const;

/**
 * SLA compliance of the clocks that stopped in the month (response, on site, resolution): met when
 * the clock stopped on or before its due instant. Null when no clock with a due instant stopped.
 * Each clock is a range of its own (stopped, due) index (migration 009).
 */
async function slaMet(db: Kysely<Database>, p: ReportPeriod): Promise<number | null> {
  const parts = CLOCKS.map(
    ([stop, due]) =>
      sql`select count(${sql.ref(due)}) as n, sum(case when ${sql.ref(stop)} <= ${sql.ref(due)} then 1 else 0 end) as met
          from complaints where ${sql.ref(stop)} >= ${p.start} and ${sql.ref(stop)} < ${p.end}`,
  );
  const r = await sql<{ n: number; met: number }>`select sum(n) as n, sum(met) as met from (${sql.join(parts, sql` union all `)})`.execute(db);
  const all = n(r.rows[0]?.n);
  return all ? Math.round((n(r.rows[0]?.met) * 10000) / all) : null;
}

/** The customers' satisfaction (1–5) in the verifications made in the month, two decimals: the (verified_at, satisfaction) index. */
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
  const rec = await received(db, p, prev);
  const closed = await closedIn(db, p);
  const costs = await approvedCosts(db, p, prev);
  return {
    received: rec.received,
    receivedPrev: rec.receivedPrev,
    closed: closed.closed,
    open: await openAtEnd(db, p),
    slaMetBp: await slaMet(db, p),
    avgDaysToClose: closed.avgDays,
    repeats: rec.repeats,
    satisfactionAvg: await satisfaction(db, p),
    costs: costs.costs,
    costsPrev: costs.costsPrev,
  };
}
