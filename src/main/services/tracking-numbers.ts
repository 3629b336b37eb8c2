import type { Kysely } from 'kysely';
import { zonedParts } from '../../shared/dates';
import type { Database } from '../db/schema';
import { formatTrackingNumber, periodKey } from '../rules/tracking-number';
import { nextFreeNumber } from './sequences';

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
  // A number taken outside the counter (an import keeping its original numbers) is skipped.
  return nextFreeNumber(db, key, (n) => formatTrackingNumber(format, ym, n), async (no) =>
    Boolean(await db.selectFrom('complaints').select('id').where('tracking_no', '=', no).executeTakeFirst()),
  );
}

/**
 * The number `nextTrackingNumber` would hand out now, without taking it: for the preview in
 * Settings. A format not used before this period starts at 1, as its counter would.
 */
export async function previewTrackingNumber(db: Kysely<Database>, format: string, at: Date, timeZone: string): Promise<string> {
  const p = zonedParts(at, timeZone);
  const ym = { year: p.year, month: p.month };
  const row = await db.selectFrom('sequences').select('last').where('key', '=', periodKey(format, ym)).executeTakeFirst();
  for (let n = (row?.last ?? 0) + 1; ; n++) {
    const no = formatTrackingNumber(format, ym, n);
    const taken = await db.selectFrom('complaints').select('id').where('tracking_no', '=', no).executeTakeFirst();
    if (!taken) return no;
  }
}
