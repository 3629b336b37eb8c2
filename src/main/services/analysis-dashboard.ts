import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DashboardData } from '../../shared/analysis';
import { COMPLAINT_STATES } from '../../shared/domain';
import { addDays, calendarDateOf, startOfDayUtc, zonedParts } from '../../shared/dates';
import type { RepeatSettings } from '../../shared/schemas/rules-escalation';
import type { Database } from '../db/schema';
import { ACTIVE_CAPA_STATES } from '../rules/capa-steps';
import { overdueSql } from './capa';
import { currentDocuments } from './rule-store';
import { getSettings } from './settings';

/**
 * The dashboard of issue 7: what is open and how old, the SLA clocks of the month, decisions
 * waiting, costs against last month, complaints per month with the repeats among them, and the
 * corrective actions. Every figure is one aggregate in SQL; months and days are the office's.
 */

/** Lower bounds of the age buckets in days since received: 0–2, 3–7, 8–30, over 30. */
export const AGE_BUCKETS = [0, 3, 8, 31] as const;
const CLOSED = ['closed', 'rejected'];
/** Open states as a list: the (state, received_at) index answers the open cases by state and age alone. */
const OPEN = COMPLAINT_STATES.filter((s) => !CLOSED.includes(s));

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM` of a month `delta` months from the given one. */
export function shiftMonth(year: number, month: number, delta: number): string {
  const m = year * 12 + (month - 1) + delta;
  return `${Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
}

