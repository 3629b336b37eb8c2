import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDateOf,
  isCalendarDate,
  isIsoInstant,
  startOfDayUtc,
  toUtcIso,
  zoneOffsetMinutes,
} from '../../src/shared/dates';

/**
 * The office time zone decides which calendar day a complaint was received on (date filters, the
 * month of a tracking number). These are the helpers both processes use for that.
 */

const at = (iso: string) => new Date(iso);

describe('isCalendarDate', () => {
  it.each(['2026-11-25', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2027-02-29', 'not a leap year'],
    ['2100-02-29', 'century, not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['2026-1-5', 'not zero-padded'],
    ['2026-01-05T00:00:00Z', 'an instant, not a date'],
    ['', 'empty'],
    ['25/11/2026', 'another notation'],
  ])('rejects %s (%s)', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });
});

describe('startOfDayUtc', () => {
  it('starts a Shanghai day at 16:00 UTC the day before (UTC+8, no DST)', () => {
    expect(startOfDayUtc('2026-11-25', 'Asia/Shanghai').toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(startOfDayUtc('2027-01-01', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(startOfDayUtc('2028-03-01', 'Asia/Shanghai').toISOString()).toBe('2028-02-29T16:00:00.000Z');
  });

  it('follows Berlin through winter time, summer time and both change-over days', () => {
    expect(startOfDayUtc('2026-01-15', 'Europe/Berlin').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDayUtc('2026-07-15', 'Europe/Berlin').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    // 29 March 2026: clocks go forward at 02:00; the day starts in winter time and lasts 23 hours.
    expect(startOfDayUtc('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayUtc('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // 25 October 2026: clocks go back at 03:00; the day starts in summer time and lasts 25 hours.
    expect(startOfDayUtc('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDayUtc('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day without a midnight (clocks jump at 00:00) at the jump, not on the day before', () => {
    // Chile, 6 Sep 2026: 00:00 -04 becomes 01:00 -03, so the day begins at 04:00 UTC.
    expect(startOfDayUtc('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // Cuba, 8 Mar 2026: 00:00 -05 becomes 01:00 -04, so the day begins at 05:00 UTC.
    expect(startOfDayUtc('2026-03-08', 'America/Havana').toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it.each([
    ['Asia/Shanghai', '2026-11-30'],
    ['Europe/Berlin', '2026-03-29'],
    ['Europe/Berlin', '2026-10-25'],
    ['America/Santiago', '2026-09-06'],
    ['America/Santiago', '2026-04-05'],
    ['America/New_York', '2026-11-01'],
    ['Asia/Kolkata', '2026-06-01'],
  ])('in %s, %s starts exactly where the day before ends', (tz, date) => {
    const start = startOfDayUtc(date, tz).getTime();
    expect(calendarDateOf(new Date(start), tz)).toBe(date);
    expect(calendarDateOf(new Date(start - 1000), tz)).toBe(addDays(date, -1));
  });

  it('refuses a string that is not a calendar date', () => {
    expect(() => startOfDayUtc('2026-02-30', 'Asia/Shanghai')).toThrow(RangeError);
  });
});

describe('calendarDateOf', () => {
  it('puts an instant on the office day, which in Shanghai begins at 16:00 UTC', () => {
    expect(calendarDateOf(at('2026-11-30T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(calendarDateOf(at('2026-11-30T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(calendarDateOf(at('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
    expect(calendarDateOf(at('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('depends on the zone: the same instant is two different days', () => {
    const instant = at('2026-11-30T20:00:00Z');
    expect(calendarDateOf(instant, 'Asia/Shanghai')).toBe('2026-12-01');
    expect(calendarDateOf(instant, 'Europe/Berlin')).toBe('2026-11-30');
    expect(calendarDateOf(instant, 'America/Los_Angeles')).toBe('2026-11-30');
  });

  it('handles midnight in Berlin in winter and summer', () => {
    expect(calendarDateOf(at('2026-01-14T22:59:59Z'), 'Europe/Berlin')).toBe('2026-01-14');
    expect(calendarDateOf(at('2026-01-14T23:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15');
    expect(calendarDateOf(at('2026-07-14T21:59:59Z'), 'Europe/Berlin')).toBe('2026-07-14');
    expect(calendarDateOf(at('2026-07-14T22:00:00Z'), 'Europe/Berlin')).toBe('2026-07-15');
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives the offset in force at the instant', () => {
    expect(zoneOffsetMinutes(at('2026-06-01T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(at('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });
});

describe('ISO instants', () => {
  it('accepts instants with an explicit zone only', () => {
    expect(isIsoInstant('2026-11-25T08:30:00Z')).toBe(true);
    expect(isIsoInstant('2026-11-25T08:30:00.123Z')).toBe(true);
    expect(isIsoInstant('2026-11-25T16:30+08:00')).toBe(true);
    expect(isIsoInstant('2026-11-25T08:30:00')).toBe(false);
    expect(isIsoInstant('2026-11-25')).toBe(false);
    expect(isIsoInstant('2026-13-25T08:30:00Z')).toBe(false);
  });

  it('normalises to UTC with milliseconds, so text order is time order', () => {
    expect(toUtcIso('2026-11-25T16:30+08:00')).toBe('2026-11-25T08:30:00.000Z');
    const a = toUtcIso('2026-11-25T09:00:00+08:00');
    const b = toUtcIso('2026-11-25T02:00:00.5Z');
    expect(a < b).toBe(true);
  });
});
