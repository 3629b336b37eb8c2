import type { Kysely } from 'kysely';
import type { CalendarDocument, CalendarStatus, CalendarYear } from '../../shared/engine';
import { ApiError } from '../../shared/errors';
import type { BusinessCalendarSettings, DayKind, DayTableEntry } from '../../shared/schemas/rules-policies';
import type { Database } from '../db/schema';
import { chineseDaysYears, createBusinessCalendar } from '../rules/business-calendar';
import { appendEvents } from './audit';
import { currentDocuments, touchRules } from './rule-store';

/**
 * The office's business calendar in the store (DESIGN "Rule engine"): the calendar document (time
 * zone, working hours, weekend, years with holiday data) is a versioned rule document; its day table
 * (public holidays and adjusted working days from chinese-days, and the office's own days) is the
 * calendar_days table, edited a day at a time. SLA due times follow every edit.
 */

async function calendarDocument(db: Kysely<Database>): Promise<CalendarDocument> {
  const doc = (await currentDocuments(db, 'calendar'))[0];
  if (!doc || doc.kind !== 'calendar') throw new ApiError('INTERNAL', 'the calendar has not been seeded');
  return doc.data;
}

const toEntry = (r: { date: string; kind: string; holiday: string | null; note: string | null; source: string }): DayTableEntry => ({
  date: r.date,
  kind: r.kind as DayKind,
  holiday: r.holiday,
  note: r.note,
  source: r.source as DayTableEntry['source'],
});

/** The settings createBusinessCalendar takes: the document with every day of the table. */
export async function calendarSettings(db: Kysely<Database>): Promise<BusinessCalendarSettings> {
  const days = await db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
  return { ...(await calendarDocument(db)), days: days.map(toEntry) };
}

export async function getCalendarYear(db: Kysely<Database>, year: number): Promise<CalendarYear> {
  const document = await calendarDocument(db);
  const days = await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return { year, document, covered: document.holidayYears.includes(year), days: days.map(toEntry) };
}

interface Who {
  userId: number;
  now: Date;
}

/** The office's own entry for a date, replacing whatever the table had (also a seeded public holiday). */
export async function setCalendarDay(
  db: Kysely<Database>,
  who: Who,
  input: { date: string; kind: DayKind; holiday: string | null; note: string | null },
): Promise<DayTableEntry> {
  const before = await db.selectFrom('calendar_days').selectAll().where('date', '=', input.date).executeTakeFirst();
  const entry: DayTableEntry = { date: input.date, kind: input.kind, holiday: input.holiday, note: input.note, source: 'office' };
  await db
    .insertInto('calendar_days')
    .values(entry)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: entry.kind, holiday: entry.holiday, note: entry.note, source: entry.source }))
    .execute();
  await touchRules(db);
  await appendEvents(db, who.userId, who.now, [{ complaintId: null, kind: 'calendar_changed', field: input.date, before: before ? toEntry(before) : null, after: entry }]);
  return entry;
}

export async function removeCalendarDay(db: Kysely<Database>, who: Who, date: string): Promise<{ removed: boolean }> {
  const before = await db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst();
  if (!before) return { removed: false };
  await db.deleteFrom('calendar_days').where('date', '=', date).execute();
  await touchRules(db);
  await appendEvents(db, who.userId, who.now, [{ complaintId: null, kind: 'calendar_changed', field: date, before: toEntry(before), after: null }]);
  return { removed: true };
}

export async function calendarStatus(db: Kysely<Database>, now: Date): Promise<CalendarStatus> {
  const document = await calendarDocument(db);
  // Only the document matters for the warning: the day table is not needed to know which years are covered.
  const cal = createBusinessCalendar({ ...document, days: [] });
  return {
    timeZone: document.timeZone,
    yearsCovered: cal.yearsCovered(),
    packageYears: chineseDaysYears(),
    warning: cal.missingYearWarning(now),
  };
}
