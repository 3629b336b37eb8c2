import type { Kysely } from 'kysely';
import type { AccountingPeriod } from '../../shared/costs';
import { zonedParts } from '../../shared/dates';
import type { Database } from '../db/schema';
import { appendEvents } from './audit';
import { refused } from './case-change';
import { getSettings } from './settings';

/**
 * Accounting periods (issue 6): months, `YYYY-MM`. Finance closes a month once its books are done;
 * from then on its amortisation entries never change (the store refuses it), and a later change of
 * a cost or of a responsibility lands as an adjustment in the first open month after it.
 * Closing is final: there is no reopening, as in the books themselves.
 */

export const monthsOf = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

export async function listPeriods(db: Kysely<Database>, year: number): Promise<AccountingPeriod[]> {
  const rows = await db
    .selectFrom('accounting_periods as p')
    .innerJoin('users as u', 'u.id', 'p.closed_by')
    .select(['p.period', 'p.closed_at', 'u.name'])
    .where('p.period', '>=', `${year}-01`)
    .where('p.period', '<=', `${year}-12`)
    .execute();
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  return monthsOf(year).map((period) => {
    const r = byPeriod.get(period);
    return { period, closed: !!r, closedAt: r?.closed_at ?? null, closedBy: r?.name ?? null };
  });
}

/** The current month in the office time zone. */
export async function currentPeriod(db: Kysely<Database>, now: Date): Promise<string> {
  const p = zonedParts(now, (await getSettings(db)).officeTimeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

export async function closePeriod(db: Kysely<Database>, o: { period: string; userId: number; now: Date }): Promise<AccountingPeriod> {
  const current = await currentPeriod(db, o.now);
  if (o.period > current) {
    throw refused([{ code: 'period_in_future', params: { period: o.period, current }, message: `${o.period} has not ended yet: only months up to ${current} can be closed` }]);
  }
  const already = await db.selectFrom('accounting_periods').select('period').where('period', '=', o.period).executeTakeFirst();
  if (already) throw refused([{ code: 'period_closed', params: { period: o.period }, message: `${o.period} is already closed` }]);
  const closedAt = o.now.toISOString();
  await db.insertInto('accounting_periods').values({ period: o.period, closed_at: closedAt, closed_by: o.userId }).execute();
  // An office event (no case): who closed which month, when.
  await appendEvents(db, o.userId, o.now, [{ complaintId: null, kind: 'period_closed', field: `period:${o.period}`, before: null, after: { period: o.period, closedAt } }]);
  const year = Number(o.period.slice(0, 4));
  return (await listPeriods(db, year)).find((p) => p.period === o.period)!;
}
