import { describe, expect, it } from 'vitest';
import { calendarSpan, mondayOf, visitCosts } from '../../src/main/services/service-actions';
import { dayIndexes, mondayOf as screenMonday, spanIn, weekDays } from '../../src/renderer/visits/calendar-layout';

/** The field calendar's week and days in the office time zone, and what a visit costs as cost lines. */

const TZ = 'Asia/Shanghai';

describe('the field calendar week', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-29', '2026-11-23'],
    ['2026-11-30', '2026-11-30'],
    ['2026-01-01', '2025-12-29'],
    ['2028-03-01', '2028-02-28'],
  ])('the week of %s starts on Monday %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
    expect(screenMonday(day)).toBe(monday);
  });

  it('puts a visit on the office days it touches, not the workstation’s', () => {
    expect(weekDays('2026-11-23')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    // 07:00–09:00 Tuesday in Shanghai is Monday 23:00 UTC: still Tuesday's column.
    expect(dayIndexes({ start: '2026-11-23T23:00:00.000Z', end: '2026-11-24T01:00:00.000Z' }, '2026-11-23', TZ)).toEqual([1]);
    // Ending at midnight does not touch the next day; a three-day training spans three columns.
    expect(dayIndexes({ start: '2026-11-24T01:00:00.000Z', end: '2026-11-24T16:00:00.000Z' }, '2026-11-23', TZ)).toEqual([1]);
    expect(dayIndexes({ start: '2026-11-26T01:00:00.000Z', end: '2026-11-28T09:00:00.000Z' }, '2026-11-23', TZ)).toEqual([3, 4, 5]);
    // From the week before: only this week's days.
    expect(dayIndexes({ start: '2026-11-21T01:00:00.000Z', end: '2026-11-23T09:00:00.000Z' }, '2026-11-23', TZ)).toEqual([0]);
    expect(spanIn('2026-11-24T01:00:00.000Z', '2026-11-24T09:30:00.000Z', TZ)).toBe('2026-11-24 09:00 – 17:30');
    expect(spanIn('2026-11-24T01:00:00.000Z', '2026-11-25T09:30:00.000Z', TZ)).toBe('2026-11-24 09:00 – 2026-11-25 17:30');
  });

  it('shows a reported visit when it happened, a planned one when it is planned', () => {
    const plan = { plannedStart: 'P1', plannedEnd: 'P2' };
    expect(calendarSpan({ state: 'planned', ...plan, actualStart: null, actualEnd: null })).toEqual({ start: 'P1', end: 'P2' });
    expect(calendarSpan({ state: 'done', ...plan, actualStart: 'A1', actualEnd: 'A2' })).toEqual({ start: 'A1', end: 'A2' });
    expect(calendarSpan({ state: 'done', plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null })).toBeNull();
  });
});

describe('a visit’s cost lines', () => {
  const v = {
    state: 'done' as const,
    summary: '上门维修',
    plannedStart: '2026-11-24T01:00:00.000Z',
    // 00:30 on the 25th in Shanghai: the cost is of the 25th, not of the 24th (UTC).
    actualStart: '2026-11-24T16:30:00.000Z',
    travelCost: 50_000,
    accommodationCost: 0,
    allowanceCost: 12_000,
    travelFrom: '杭州',
    travelTo: '苏州',
  };
  it('has one company-paid line per kind of expense, dated by the arrival in the office time zone', () => {
    expect(visitCosts(v, TZ, new Date())).toEqual([
      { costType: 'travel', amount: 50_000, incurredOn: '2026-11-25', payer: 'company', description: '杭州 → 苏州' },
      { costType: 'allowance', amount: 12_000, incurredOn: '2026-11-25', payer: 'company', description: '上门维修' },
    ]);
    expect(visitCosts({ ...v, actualStart: null }, TZ, new Date())[0]!.incurredOn).toBe('2026-11-24');
  });
  it('has none once cancelled', () => {
    expect(visitCosts({ ...v, state: 'cancelled' as never }, TZ, new Date())).toEqual([]);
  });
});
