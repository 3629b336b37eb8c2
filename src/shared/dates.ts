/**
 * Dates as DESIGN.md stores them: instants as ISO-8601 UTC strings, calendar dates as `YYYY-MM-DD`.
 * The office time zone (a setting, default Asia/Shanghai) decides which calendar day an instant is on.
 * Pure functions on `Intl`, so both processes agree without a time-zone library.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const CAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = CAL_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The office-calendar date (`YYYY-MM-DD`) of an instant. */
export function calendarDateOf(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The UTC instant at which a calendar day starts in the zone. */
export function startOfDayUtc(date: string, timeZone: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even on a day when it changes.
  let t = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  t = guess - zoneOffsetMinutes(new Date(t), timeZone) * 60000;
  // Where the clocks jump at midnight (America/Santiago, America/Havana in spring) the day has no
  // 00:00 and starts at the jump, which the passes above miss by the size of the jump. Bisect the
  // first instant that is on `date`; the true start lies within hours of the estimate.
  const onOrAfter = (ms: number) => calendarDateOf(new Date(ms), timeZone) >= date;
  if (!onOrAfter(t) || onOrAfter(t - 1)) {
    let lo = t - 12 * 3600_000;
    let hi = t + 12 * 3600_000;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (onOrAfter(mid)) hi = mid;
      else lo = mid;
    }
    t = hi;
  }
  return new Date(t);
}

/** The calendar day after `date`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** True if the string is a parseable ISO-8601 instant with an explicit zone (Z or ±hh:mm). */
export function isIsoInstant(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
}

/** Normalise any ISO instant to `YYYY-MM-DDTHH:mm:ss.sssZ` so text order is time order in SQL. */
export function toUtcIso(s: string | Date): string {
  return (typeof s === 'string' ? new Date(s) : s).toISOString();
}
