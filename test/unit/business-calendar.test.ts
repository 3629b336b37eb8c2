import { afterEach, describe, expect, it } from 'vitest';
import {
  chineseDaysYears,
  createBusinessCalendar,
  seedFromChineseDays,
  withChineseHolidays,
} from '../../src/main/rules/business-calendar';
import {
  businessCalendarSettingsSchema,
  DEFAULT_BUSINESS_CALENDAR_SETTINGS,
  type BusinessCalendarSettings,
} from '../../src/shared/schemas/rules-policies';

/**
 * The business calendar under SLA clocks: 08:30–12:00 and 13:00–17:30, Monday to Friday, China's
 * public holidays and adjusted working days from chinese-days. The 2026 arrangement (State Council
 * notice, as chinese-days 1.5.7 has it): Spring Festival off 15–23 February, worked Saturdays 14 and
 * 28 February; Mid-autumn off 25–27 September; National Day off 1–7 October, worked Sunday 20
 * September and Saturday 10 October. Only 2025 and 2026 are seeded, so 2027 stays without data
 * whatever the installed package knows.
 */

const SETTINGS = withChineseHolidays(DEFAULT_BUSINESS_CALENDAR_SETTINGS, [2025, 2026]);
const cal = createBusinessCalendar(SETTINGS);
/** Office wall time in Shanghai → ISO UTC. */
const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();

describe('seedFromChineseDays', () => {
  const seed = seedFromChineseDays([2026]);

  it('has the adjusted working days of 2026 as workdays', () => {
    expect(seed.years).toEqual([2026]);
    expect(seed.entries.filter((e) => e.kind === 'workday').map((e) => `${e.date} ${e.holiday}`)).toEqual([
      '2026-01-04 new_years_day',
      '2026-02-14 spring_festival',
      '2026-02-28 spring_festival',
      '2026-05-09 labour_day',
      '2026-09-20 national_day',
      '2026-10-10 national_day',
    ]);
  });

  it('has Spring Festival and National Day as holidays, weekends inside them included', () => {
    const holidays = (prefix: string) => seed.entries.filter((e) => e.kind === 'holiday' && e.date.startsWith(prefix)).map((e) => e.date);
    expect(holidays('2026-02')).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(holidays('2026-10')).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(seed.entries.find((e) => e.date === '2026-10-01')).toMatchObject({ holiday: 'national_day', source: 'chinese-days', note: null });
  });

  it('leaves out years the package does not cover', () => {
    expect(seedFromChineseDays([2099, 2026, 2026]).years).toEqual([2026]);
    expect(chineseDaysYears()).toContain(2026);
    expect(chineseDaysYears()).not.toContain(2099);
  });

  describe('on a machine west of Greenwich', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    it('gives the same days (chinese-days reads date text as UTC but formats it locally)', () => {
      const here = seedFromChineseDays([2026]);
      process.env.TZ = 'America/New_York';
      expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(300);
      expect(seedFromChineseDays([2026])).toEqual(here);
    });
  });

  it('seeds valid settings, and the office keeps its own entries when re-seeded', () => {
    expect(businessCalendarSettingsSchema.safeParse(SETTINGS).success).toBe(true);
    const office: BusinessCalendarSettings = {
      ...SETTINGS,
      days: [...SETTINGS.days.filter((d) => d.date !== '2026-02-28'), { date: '2026-02-28', kind: 'holiday', holiday: null, note: 'office closed', source: 'office' }],
    };
    const again = withChineseHolidays(office, [2026]);
    expect(again.days.filter((d) => d.date === '2026-02-28')).toEqual([{ date: '2026-02-28', kind: 'holiday', holiday: null, note: 'office closed', source: 'office' }]);
    expect(again.days.filter((d) => d.date === '2026-02-14')).toHaveLength(1);
    expect(again.holidayYears).toEqual([2025, 2026]);
    expect(createBusinessCalendar(again).isWorkingDay('2026-02-28')).toBe(false);
  });
});

