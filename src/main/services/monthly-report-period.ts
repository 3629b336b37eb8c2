import { startOfDayUtc } from '../../shared/dates';

/**
 * A report month (`YYYY-MM`) as the office counts it: its first and last calendar day, and the
 * instants that bound it in the office time zone (the end excluded): a complaint received at 00:30
 * on the 1st in Shanghai belongs to the new month although it is still the previous day in UTC.
 */
export interface ReportPeriod {
  month: string;
  /** First calendar day, `YYYY-MM-01`. */
  from: string;
  /** Last calendar day. */
  to: string;
  /** ISO instant of the first day's midnight in the office time zone. */
  start: string;
  /** ISO instant of the next month's first midnight (excluded). */
  end: string;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function reportPeriod(month: string, timeZone: string): ReportPeriod {
  const next = shiftMonth(month, 1);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    month,
    from: `${month}-01`,
    to: `${month}-${String(days).padStart(2, '0')}`,
    start: startOfDayUtc(`${month}-01`, timeZone).toISOString(),
    end: startOfDayUtc(`${next}-01`, timeZone).toISOString(),
  };
}

/** YYYY-MM ↔ the print target's id YYYYMM. */
export const monthId = (month: string): number => Number(month.replace('-', ''));
