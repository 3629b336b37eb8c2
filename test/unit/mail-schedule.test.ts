import { describe, expect, it } from 'vitest';
import { dueReportMonth, firstWorkingDay } from '../../src/main/services/mail-schedule';

/** The monthly report's due date: the first working day of the month from 09:00 office time. */

const TZ = 'Asia/Shanghai';
// Weekends off, plus an office holiday table of its own.
const off = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01']);
const calendar = {
  isWorkingDay: (d: string) => {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6 && !off.has(d);
  },
};

describe('firstWorkingDay', () => {
  it('skips weekends and holidays', () => {
    expect(firstWorkingDay(calendar, '2026-11')).toBe('2026-11-02');
    expect(firstWorkingDay(calendar, '2026-10')).toBe('2026-10-08');
    expect(firstWorkingDay(calendar, '2026-12')).toBe('2026-12-01');
    expect(firstWorkingDay(calendar, '2027-01')).toBe('2027-01-04');
  });
  it('answers null for a month without one', () => {
    expect(firstWorkingDay({ isWorkingDay: () => false }, '2026-11')).toBeNull();
  });
});

describe('dueReportMonth', () => {
  it('is due from 09:00 office time on the first working day, for the previous month', () => {
    expect(dueReportMonth(new Date('2026-11-02T00:59:00Z'), calendar, TZ)).toBeNull(); // 08:59
    expect(dueReportMonth(new Date('2026-11-02T01:00:00Z'), calendar, TZ)).toBe('2026-10'); // 09:00
    expect(dueReportMonth(new Date('2026-11-01T05:00:00Z'), calendar, TZ)).toBeNull(); // a Sunday
    expect(dueReportMonth(new Date('2026-10-31T20:00:00Z'), calendar, TZ)).toBeNull(); // Sunday 04:00 in Shanghai
  });
  it('stays due for the rest of the month (the catch-up), and wraps the year', () => {
    expect(dueReportMonth(new Date('2026-11-30T15:00:00Z'), calendar, TZ)).toBe('2026-10');
    expect(dueReportMonth(new Date('2027-01-04T02:00:00Z'), calendar, TZ)).toBe('2026-12');
    expect(dueReportMonth(new Date('2027-01-03T02:00:00Z'), calendar, TZ)).toBeNull();
  });
  it('uses the office date, not the UTC one', () => {
    // 10:00 on Tuesday 1 December in Shanghai is 21:00 on 30 November in New York.
    expect(dueReportMonth(new Date('2026-12-01T02:00:00Z'), calendar, TZ)).toBe('2026-11');
    expect(dueReportMonth(new Date('2026-12-01T02:00:00Z'), calendar, 'America/New_York')).toBe('2026-10');
    // 01:30 on 1 December in Shanghai: the first working day, before 09:00.
    expect(dueReportMonth(new Date('2026-11-30T17:30:00Z'), calendar, TZ)).toBeNull();
  });
  it('sends nothing for a first working day before the schedule was switched on', () => {
    expect(dueReportMonth(new Date('2026-11-20T02:00:00Z'), calendar, TZ, '2026-11-10T02:00:00Z')).toBeNull();
    expect(dueReportMonth(new Date('2026-11-02T03:00:00Z'), calendar, TZ, '2026-11-02T02:00:00Z')).toBe('2026-10');
    expect(dueReportMonth(new Date('2026-12-01T03:00:00Z'), calendar, TZ, '2026-11-10T02:00:00Z')).toBe('2026-11');
  });
});
