import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { createRepeatIndex, type RepeatIndex } from '../rules/repeat-index';
import type { SlaPause } from '../rules/sla';
import { addDays } from '../../shared/dates';
import { needsFull } from './engine-compute';
import {
  loadActiveFiringsBetween,
  loadFullFacts,
  loadOptions,
  loadPausesBetween,
  openCaseRows,
  PENDING_SQL,
  type EngineRow,
  type FullFacts,
  type OptionFact,
  type RecordedFiring,
} from './engine-load';
import type { RuleContext } from './rule-context';

/**
 * Reading every open case in pages for the scheduler and the dry run. Pages follow the partial
 * index of open ids (migration 004), so a page costs the same however many closed cases there
 * are. Kysely over better-sqlite3 resolves its promises without returning to the event loop, so a
 * chain of awaited queries would hold it as long as the chain lasts: callers yield between pages.
 */

/** Gives the event loop back: pending IPC, HTTP and timers run before the work goes on. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls `fn` on each item, giving the event loop back whenever `sliceMs` have passed. */
export async function inSlices<T>(items: Iterable<T>, fn: (item: T) => void, sliceMs: number): Promise<void> {
  let start = performance.now();
  for (const item of items) {
    fn(item);
    if (performance.now() - start >= sliceMs) {
      await yieldToLoop();
      start = performance.now();
    }
  }
}

export interface BatchPage {
  rows: EngineRow[];
  pauses: Map<number, SlaPause[]>;
  /** For comparison only: without reasons (engine-load.ts loadActiveFiringsBetween). */
  recorded: Map<number, RecordedFiring[]>;
  /** What the full evaluation reads of the cases that need it (never evaluated, or counted in another repeat window). */
  full: Map<number, FullFacts>;
  /** Their treatment options. */
  options: Map<number, OptionFact[]>;
}

export async function* openPages(db: Kysely<Database>, ctx: RuleContext, pageSize = 500): AsyncGenerator<BatchPage> {
  let after = 0;
  for (;;) {
    const rows = await openCaseRows(db, after, pageSize);
    if (!rows.length) return;
    const [from, to] = [rows[0]!.id, rows[rows.length - 1]!.id];
    after = to;
    const full = rows.filter((r) => needsFull(r)).map((r) => r.id);
    // The reads of a page add up to several milliseconds: let waiting work in before the rest.
    await yieldToLoop();
    yield {
      rows,
      pauses: await loadPausesBetween(db, from, to),
      recorded: await loadActiveFiringsBetween(db, from, to),
      full: await loadFullFacts(db, full),
      options: await loadOptions(db, full),
    };
    if (rows.length < pageSize) return;
  }
}

/**
 * The repeat index for the open cases that wait for their first full evaluation (an older database,
 * demo data, a changed repeat window): every complaint from the earliest such case's window on,
 * read in pages. Null when there are none: the scheduler's ordinary minute.
 */
export async function buildRepeatIndex(db: Kysely<Database>, ctx: RuleContext): Promise<RepeatIndex | null> {
  const windowDays = ctx.repeat.settings.windowDays;
  // Answered by the partial index alone (literal condition, as the index has it).
  const first = await db.selectFrom('complaints').select('received_at').where(PENDING_SQL).orderBy('received_at').limit(1).executeTakeFirst();
  if (!first) return null;
  const earliest = first.received_at;
  // A day of margin either side of the office day the window starts on; the index applies the window itself.
  const from = `${addDays(earliest.slice(0, 10), -windowDays - 2)}T00:00:00.000Z`;
  const index = createRepeatIndex();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('complaints')
      .select(['id', 'received_at as receivedAt', 'customer_id as customerId', 'product_model as productModel', 'serial_no as serialNo'])
      .where('received_at', '>=', from)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!rows.length) break;
    index.add(rows);
    after = rows[rows.length - 1]!.id;
    await yieldToLoop();
  }
  return index;
}
