import { addDays, calendarDateOf, DEFAULT_TIME_ZONE, startOfDayUtc } from '../../shared/dates';
import type { RepeatSettings } from '../../shared/schemas/rules-escalation';
import type { EscalationFacts } from './escalation-facts';

/**
 * Repeat complaints (issue 4): the same customer, the same customer and model, or the same serial
 * number at least N times in D days. Seed 000 warns that "the better service structure is usually
 * designed before the first recurring complaint appears", and counts repeat complaints among the
 * points to escalate: a unit that comes back, or a customer whose model keeps failing, is the
 * complaint most likely to become "a broader channel or payment issue".
 *
 * Pure and independent of the store. The store fetches the candidates by index, for example
 *
 *   SELECT id, received_at, customer_id, product_model, serial_no FROM complaints
 *   WHERE received_at >= :windowStart AND received_at <= :receivedAt AND id <> :id
 *     AND (customer_id = :customerId OR serial_key = :serialKey)
 *
 * with `windowStart = repeatWindowStart(...)`, indexes on (customer_id, received_at) and
 * (serial_key, received_at), and `serial_key` stored as `normalizeKey(serial_no)`. Handing over
 * more candidates than that is harmless: this function applies the window and keys itself.
 */

/** What repeat detection needs of a complaint. `receivedAt` is an ISO instant. */
export interface ComplaintKey {
  id: number;
  receivedAt: string;
  customerId: number;
  productModel: string;
  serialNo: string | null;
}

export interface RepeatCount {
  /** Complaints in the window including the current one; 0 when the key is missing (no serial number). */
  count: number;
  /** The earlier complaints that make the count (the current one excluded), newest first. */
  ids: number[];
}

export type RepeatKey = 'sameCustomer' | 'sameModel' | 'sameSerial';

export interface RepeatResult {
  windowDays: number;
  /** The first instant in the window (start of the office day D days before the current one's day). */
  windowStart: string;
  sameCustomer: RepeatCount;
  /** Same customer and same model. */
  sameModel: RepeatCount;
  sameSerial: RepeatCount;
  /** Which counts reach their `minSame…` setting: the case is a repeat when any does. */
  reached: RepeatKey[];
  isRepeat: boolean;
}

/** Serial numbers and models are typed by hand: "sa37a 2512345 " is SA37A2512345. */
export const normalizeKey = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '').toUpperCase();

/**
 * The window is counted in office calendar days and includes its first day whole: with 90 days, a
 * complaint on 30 November looks back to anything received from 1 September 00:00 office time.
 */
export function repeatWindowStart(receivedAt: string, windowDays: number, timeZone = DEFAULT_TIME_ZONE): string {
  const day = calendarDateOf(new Date(receivedAt), timeZone);
  return startOfDayUtc(addDays(day, -windowDays), timeZone).toISOString();
}

export function detectRepeats(
  current: ComplaintKey,
  candidates: Iterable<ComplaintKey>,
  settings: RepeatSettings,
  timeZone = DEFAULT_TIME_ZONE,
): RepeatResult {
  const windowStart = repeatWindowStart(current.receivedAt, settings.windowDays, timeZone);
  const from = Date.parse(windowStart);
  const at = Date.parse(current.receivedAt);
  const model = normalizeKey(current.productModel);
  const serial = normalizeKey(current.serialNo);

  const earlier: Array<ComplaintKey & { t: number }> = [];
  for (const c of candidates) {
    if (c.id === current.id) continue;
    const t = Date.parse(c.receivedAt);
    // Only what the office knew when this complaint came in: later ones are not its repeats (they
    // will count this one). Same instant: the lower id was registered first.
    if (t < from || t > at || (t === at && c.id > current.id)) continue;
    earlier.push({ ...c, t });
  }
  earlier.sort((a, b) => b.t - a.t || b.id - a.id);

  const count = (match: (c: ComplaintKey) => boolean, keyPresent: boolean): RepeatCount => {
    if (!keyPresent) return { count: 0, ids: [] };
    const ids = earlier.filter(match).map((c) => c.id);
    return { count: ids.length + 1, ids };
  };
  const sameCustomer = count((c) => c.customerId === current.customerId, true);
  const sameModel = count((c) => c.customerId === current.customerId && normalizeKey(c.productModel) === model, model !== '');
  const sameSerial = count((c) => normalizeKey(c.serialNo) === serial, serial !== '');

  const reached: RepeatKey[] = [];
  if (sameCustomer.count >= settings.minSameCustomer) reached.push('sameCustomer');
  if (sameModel.count >= settings.minSameModel) reached.push('sameModel');
  if (sameSerial.count >= settings.minSameSerial) reached.push('sameSerial');
  return { windowDays: settings.windowDays, windowStart, sameCustomer, sameModel, sameSerial, reached, isRepeat: reached.length > 0 };
}

/** The `repeat` part of the escalation facts. */
export const repeatFacts = (r: RepeatResult): EscalationFacts['repeat'] => ({
  windowDays: r.windowDays,
  sameCustomer: r.sameCustomer.count,
  sameModel: r.sameModel.count,
  sameSerial: r.sameSerial.count,
});