describe('isWorkingDay in 2026', () => {
  it.each([
    ['2026-02-13', true, 'Friday before Spring Festival'],
    ['2026-02-14', true, 'Saturday worked for Spring Festival'],
    ['2026-02-15', false, 'Spring Festival (Sunday)'],
    ['2026-02-16', false, 'Spring Festival (Monday)'],
    ['2026-02-23', false, 'last day of Spring Festival (Monday)'],
    ['2026-02-24', true, 'first Tuesday back'],
    ['2026-02-28', true, 'Saturday worked for Spring Festival'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-09-20', true, 'Sunday worked for National Day'],
    ['2026-09-25', false, 'Mid-autumn (Friday)'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'National Day, last day'],
    ['2026-10-08', true, 'Thursday back'],
    ['2026-10-10', true, 'Saturday worked for National Day'],
    ['2026-10-11', false, 'ordinary Sunday'],
  ])('%s → %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('refuses a date that does not exist', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('business time across Spring Festival 2026', () => {
  it.each([
    ['Friday 16:30 + 2 h runs into the worked Saturday', '2026-02-13T16:30', 120, '2026-02-14T09:30'],
    ['worked Saturday 17:00 + 1 h skips the nine days off', '2026-02-14T17:00', 60, '2026-02-24T09:00'],
    ['10 business days from Thursday 08:30 count both worked Saturdays', '2026-02-12T08:30', 4800, '2026-03-03T17:30'],
    ['from inside the holiday, the clock starts on the first day back', '2026-02-18T10:00', 30, '2026-02-24T09:00'],
  ])('%s', (_, from, minutes, expected) => {
    expect(cal.addBusinessTime(sh(from), minutes)).toBe(sh(expected));
  });

  it('counts seven working days of 8 h between 13 and 28 February', () => {
    expect(cal.businessMinutesBetween(sh('2026-02-13T08:30'), sh('2026-02-28T17:30'))).toBe(7 * 480);
    expect(cal.businessMinutesBetween(sh('2026-02-28T17:30'), sh('2026-02-13T08:30'))).toBe(-7 * 480);
  });
});

describe('business time across Mid-autumn and National Day 2026', () => {
  it.each([
    ['Saturday 19 Sept 10:00 + 30 min lands on the worked Sunday', '2026-09-19T10:00', 30, '2026-09-20T09:00'],
    ['Thursday 24 Sept 17:00 + 1 h skips Mid-autumn and the weekend', '2026-09-24T17:00', 60, '2026-09-28T09:00'],
    ['Wednesday 30 Sept 17:00 + 1 h skips the Golden Week', '2026-09-30T17:00', 60, '2026-10-08T09:00'],
    ['Friday 9 Oct 17:00 + 1 h lands on the worked Saturday', '2026-10-09T17:00', 60, '2026-10-10T09:00'],
  ])('%s', (_, from, minutes, expected) => {
    expect(cal.addBusinessTime(sh(from), minutes)).toBe(sh(expected));
  });

  it('counts 30 Sept, 8 Oct and 9 Oct only', () => {
    expect(cal.businessMinutesBetween(sh('2026-09-30T08:30'), sh('2026-10-09T17:30'))).toBe(3 * 480);
  });
});

describe('working hours', () => {
  it.each([
    ['runs over the lunch break', '2026-03-09T11:30', 60, '2026-03-09T13:30'],
    ['used up exactly at 12:00 is due at 12:00, not after lunch', '2026-03-09T11:00', 60, '2026-03-09T12:00'],
    ['used up exactly at 17:30 is due at 17:30', '2026-03-09T17:00', 30, '2026-03-09T17:30'],
    ['a start before opening counts from 08:30', '2026-03-09T07:00', 30, '2026-03-09T09:00'],
    ['a start in the lunch break counts from 13:00', '2026-03-09T12:20', 30, '2026-03-09T13:30'],
    ['a start on Friday evening counts from Monday 08:30', '2026-03-06T20:00', 30, '2026-03-09T09:00'],
    ['a start on Sunday counts from Monday 08:30', '2026-03-08T10:00', 480, '2026-03-09T17:30'],
    ['zero minutes is the instant itself, even off hours', '2026-03-08T10:00', 0, '2026-03-08T10:00'],
  ])('%s', (_, from, minutes, expected) => {
    expect(cal.addBusinessTime(sh(from), minutes)).toBe(sh(expected));
  });

  it('does not count the lunch break, nights or weekends', () => {
    expect(cal.businessMinutesBetween(sh('2026-03-09T11:00'), sh('2026-03-09T14:00'))).toBe(120);
    expect(cal.businessMinutesBetween(sh('2026-03-06T18:00'), sh('2026-03-09T08:00'))).toBe(0);
    expect(cal.businessMinutesBetween('2026-03-09T02:00:30Z', '2026-03-09T02:01:00Z')).toBe(0.5);
  });

  it.each([
    ['inside working hours: itself', '2026-03-09T10:00', '2026-03-09T10:00'],
    ['at 12:00: after lunch', '2026-03-09T12:00', '2026-03-09T13:00'],
    ['in the lunch break', '2026-03-09T12:30', '2026-03-09T13:00'],
    ['Friday evening: Monday morning', '2026-03-06T18:00', '2026-03-09T08:30'],
    ['during National Day: 8 October', '2026-10-03T10:00', '2026-10-08T08:30'],
  ])('nextWorkingInstant %s', (_, from, expected) => {
    expect(cal.nextWorkingInstant(sh(from))).toBe(sh(expected));
  });

  it('gives the working intervals of a day as instants', () => {
    expect(cal.workingIntervals('2026-10-10')).toEqual([
      { start: '2026-10-10T00:30:00.000Z', end: '2026-10-10T04:00:00.000Z' },
      { start: '2026-10-10T05:00:00.000Z', end: '2026-10-10T09:30:00.000Z' },
    ]);
    expect(cal.workingIntervals('2026-10-01')).toEqual([]);
  });

  it('refuses negative time, a non-instant, and a calendar without any working time', () => {
    expect(() => cal.addBusinessTime(sh('2026-03-09T10:00'), -1)).toThrow(RangeError);
    expect(() => cal.addBusinessTime('yesterday', 10)).toThrow(RangeError);
    const never = createBusinessCalendar({ ...DEFAULT_BUSINESS_CALENDAR_SETTINGS, weekendDays: [0, 1, 2, 3, 4, 5, 6] });
    expect(() => never.addBusinessTime(sh('2026-03-09T10:00'), 10)).toThrow(/no working time/);
  });

  it('adds ten business days 10,000 times in well under a second (no loop per minute)', () => {
    const start = Date.parse(sh('2026-01-05T08:30'));
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) cal.addBusinessMs(start + i * 97_000, 4800 * 60_000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('a year without holiday data (2027 here)', () => {
  it('falls back to weekends only', () => {
    expect(cal.yearsCovered()).toEqual([2025, 2026]);
    // Spring Festival 2027 begins on Saturday 6 February; without data its weekdays are working days.
    expect(cal.isWorkingDay('2027-02-08')).toBe(true);
    expect(cal.isWorkingDay('2027-02-06')).toBe(false);
    // New Year's Day 2027 is a Friday: counted as a working day.
    expect(cal.addBusinessTime(sh('2026-12-31T17:00'), 60)).toBe(sh('2027-01-01T09:00'));
  });

  it('warns within 60 days of the new year, and all through a year without data', () => {
    const warning = cal.missingYearWarning(sh('2026-11-15T10:00'));
    expect(warning).toMatchObject({ code: 'holiday_data_missing', years: [2027], params: { years: '2027' } });
    expect(warning?.message).toMatch(/no public-holiday data for 2027: business time there counts weekends only/);
    expect(cal.missingYearWarning(sh('2026-11-02T10:00'))?.years).toEqual([2027]);
    expect(cal.missingYearWarning(sh('2026-11-01T10:00'))).toBeNull();
    expect(cal.missingYearWarning(sh('2026-06-01T10:00'))).toBeNull();
    expect(cal.missingYearWarning(sh('2027-03-01T10:00'))?.years).toEqual([2027]);
    expect(cal.missingYearWarning(sh('2026-06-01T10:00'), 250)?.years).toEqual([2027]);
  });

  it('takes the year from the office zone: 31 Dec 16:30 UTC is already 2027 in Shanghai', () => {
    expect(cal.missingYearWarning('2026-12-31T16:30:00Z')?.years).toEqual([2027]);
    const both = createBusinessCalendar(withChineseHolidays(DEFAULT_BUSINESS_CALENDAR_SETTINGS, [2025]));
    expect(both.missingYearWarning(sh('2026-12-01T10:00'))?.years).toEqual([2026, 2027]);
  });
});

describe('a time zone with daylight saving time (Europe/Berlin)', () => {
  const berlin = createBusinessCalendar({ ...DEFAULT_BUSINESS_CALENDAR_SETTINGS, timeZone: 'Europe/Berlin' });
  const sevenDays = createBusinessCalendar({ ...DEFAULT_BUSINESS_CALENDAR_SETTINGS, timeZone: 'Europe/Berlin', weekendDays: [] });

  it('keeps 08:30 at 08:30 wall time across the spring change (29 March 2026)', () => {
    // Friday 16:30 CET (UTC+1) + 2 h → Monday 09:30 CEST (UTC+2).
    expect(berlin.addBusinessTime('2026-03-27T16:30:00+01:00', 120)).toBe('2026-03-30T07:30:00.000Z');
    expect(sevenDays.workingIntervals('2026-03-29')).toEqual([
      { start: '2026-03-29T06:30:00.000Z', end: '2026-03-29T10:00:00.000Z' },
      { start: '2026-03-29T11:00:00.000Z', end: '2026-03-29T15:30:00.000Z' },
    ]);
    expect(sevenDays.businessMinutesBetween('2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(960);
  });

  it('and across the autumn change (25 October 2026)', () => {
    expect(sevenDays.workingIntervals('2026-10-25')[0]).toEqual({ start: '2026-10-25T07:30:00.000Z', end: '2026-10-25T11:00:00.000Z' });
    expect(sevenDays.addBusinessTime('2026-10-24T17:00:00+02:00', 60)).toBe('2026-10-25T08:00:00.000Z');
  });
});

describe('businessCalendarSettingsSchema', () => {
  const issue = (s: unknown) => {
    const r = businessCalendarSettingsSchema.safeParse(s);
    return r.success ? null : r.error.issues.map((i) => ({ path: i.path.join('.'), code: (i as { params?: { code?: string } }).params?.code ?? i.code }));
  };

  it('accepts the default', () => {
    expect(issue(DEFAULT_BUSINESS_CALENDAR_SETTINGS)).toBeNull();
  });

  it.each([
    ['interval ending before it starts', { workingHours: [{ start: '13:00', end: '12:00' }] }, 'workingHours.0.end', 'time_order'],
    ['overlapping intervals', { workingHours: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '17:00' }] }, 'workingHours.1.start', 'hours_overlap'],
    ['a time that is not HH:mm', { workingHours: [{ start: '8:30', end: '12:00' }] }, 'workingHours.0.start', 'time_of_day'],
    ['an unknown zone', { timeZone: 'Asia/Peking' }, 'timeZone', 'time_zone'],
    ['the same date twice', {
      days: [
        { date: '2026-05-01', kind: 'holiday', holiday: null, note: null, source: 'office' },
        { date: '2026-05-01', kind: 'workday', holiday: null, note: null, source: 'office' },
      ],
    }, 'days.1.date', 'duplicate'],
  ])('refuses %s', (_, patch, path, code) => {
    expect(issue({ ...DEFAULT_BUSINESS_CALENDAR_SETTINGS, ...patch })).toContainEqual({ path, code });
  });
});
