import type { Kysely } from 'kysely';
import type { DeskEventName } from '../../shared/contract';
import { addDays, calendarDateOf, zonedParts } from '../../shared/dates';
import type { NotificationKind } from '../../shared/engine';
import type { Database } from '../db/schema';
import type { BusinessCalendar } from '../rules/business-calendar';
import type { MailService } from './mail';
import { notify } from './notifications';

/**
 * The monthly report's schedule (issue 7): when the mail settings' `schedule` is on, the previous
 * month's report goes out by SMTP on the first working day of the month (the office's business
 * calendar) from 09:00 office time — once. Main's scheduler calls the job once per pass (every
 * minute): so a pass after the app was closed over that morning catches up, and a month whose
 * report the log shows `sent` (by the schedule or by hand) is never sent again. A first working day
 * that came before the schedule was switched on is not caught up: switching it on sends nothing at once.
 *
 * A failure is logged (the send log row) and the sales administrators are told once per month; the
 * job tries again at most once an hour, not every minute.
 */

export const SCHEDULE_HOUR = 9;
export const RETRY_AFTER_MS = 60 * 60 * 1000;
/** The language of the scheduled report: the chairman reads Chinese. */
export const SCHEDULE_LANG = 'zh-CN' as const;
/** Lead: add 'report_failed' to NOTIFICATION_KINDS (shared/engine.ts) and its words to the list. */
const FAILED_NOTICE = 'report_failed' as NotificationKind;

/** The first working day (YYYY-MM-DD) of the month of an office date, or null in a month without one. */
export function firstWorkingDay(calendar: Pick<BusinessCalendar, 'isWorkingDay'>, month: string): string | null {
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) if (calendar.isWorkingDay(d)) return d;
  return null;
}

/**
 * The month (YYYY-MM) whose report is due at `now`, or null before the first working day's 09:00 —
 * and null when that day came before the schedule was switched on (`since`, an instant): switching it
 * on mid-month sends nothing until the next first working day.
 */
export function dueReportMonth(now: Date, calendar: Pick<BusinessCalendar, 'isWorkingDay'>, timeZone: string, since: string | null = null): string | null {
  const today = calendarDateOf(now, timeZone);
  const month = today.slice(0, 7);
  const first = firstWorkingDay(calendar, month);
  if (!first || today < first) return null;
  if (since && first < calendarDateOf(new Date(since), timeZone)) return null;
  if (today === first && zonedParts(now, timeZone).hour < SCHEDULE_HOUR) return null;
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface ReportScheduleDeps {
  db: Kysely<Database>;
  mail: MailService;
  /** The office's business calendar and time zone as the rule engine has them. */
  calendar(db: Kysely<Database>): Promise<{ calendar: BusinessCalendar; timeZone: string }>;
  publish(event: DeskEventName, payload: unknown): void;
  log?(message: string, error: unknown): void;
}

export type ReportScheduleOutcome = 'off' | 'not_due' | 'already_sent' | 'waiting' | 'sent' | 'failed';

/** The job the scheduler runs once per pass. */
export function reportScheduleJob(deps: ReportScheduleDeps): (now: Date) => Promise<ReportScheduleOutcome> {
  const { db, mail } = deps;
  return async (now) => {
    const since = await mail.scheduleSince(db);
    if (!(await mail.settings(db)).schedule) return 'off';
    const { calendar, timeZone } = await deps.calendar(db);
    const month = dueReportMonth(now, calendar, timeZone, since);
    if (!month) return 'not_due';
    const sent = await db.selectFrom('report_sends').select('id').where('month', '=', month).where('status', '=', 'sent').executeTakeFirst();
    if (sent) return 'already_sent';
    const failures = await db
      .selectFrom('report_sends')
      .select('at')
      .where('month', '=', month)
      .where('status', '=', 'failed')
      .where('by', 'is', null)
      .orderBy('at', 'desc')
      .execute();
    if (failures[0] && now.getTime() - Date.parse(failures[0].at) < RETRY_AFTER_MS) return 'waiting';

    const r = await mail.send(db, { month, lang: SCHEDULE_LANG, channel: 'smtp', userId: null, now: () => now });
    deps.publish('report.sent', { id: r.id });
    if (r.status === 'sent') return 'sent';
    deps.log?.(`the scheduled monthly report for ${month} failed: ${r.error}`, null);
    // Told once a month, not at every hourly retry.
    if (!failures.length) {
      const told = await notify(db, now, [{ roles: ['sales_admin'], complaintId: null, kind: FAILED_NOTICE, payload: { month, error: r.error, sendId: r.id } }]);
      if (told.roles.length || told.userIds.length) deps.publish('notifications.changed', told);
    }
    return 'failed';
  };
}
