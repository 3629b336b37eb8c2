import { addDays, calendarDateOf, zonedParts } from '../../shared/dates';
import type { FieldCalendarEntry, ServiceAction } from '../../shared/service';

/**
 * The field calendar's and the visit list's arithmetic, in the office time zone (a setting), not the
 * workstation's: a visit at 09:00 in Shanghai is on Tuesday's column wherever the screen is.
 */

/** The seven dates of the week that starts on `weekStart` (a Monday). */
export function weekDays(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}

/** Monday of the week of a date. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/** Which of the week's days (0 = Monday) a visit touches; a visit ending at midnight does not touch the next day. */
export function dayIndexes(e: Pick<FieldCalendarEntry, 'start' | 'end'>, weekStart: string, timeZone: string): number[] {
  const first = calendarDateOf(new Date(e.start), timeZone);
  const last = calendarDateOf(new Date(Math.max(Date.parse(e.start), Date.parse(e.end) - 1)), timeZone);
  return weekDays(weekStart)
    .map((d, i) => (d >= first && d <= last ? i : -1))
    .filter((i) => i >= 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "09:30" of an instant in the zone. */
export function timeIn(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-11-24 09:30" of an instant in the zone. */
export function dateTimeIn(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  return `${calendarDateOf(new Date(iso), timeZone)} ${timeIn(iso, timeZone)}`;
}

/** "2026-11-24 09:30 – 17:00", or with both dates when it spans days. */
export function spanIn(from: string | null, to: string | null, timeZone: string): string {
  if (!from) return '';
  if (!to) return dateTimeIn(from, timeZone);
  const sameDay = calendarDateOf(new Date(from), timeZone) === calendarDateOf(new Date(to), timeZone);
  return `${dateTimeIn(from, timeZone)} – ${sameDay ? timeIn(to, timeZone) : dateTimeIn(to, timeZone)}`;
}

/** What a visit costs the company, in fen. */
export function visitTotal(a: Pick<ServiceAction, 'travelCost' | 'accommodationCost' | 'allowanceCost'>): number {
  return a.travelCost + a.accommodationCost + a.allowanceCost;
}
