import { getDayDetail } from 'chinese-days';
import { calendarDateOf, isCalendarDate, startOfDayUtc, zoneOffsetMinutes } from '../../shared/dates';
import {
  minutesOfDay,
  type BusinessCalendarSettings,
  type CalendarWarning,
  type DayKind,
  type DayTableEntry,
} from '../../shared/schemas/rules-policies';

/**
 * The office's business calendar (DESIGN "Rule engine"): working hours, weekends, China's public
 * holidays and adjusted working days (调休), in the office time zone. SLA clocks (sla.ts) run on it.
 *
 * A day is a working day when the day table says `workday`, or when it is not a weekend day and the
 * table does not say `holiday`. Every working day has the same hours. Business time is counted on
 * UTC instants: each office day is turned once into its working intervals as instants (wall clock
 * in the office zone, so a DST change never shifts 08:30), with a running total of business time
 * before it. "How much business time between a and b" is then two lookups, and "a plus N business
 * minutes" is a binary search — never a loop per minute or per hour.
 *
 * Pure as far as callers can tell: the day index is a cache filled lazily, a year at a time.
 */

/** An instant: ISO-8601 text with a zone, a Date, or epoch milliseconds. */
export type InstantInput = string | Date | number;

export interface BusinessCalendar {
  readonly timeZone: string;
  /** Is this office date (YYYY-MM-DD) a working day? */
  isWorkingDay(date: string): boolean;
  /** The working intervals of an office date as UTC instants; empty on a day off. */
  workingIntervals(date: string): Array<{ start: string; end: string }>;
  /** The instant at which `minutes` of business time have passed since `instant` (ISO UTC). */
  addBusinessTime(instant: InstantInput, minutes: number): string;
  /** Business minutes from a to b (negative when b is before a; fractional below a minute). */
  businessMinutesBetween(a: InstantInput, b: InstantInput): number;
  /** The instant itself when inside working hours, else the start of the next working interval. */
  nextWorkingInstant(instant: InstantInput): string;
  /** Years whose public holidays are in the day table, ascending. */
  yearsCovered(): number[];
  /** A warning when this year, or the coming year within `leadDays`, has no holiday data. */
  missingYearWarning(now: InstantInput, leadDays?: number): CalendarWarning | null;
  /** The same arithmetic on epoch milliseconds, for hot loops (SLA clocks over many cases). */
  addBusinessMs(ms: number, businessMs: number): number;
  businessMsBetween(a: number, b: number): number;
  nextWorkingMs(ms: number): number;
}

const DAY_MS = 86_400_000;
const MIN_MS = Date.UTC(1970, 0, 2);
const MAX_MS = Date.UTC(2200, 0, 1);
/** Days computed per extension of the index. */
const CHUNK = 366;
/** How far to look for working time before deciding the calendar has none (all days off). */
const SEARCH_LIMIT_DAYS = 50 * 366;

const dayNumOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOfDayNum = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday; 1970-01-01 was a Thursday. */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;

function toMs(x: InstantInput): number {
  const ms = typeof x === 'number' ? x : typeof x === 'string' ? Date.parse(x) : x.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(x)}`);
  return ms;
}

// ------------------------------------------------------------------------------- chinese-days seed

/** What `seedFromChineseDays` found: the years the package covers among those asked, and their days. */
export interface ChineseDaysSeed {
  years: number[];
  entries: DayTableEntry[];
}

/**
 * chinese-days reads a date given as text as UTC midnight but then formats it with local getters,
 * so on a machine west of Greenwich '2026-02-15' becomes the 14th (checked with 1.5.7). A Date at
 * local midnight reads back as the same date in every zone, so only such Dates are passed to it.
 */
const localDay = (y: number, monthIndex: number, day: number) => new Date(y, monthIndex, day);

/** `Spring Festival,春节,4` → `spring_festival`. */
const holidayCode = (name: string) =>
  (name.split(',')[0] ?? name).toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'holiday';
/** The package names a public holiday `English,中文,n`; an ordinary day by its weekday. */
const isNamed = (name: string) => name.includes(',');

/**
 * Whether the package has the State Council's arrangement for a year. New Year's Day is a public
 * holiday every year, so the package names 1 January exactly when it has that year's data.
 */
export function chineseDaysCovers(year: number): boolean {
  return isNamed(getDayDetail(localDay(year, 0, 1)).name);
}

/** The years the installed chinese-days covers (1.5.7: 2004–2026). */
export function chineseDaysYears(from = 2000, to = 2100): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) if (chineseDaysCovers(y)) out.push(y);
  return out;
}

/**
 * Day-table entries for the given years from chinese-days: every public holiday (weekends included,
 * so an office that works Saturdays still rests on a holiday Saturday) and every adjusted working
 * day. Years the package does not cover are left out of `years`, so they stay "missing".
 */
export function seedFromChineseDays(years: readonly number[]): ChineseDaysSeed {
  const out: ChineseDaysSeed = { years: [], entries: [] };
  for (const y of [...new Set(years)].sort((a, b) => a - b)) {
    if (!chineseDaysCovers(y)) continue;
    out.years.push(y);
    for (let d = localDay(y, 0, 1); d.getFullYear() === y; d = localDay(y, d.getMonth(), d.getDate() + 1)) {
      const detail = getDayDetail(d);
      const weekend = d.getDay() === 0 || d.getDay() === 6;
      const kind: DayKind | null = !detail.work && isNamed(detail.name) ? 'holiday' : detail.work && weekend ? 'workday' : null;
      if (!kind) continue;
      const date = `${y}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      out.entries.push({ date, kind, holiday: isNamed(detail.name) ? holidayCode(detail.name) : null, note: null, source: 'chinese-days' });
    }
  }
  return out;
}