export async function dashboardOf(db: Kysely<Database>, now: Date): Promise<DashboardData> {
  const tz = (await getSettings(db)).officeTimeZone;
  const today = calendarDateOf(now, tz);
  const p = zonedParts(now, tz);
  const thisMonth = shiftMonth(p.year, p.month, 0);
  const lastMonth = shiftMonth(p.year, p.month, -1);
  const nextMonth = shiftMonth(p.year, p.month, 1);
  const monthStart = (m: string) => startOfDayUtc(`${m}-01`, tz).toISOString();

  // Open cases by state and age: age is office calendar days since the day it was received.
  const bounds = AGE_BUCKETS.slice(1).map((d) => startOfDayUtc(addDays(today, -(d - 1)), tz).toISOString());
  const bucket = sql<number>`CASE WHEN received_at >= ${bounds[0]} THEN 0 WHEN received_at >= ${bounds[1]} THEN 1 WHEN received_at >= ${bounds[2]} THEN 2 ELSE 3 END`;
  const open = await db
    .selectFrom('complaints')
    .select(['state', bucket.as('bucket'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('state', 'in', OPEN)
    .groupBy(['state', sql`2`])
    .execute();
  const byState = new Map<string, number[]>();
  for (const r of open) {
    const b = byState.get(r.state) ?? AGE_BUCKETS.map(() => 0);
    b[Number(r.bucket)]! += Number(r.n);
    byState.set(r.state, b);
  }

  // SLA: cases resolved this month, met or breached; the open ones whose clocks still run.
  const from = monthStart(thisMonth);
  const stopped = await db
    .selectFrom('complaints')
    .select([
      sql<number>`coalesce(sum(CASE WHEN sla_breached_at IS NULL THEN 1 ELSE 0 END), 0)`.as('met'),
      sql<number>`coalesce(sum(CASE WHEN sla_breached_at IS NOT NULL THEN 1 ELSE 0 END), 0)`.as('breached'),
    ])
    .where('resolved_at', '>=', from)
    .executeTakeFirstOrThrow();
  const running = await db
    .selectFrom('complaints')
    .select([
      sql<number>`coalesce(sum(CASE WHEN sla_state = 'running' THEN 1 ELSE 0 END), 0)`.as('running'),
      sql<number>`coalesce(sum(CASE WHEN sla_state = 'at_risk' THEN 1 ELSE 0 END), 0)`.as('atRisk'),
    ])
    .where('state', 'in', OPEN)
    .where('sla_state', 'in', ['running', 'at_risk'])
    .executeTakeFirstOrThrow();
  const sla = { ...stopped, ...running };

  const waiting = await db
    .selectFrom('complaints')
    .select([
      sql<number>`coalesce(sum(CASE WHEN state = 'awaiting_decision' THEN 1 ELSE 0 END), 0)`.as('manager'),
      sql<number>`coalesce(sum(CASE WHEN state = 'awaiting_chairman' THEN 1 ELSE 0 END), 0)`.as('chairman'),
      sql<number>`coalesce(sum(CASE WHEN state IN ('awaiting_decision', 'awaiting_chairman') AND (escalated = 1 OR escalation_level IS NOT NULL) THEN 1 ELSE 0 END), 0)`.as('escalated'),
      sql<number>`coalesce(sum(CASE WHEN management_review = 1 THEN 1 ELSE 0 END), 0)`.as('managementReview'),
    ])
    .where((eb) => eb.or([eb('state', 'in', ['awaiting_decision', 'awaiting_chairman']), eb('management_review', '=', 1)]))
    .executeTakeFirstOrThrow();

  // Costs: incurred_on is a calendar date, so months compare as text.
  const costs = await db
    .selectFrom('cost_lines')
    .select([
      sql<number>`coalesce(sum(CASE WHEN state = 'approved' AND incurred_on >= ${`${thisMonth}-01`} AND incurred_on < ${`${nextMonth}-01`} THEN base_amount ELSE 0 END), 0)`.as('thisMonth'),
      sql<number>`coalesce(sum(CASE WHEN state = 'approved' AND incurred_on >= ${`${lastMonth}-01`} AND incurred_on < ${`${thisMonth}-01`} THEN base_amount ELSE 0 END), 0)`.as('lastMonth'),
      sql<number>`coalesce(sum(CASE WHEN state = 'pending' THEN base_amount ELSE 0 END), 0)`.as('pending'),
    ])
    .where((eb) =>
      eb.or([eb('state', '=', 'pending'), eb.and([eb('state', '=', 'approved'), eb('incurred_on', '>=', `${lastMonth}-01`), eb('incurred_on', '<', `${nextMonth}-01`)])]),
    )
    .executeTakeFirstOrThrow();

  // Complaints per month (twelve, oldest first) and the repeats among them by the repeat settings.
  const repeat = (await currentDocuments(db, 'repeat'))[0]?.data as RepeatSettings | undefined;
  const isRepeat = repeat
    ? sql<SqlBool>`(coalesce(repeat_customer, 0) >= ${repeat.minSameCustomer} OR coalesce(repeat_model, 0) >= ${repeat.minSameModel} OR coalesce(repeat_serial, 0) >= ${repeat.minSameSerial})`
    : sql<SqlBool>`0`;
  const months = Array.from({ length: 12 }, (_, i) => shiftMonth(p.year, p.month, i - 11));
  const starts = [...months, nextMonth].map(monthStart);
  const monthIndex = sql<number>`CASE ${sql.join(
    months.map((_, i) => sql`WHEN received_at < ${starts[i + 1]} THEN ${i}`),
    sql` `,
  )} END`;
  const perMonthRows = await db
    .selectFrom('complaints')
    .select([monthIndex.as('m'), (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(${isRepeat})`.as('repeats')])
    .where('received_at', '>=', starts[0]!)
    .where('received_at', '<', starts[12]!)
    .groupBy(sql`1`)
    .execute();
  const perMonth = months.map((month) => ({ month, count: 0, repeats: 0 }));
  for (const r of perMonthRows) {
    const m = perMonth[Number(r.m)];
    if (m) Object.assign(m, { count: Number(r.n), repeats: Number(r.repeats ?? 0) });
  }
  const openRepeats = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'in', OPEN)
    .where(isRepeat)
    .executeTakeFirstOrThrow();

  // Corrective actions: the active ones, and those overdue by the CAPA's own rule.
  const capa = await db
    .selectFrom('capas')
    .select([(eb) => eb.fn.countAll<number>().as('open'), sql<number>`coalesce(sum(CASE WHEN ${overdueSql(today)} THEN 1 ELSE 0 END), 0)`.as('overdue')])
    .where('capas.state', 'in', ACTIVE_CAPA_STATES)
    .executeTakeFirstOrThrow();

  return {
    openByState: COMPLAINT_STATES.filter((s) => byState.has(s)).map((state) => ({ state, buckets: byState.get(state)! })),
    ageBuckets: [...AGE_BUCKETS],
    sla: { met: Number(sla.met), breached: Number(sla.breached), running: Number(sla.running), atRisk: Number(sla.atRisk) },
    awaitingDecision: {
      manager: Number(waiting.manager),
      chairman: Number(waiting.chairman),
      escalated: Number(waiting.escalated),
      managementReview: Number(waiting.managementReview),
    },
    costs: { thisMonth: Number(costs.thisMonth), lastMonth: Number(costs.lastMonth), pending: Number(costs.pending) },
    perMonth,
    repeats: Number(openRepeats.n),
    capa: { open: Number(capa.open), overdue: Number(capa.overdue) },
  };
}
