import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRACKING_FORMAT,
  formatTrackingNumber,
  periodKey,
  sequenceOf,
} from '../../src/main/rules/tracking-number';

/**
 * Tracking numbers on the customer complaints tracking table (seed 002 §5.1): what the sales office
 * writes on the feedback form and quotes to the customer. The month comes from the office calendar,
 * the sequence from a counter per period (tested against the store in test/integration).
 */

const NOV_2026 = { year: 2026, month: 11 };

describe('formatTrackingNumber with the default format', () => {
  it('is CC-{YYYY}{MM}-{NNNN}', () => {
    expect(DEFAULT_TRACKING_FORMAT).toBe('CC-{YYYY}{MM}-{NNNN}');
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, 1)).toBe('CC-202611-0001');
  });

  it('zero-pads the sequence to the width of the N run and the month to two digits', () => {
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, 42)).toBe('CC-202611-0042');
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, 999)).toBe('CC-202611-0999');
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, 9999)).toBe('CC-202611-9999');
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, { year: 2027, month: 3 }, 7)).toBe('CC-202703-0007');
  });

  it('grows past the width instead of wrapping or truncating (the 10,000th case of a month)', () => {
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, 10000)).toBe('CC-202611-10000');
    expect(formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, 123456)).toBe('CC-202611-123456');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence number %s', (n) => {
    expect(() => formatTrackingNumber(DEFAULT_TRACKING_FORMAT, NOV_2026, n)).toThrow(RangeError);
  });

  it('refuses a format without a sequence token', () => {
    expect(() => formatTrackingNumber('CC-{YYYY}{MM}', NOV_2026, 1)).toThrow(/sequence token/);
  });
});

describe('formatTrackingNumber with other formats', () => {
  it.each([
    ['RMA{YY}{MM}{NNN}', { year: 2026, month: 3 }, 5, 'RMA2603005'],
    ['RMA{YY}{MM}{NNN}', { year: 2005, month: 12 }, 5, 'RMA0512005'],
    ['SZ/KS-{YYYY}-{NN}', NOV_2026, 7, 'SZ/KS-2026-07'],
    ['{YYYY}{MM}{NNNNNN}', NOV_2026, 31, '202611000031'],
    ['KF_{NNNN}', NOV_2026, 12, 'KF_0012'],
    ['{N}-{YYYY}', NOV_2026, 3, '3-2026'],
    ['Q{MM}/{YYYY}/{NNNN}', { year: 2026, month: 1 }, 250, 'Q01/2026/0250'],
  ])('%s for %o, case %i → %s', (format, ym, n, expected) => {
    expect(formatTrackingNumber(format, ym, n)).toBe(expected);
  });

  it('keeps literal letters that look like tokens outside braces', () => {
    expect(formatTrackingNumber('YYYY-MM-{NNN}', NOV_2026, 1)).toBe('YYYY-MM-001');
  });
});

describe('periodKey: when the sequence restarts', () => {
  it('differs from month to month with a monthly format', () => {
    const nov = periodKey(DEFAULT_TRACKING_FORMAT, NOV_2026);
    const dec = periodKey(DEFAULT_TRACKING_FORMAT, { year: 2026, month: 12 });
    const nextNov = periodKey(DEFAULT_TRACKING_FORMAT, { year: 2027, month: 11 });
    expect(nov).toBe('CC-202611-{NNNN}');
    expect(new Set([nov, dec, nextNov]).size).toBe(3);
  });

  it('stays the same all year with a yearly format, and forever without date tokens', () => {
    expect(periodKey('CC-{YYYY}-{NNNNN}', { year: 2026, month: 1 })).toBe(periodKey('CC-{YYYY}-{NNNNN}', { year: 2026, month: 12 }));
    expect(periodKey('CC-{YYYY}-{NNNNN}', { year: 2026, month: 12 })).not.toBe(periodKey('CC-{YYYY}-{NNNNN}', { year: 2027, month: 1 }));
    expect(periodKey('KF-{NNNN}', { year: 2026, month: 1 })).toBe(periodKey('KF-{NNNN}', { year: 2031, month: 7 }));
  });

  it('differs between formats, so a changed format starts its own counter', () => {
    expect(periodKey('CC-{YYYY}{MM}-{NNNN}', NOV_2026)).not.toBe(periodKey('CC-{YYYY}{MM}-{NNNNN}', NOV_2026));
  });
});

describe('sequenceOf', () => {
  const formats = [DEFAULT_TRACKING_FORMAT, 'RMA{YY}{MM}{NNN}', 'SZ/KS-{YYYY}-{NN}', 'KF_{NNNN}', '{N}-{YYYY}'];
  const numbers = [1, 7, 42, 999, 9999, 10000, 123456];

  it.each(formats)('round-trips every sequence number through %s', (format) => {
    for (const n of numbers) {
      expect(sequenceOf(format, NOV_2026, formatTrackingNumber(format, NOV_2026, n))).toBe(n);
    }
  });

  it('does not claim a number of another month or another format', () => {
    expect(sequenceOf(DEFAULT_TRACKING_FORMAT, NOV_2026, 'CC-202612-0001')).toBeNull();
    expect(sequenceOf(DEFAULT_TRACKING_FORMAT, NOV_2026, 'CC-202511-0001')).toBeNull();
    expect(sequenceOf(DEFAULT_TRACKING_FORMAT, NOV_2026, 'RMA2611001')).toBeNull();
  });

  it.each(['CC-202611-', 'CC-202611-00a1', 'CC-202611-0001-2', 'CC-202611--1', 'cc-202611-0001', ''])(
    'returns null for %j',
    (s) => {
      expect(sequenceOf(DEFAULT_TRACKING_FORMAT, NOV_2026, s)).toBeNull();
    },
  );

  it('returns null for a format without a sequence token', () => {
    expect(sequenceOf('CC-{YYYY}{MM}', NOV_2026, 'CC-202611')).toBeNull();
  });
});
