import { sql, type Kysely } from 'kysely';
import { zonedParts } from '../../shared/dates';
import type { Database } from '../db/schema';
import { formatTrackingNumber, periodKey } from '../rules/tracking-number';

/**
 * Hands out the next tracking number. The counter row is bumped with one upsert inside the caller's
 * write transaction, and the store has a single writer, so two saves that race still get two numbers;
 * counters never go down, so a deleted case never gives its number to the next one.
 */
export async function nextTrackingNumber(
  db: Kysely<Database>,
  format: string,
  at: Date,
  timeZone: string,
): Promise<string> {
  const p = zonedParts(at, timeZone);
  const ym = { year: p.year, month: p.month };
  const key = periodKey(format, ym);
  for (;;) {
    const { last } = await db
      .insertInto('sequences')
      .values({ key, last: 1 })
      .onConflict((oc) => oc.column('key').doUpdateSet({ last: sql<number>`${sql.ref('sequences.last')} + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    const no = formatTrackingNumber(format, ym, last);
    // A number taken outside the counter (an import keeping its original numbers) is skipped.
    const taken = await db.selectFrom('complaints').select('id').where('tracking_no', '=', no).executeTakeFirst();
    if (!taken) return no;
  }
}
