import { normalizeKey, repeatWindowStart, type ComplaintKey } from './repeat';

/**
 * The counts of `detectRepeats` (repeat.ts) for many complaints at once: the scheduler's first pass
 * over an older database or freshly loaded demo data has to count repeats for every open case, and
 * one query per case would take minutes at 100,000 cases. Here the complaints are grouped once by
 * customer, by customer and model, and by serial number, each group sorted by (received, id), and
 * each count is two binary searches. Pure; test/unit/repeat-index.test.ts holds it to detectRepeats.
 */

export interface RepeatCounts {
  sameCustomer: number;
  sameModel: number;
  sameSerial: number;
}

interface Group {
  entries: Array<[number, number]>;
  sorted: boolean;
  t: number[];
  id: number[];
}

export interface RepeatIndex {
  /** Adds complaints (in any order, in as many calls as suit the caller). */
  add(complaints: Iterable<ComplaintKey>): void;
  /** The counts detectRepeats would give `current` among the indexed complaints (itself included). */
  counts(current: ComplaintKey, windowDays: number, timeZone: string): RepeatCounts;
}

const customerKey = (c: Pick<ComplaintKey, 'customerId'>) => `c${c.customerId}`;
const modelKey = (c: Pick<ComplaintKey, 'customerId' | 'productModel'>) => `m${c.customerId}\u0000${normalizeKey(c.productModel)}`;
const serialKey = (c: Pick<ComplaintKey, 'serialNo'>) => `s${normalizeKey(c.serialNo)}`;

export function createRepeatIndex(complaints: Iterable<ComplaintKey> = []): RepeatIndex {
  const groups = new Map<string, Group>();
  const put = (key: string, t: number, id: number) => {
    const g = groups.get(key);
    if (g) {
      g.entries.push([t, id]);
      g.sorted = false;
    } else groups.set(key, { entries: [[t, id]], sorted: false, t: [], id: [] });
  };
  const add = (list: Iterable<ComplaintKey>) => {
    for (const c of list) {
      const t = Date.parse(c.receivedAt);
      put(customerKey(c), t, c.id);
      if (normalizeKey(c.productModel)) put(modelKey(c), t, c.id);
      if (normalizeKey(c.serialNo)) put(serialKey(c), t, c.id);
    }
  };
  add(complaints);

  // Sorted when first asked, so that building the index never holds the event loop for long.
  const group = (key: string): Group | undefined => {
    const g = groups.get(key);
    if (g && !g.sorted) {
      g.entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      g.t = g.entries.map((e) => e[0]);
      g.id = g.entries.map((e) => e[1]);
      g.sorted = true;
    }
    return g;
  };

  /** Index of the first entry not before (t, id). */
  const lowerBound = (g: Group, t: number, id: number) => {
    let [lo, hi] = [0, g.t.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (g.t[mid]! < t || (g.t[mid] === t && g.id[mid]! < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Earlier ones only (received before it, or at the same instant with a lower id), as detectRepeats counts.
  const count = (key: string, from: number, at: number, id: number) => {
    const g = group(key);
    if (!g) return 1;
    return lowerBound(g, at, id) - lowerBound(g, from, Number.NEGATIVE_INFINITY) + 1;
  };

  // The window's start depends on the office day only, and a zone's days begin on a quarter hour:
  // remembered per quarter hour, it costs Intl's formatting once per quarter hour, not per case.
  const starts = new Map<string, number>();
  const windowStart = (receivedAt: string, windowDays: number, timeZone: string) => {
    const key = `${windowDays} ${timeZone} ${Math.floor(Date.parse(receivedAt) / 900_000)}`;
    let from = starts.get(key);
    if (from === undefined) starts.set(key, (from = Date.parse(repeatWindowStart(receivedAt, windowDays, timeZone))));
    return from;
  };

  return {
    add,
    counts(current, windowDays, timeZone) {
      const from = windowStart(current.receivedAt, windowDays, timeZone);
      const at = Date.parse(current.receivedAt);
      return {
        sameCustomer: count(customerKey(current), from, at, current.id),
        sameModel: normalizeKey(current.productModel) ? count(modelKey(current), from, at, current.id) : 0,
        sameSerial: normalizeKey(current.serialNo) ? count(serialKey(current), from, at, current.id) : 0,
      };
    },
  };
}
