/**
 * Tracking numbers of the customer complaints tracking table (seed 002 §5.1).
 *
 * A format is text with tokens: {YYYY} {YY} {MM} for the registration month in the office time zone,
 * and a run of N in braces ({NNNN}) for the sequence, zero-padded to that width. The sequence
 * restarts whenever the date part changes, so the store keeps one counter per "period key": the
 * format with its date tokens filled in. Counters only ever go up, so a deleted case never gives
 * its number away.
 */

export const DEFAULT_TRACKING_FORMAT = 'CC-{YYYY}{MM}-{NNNN}';

export interface YearMonth {
  year: number;
  month: number;
}

const SEQ_TOKEN = /\{(N+)\}/;

/** The counter key: the format with date tokens filled in, the sequence token left as is. */
export function periodKey(format: string, ym: YearMonth): string {
  return format
    .replaceAll('{YYYY}', String(ym.year).padStart(4, '0'))
    .replaceAll('{YY}', String(ym.year % 100).padStart(2, '0'))
    .replaceAll('{MM}', String(ym.month).padStart(2, '0'));
}

/** The tracking number for the n-th case (1-based) of a period. Grows past the width rather than wrap. */
export function formatTrackingNumber(format: string, ym: YearMonth, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`sequence must be a positive integer, got ${n}`);
  const key = periodKey(format, ym);
  const m = SEQ_TOKEN.exec(key);
  if (!m) throw new Error(`tracking number format has no sequence token: ${format}`);
  return key.replace(SEQ_TOKEN, String(n).padStart(m[1]!.length, '0'));
}

/** The sequence number inside a tracking number of this period, or null if it is not one of its numbers. */
export function sequenceOf(format: string, ym: YearMonth, trackingNo: string): number | null {
  const key = periodKey(format, ym);
  const m = SEQ_TOKEN.exec(key);
  if (!m) return null;
  const [before, after] = [key.slice(0, m.index), key.slice(m.index + m[0].length)];
  if (!trackingNo.startsWith(before) || !trackingNo.endsWith(after)) return null;
  const digits = trackingNo.slice(before.length, trackingNo.length - after.length);
  return /^\d+$/.test(digits) ? Number(digits) : null;
}
