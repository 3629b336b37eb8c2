import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The next number of a counter in `sequences` (tracking numbers, RMA, contract and CAPA numbers):
 * the counter is taken in the caller's transaction, and a number already written some other way (an
 * import keeping its original numbers, a number typed by hand) is skipped, never handed out twice.
 */
export async function nextFreeNumber(
  db: Kysely<Database>,
  key: string,
  format: (n: number) => string,
  isTaken: (no: string) => Promise<boolean>,
): Promise<string> {
  for (;;) {
    const { last } = await db
      .insertInto('sequences')
      .values({ key, last: 1 })
      .onConflict((oc) => oc.column('key').doUpdateSet({ last: sql<number>`${sql.ref('sequences.last')} + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    const no = format(last);
    if (!(await isTaken(no))) return no;
  }
}