/**
 * Settings with chinese-days' holidays merged in (by default every year it covers). The office's own
 * entries win over the package's for the same date; earlier package entries are replaced, so an
 * updated package corrects them.
 */
export function withChineseHolidays(settings: BusinessCalendarSettings, years: readonly number[] = chineseDaysYears()): BusinessCalendarSettings {
  const seed = seedFromChineseDays(years);
  const seeded = new Set(seed.years);
  const kept = settings.days.filter((e) => e.source === 'office' || !seeded.has(Number(e.date.slice(0, 4))));
  const office = new Set(kept.filter((e) => e.source === 'office').map((e) => e.date));
  const days = [...kept, ...seed.entries.filter((e) => !office.has(e.date))].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const holidayYears = [...new Set([...settings.holidayYears, ...seed.years])].sort((a, b) => a - b);
  return { ...settings, days, holidayYears };
}

// ------------------------------------------------------------------------------------ the calendar

export function createBusinessCalendar(settings: BusinessCalendarSettings): BusinessCalendar {
  const tz = settings.timeZone;
  const table = new Map<string, DayKind>(settings.days.map((e) => [e.date, e.kind]));
  const weekend = new Set(settings.weekendDays);
  const hours = settings.workingHours.map((h) => [minutesOfDay(h.start), minutesOfDay(h.end)] as const);
  const covered = [...new Set(settings.holidayYears)].sort((a, b) => a - b);

  const workingDayNum = (n: number) => {
    const kind = table.get(dateOfDayNum(n));
    return kind === 'workday' || (kind !== 'holiday' && !weekend.has(weekdayOf(n)));
  };

  // The index: day `first + i` starts at starts[i] and has the intervals ivs[i] (flat [s, e, s, e…]);
  // cum[i] is the business time before it. starts and cum carry one more entry: the end of the range.
  let first = 0;
  let starts: number[] = [];
  let ivs: number[][] = [];
  let cum: number[] = [];
  const size = () => ivs.length;

  const offsetMs = (ms: number) => zoneOffsetMinutes(new Date(ms), tz) * 60_000;
  /** The instant of a wall-clock time on a day when the offset changes (DST days only). */
  const wallToUtc = (n: number, minutes: number) => {
    const guess = n * DAY_MS + minutes * 60_000;
    const t = guess - offsetMs(guess);
    return guess - offsetMs(t);
  };
  const computeDays = (from: number, count: number) => {
    const st: number[] = [];
    for (let k = 0; k <= count; k++) st.push(startOfDayUtc(dateOfDayNum(from + k), tz).getTime());
    const iv: number[][] = [];
    for (let k = 0; k < count; k++) {
      const n = from + k;
      const [s, e] = [st[k]!, st[k + 1]!];
      if (!workingDayNum(n)) {
        iv.push([]);
        continue;
      }
      const off = offsetMs(s);
      const steady = off === offsetMs(e - 1);
      const at = (m: number) => Math.min(e, Math.max(s, steady ? n * DAY_MS + m * 60_000 - off : wallToUtc(n, m)));
      iv.push(hours.flatMap(([a, b]) => [at(a), at(b)]));
    }
    return { st, iv };
  };
  const dayTotal = (iv: number[]) => {
    let t = 0;
    for (let k = 0; k < iv.length; k += 2) t += iv[k + 1]! - iv[k]!;
    return t;
  };
  const extendForward = () => {
    const { st, iv } = computeDays(first + size(), CHUNK);
    starts = [...starts.slice(0, -1), ...st];
    for (const d of iv) {
      cum.push(cum[cum.length - 1]! + dayTotal(d));
      ivs.push(d);
    }
  };
  const extendBackward = () => {
    first -= CHUNK;
    const { st, iv } = computeDays(first, CHUNK);
    starts = [...st.slice(0, -1), ...starts];
    ivs = [...iv, ...ivs];
    cum = [0];
    for (const d of ivs) cum.push(cum[cum.length - 1]! + dayTotal(d));
  };
  const ensure = (ms: number) => {
    if (ms < MIN_MS || ms > MAX_MS) throw new RangeError(`instant out of the calendar's range (1970–2199): ${new Date(ms).toISOString()}`);
    if (!starts.length) {
      // The office day of an instant is at most one UTC day away from its UTC day (offsets ≤ 14 h).
      first = Math.floor(ms / DAY_MS) - 2;
      starts = [startOfDayUtc(dateOfDayNum(first), tz).getTime()];
      ivs = [];
      cum = [0];
    }
    while (ms < starts[0]!) extendBackward();
    while (ms >= starts[size()]!) extendForward();
  };
  /** Index of the day holding ms (after ensure). */
  const dayIndex = (ms: number) => {
    let [lo, hi] = [0, size() - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** Business time from the start of the index to ms (after ensure). */
  const position = (ms: number) => {
    const i = dayIndex(ms);
    const iv = ivs[i]!;
    let p = cum[i]!;
    for (let k = 0; k < iv.length; k += 2) {
      const [s, e] = [iv[k]!, iv[k + 1]!];
      if (ms >= e) p += e - s;
      else {
        if (ms > s) p += ms - s;
        break;
      }
    }
    return p;
  };
  // Without hours, or with every weekday off and no worked day in the table, no search can succeed.
  const anyWorkingTime = hours.some(([a, b]) => b > a) && (weekend.size < 7 || settings.days.some((e) => e.kind === 'workday'));
  const noWorkingTime = (from: number) => new RangeError(`no working time within 50 years after ${new Date(from).toISOString()}: check the working hours and the day table`);

  const addBusinessMs = (ms: number, businessMs: number): number => {
    if (!(businessMs >= 0)) throw new RangeError(`business time must not be negative, got ${businessMs}`);
    if (businessMs === 0) return ms;
    if (!anyWorkingTime) throw noWorkingTime(ms);
    ensure(ms);
    const i = dayIndex(ms);
    const target = position(ms) + Math.round(businessMs);
    const limit = first + i + SEARCH_LIMIT_DAYS;
    while (cum[size()]! < target) {
      if (first + size() > limit) throw noWorkingTime(ms);
      extendForward();
    }
    // The first day by whose end the target is reached; the target itself lies in its intervals.
    let [lo, hi] = [i, size() - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid + 1]! >= target) hi = mid;
      else lo = mid + 1;
    }
    const iv = ivs[lo]!;
    let rest = target - cum[lo]!;
    // Exactly used up at an interval's end → that end (due 12:00, not 13:00 after lunch).
    for (let k = 0; k < iv.length; k += 2) {
      const len = iv[k + 1]! - iv[k]!;
      if (rest <= len) return iv[k]! + rest;
      rest -= len;
    }
    return iv[iv.length - 1]!;
  };

  const businessMsBetween = (a: number, b: number): number => {
    ensure(a);
    ensure(b);
    return position(b) - position(a);
  };

  const nextWorkingMs = (ms: number): number => {
    if (!anyWorkingTime) throw noWorkingTime(ms);
    ensure(ms);
    const start = dayIndex(ms);
    for (let i = start; ; i++) {
      if (i - start > SEARCH_LIMIT_DAYS) throw noWorkingTime(ms);
      if (i >= size()) extendForward();
      const iv = ivs[i]!;
      for (let k = 0; k < iv.length; k += 2) if (iv[k + 1]! > ms) return Math.max(iv[k]!, ms);
    }
  };

  const checkDate = (date: string) => {
    if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  };

  return {
    timeZone: tz,
    isWorkingDay(date) {
      checkDate(date);
      return workingDayNum(dayNumOf(date));
    },
    workingIntervals(date) {
      checkDate(date);
      const s = startOfDayUtc(date, tz).getTime();
      ensure(s);
      const iv = ivs[dayIndex(s)]!;
      const out: Array<{ start: string; end: string }> = [];
      for (let k = 0; k < iv.length; k += 2) out.push({ start: new Date(iv[k]!).toISOString(), end: new Date(iv[k + 1]!).toISOString() });
      return out;
    },
    addBusinessTime: (instant, minutes) => new Date(addBusinessMs(toMs(instant), minutes * 60_000)).toISOString(),
    businessMinutesBetween: (a, b) => businessMsBetween(toMs(a), toMs(b)) / 60_000,
    nextWorkingInstant: (instant) => new Date(nextWorkingMs(toMs(instant))).toISOString(),
    yearsCovered: () => [...covered],
    missingYearWarning(now, leadDays = 60) {
      const today = calendarDateOf(new Date(toMs(now)), tz);
      const year = Number(today.slice(0, 4));
      const years = [year, year + 1].filter(
        (y) => !covered.includes(y) && (y === year || dayNumOf(`${y}-01-01`) - dayNumOf(today) <= leadDays),
      );
      if (!years.length) return null;
      const list = years.join(' and ');
      return {
        code: 'holiday_data_missing',
        params: { years: years.join(', ') },
        years,
        message:
          `no public-holiday data for ${list}: business time there counts weekends only, without Spring Festival, ` +
          `National Day or the adjusted working days; enter the State Council's holiday notice in Settings → Calendar, or update the app`,
      };
    },
    addBusinessMs,
    businessMsBetween,
    nextWorkingMs,
  };
}
