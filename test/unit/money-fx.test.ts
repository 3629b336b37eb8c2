import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToBase, currencyDigits, divideHalfAwayFromZero, parseRate, toBaseAmount } from '../../src/main/rules/money-fx';

/**
 * Foreign-currency lines in the base currency (issue 6): amount × rate × 10^(baseDigits − digits),
 * rounded half away from zero, on decimal digits with BigInt.
 */

describe('currency digits', () => {
  it('answers the minor-unit digits of known codes and null for unknown ones', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('XYZ')).toBeNull();
    expect(currencyDigits('usd')).toBeNull();
    expect(currencyDigits('US')).toBeNull();
  });

  it('reads a rate as an integer and a scale', () => {
    expect(parseRate('7.1234')).toEqual({ units: 71234n, scale: 4 });
    expect(parseRate('7')).toEqual({ units: 7n, scale: 0 });
    expect(parseRate('0.000001')).toEqual({ units: 1n, scale: 6 });
  });
});

describe('toBaseAmount', () => {
  // [amount in minor units, rate, digits of the currency, digits of the base, expected minor units of the base]
  const table: Array<[string, number, string, number, number, number]> = [
    ['USD 123.45 at 7.1234 → ¥879.38 (879.383730)', 12_345, '7.1234', 2, 2, 87_938],
    ['the same, negative', -12_345, '7.1234', 2, 2, -87_938],
    ['JPY 10,000 at 0.0476 → ¥476.00', 10_000, '0.0476', 0, 2, 47_600],
    ['JPY 1 at 0.047 → 4.7 fen → 5', 1, '0.047', 0, 2, 5],
    ['JPY 7 at 7 (integer rate) → ¥49.00', 7, '7', 0, 2, 4_900],
    ['KWD 1.000 at 23.5 → ¥23.50', 1_000, '23.5', 3, 2, 2_350],
    ['CNY 1.00 into a JPY base at 20.5 → ¥20.5 → 21', 100, '20.5', 2, 0, 21],
    ['half: 3 cents at 0.5 = 1.5 → 2', 3, '0.5', 2, 2, 2],
    ['half, negative: −3 cents at 0.5 = −1.5 → −2', -3, '0.5', 2, 2, -2],
    ['half: 1 cent at 0.5 = 0.5 → 1', 1, '0.5', 2, 2, 1],
    ['half, negative: −1 cent at 0.5 → −1', -1, '0.5', 2, 2, -1],
    ['below half: 1 cent at 0.499999 → 0', 1, '0.499999', 2, 2, 0],
    ['below half, negative → 0 (not −0)', -1, '0.499999', 2, 2, 0],
    ['above half: 1 cent at 0.500001 → 1', 1, '0.500001', 2, 2, 1],
    ['USD 0.01 at 7.125 = 7.125 fen → 7', 1, '7.125', 2, 2, 7],
    ['USD 0.02 at 7.125 = 14.25 fen → 14', 2, '7.125', 2, 2, 14],
    ['USD 0.04 at 7.125 = 28.5 fen → 29', 4, '7.125', 2, 2, 29],
    ['USD 0.04 at 7.125, negative → −29', -4, '7.125', 2, 2, -29],
    ['zero', 0, '7.1234', 2, 2, 0],
  ];
  for (const [name, amount, rate, from, base, want] of table) {
    it(name, () => {
      const got = toBaseAmount(amount, rate, from, base);
      expect(Object.is(got, -0)).toBe(false);
      expect(got).toBe(want);
    });
  }

  it('refuses a result beyond the safe integers', () => {
    expect(() => toBaseAmount(10_000_000_000, '999999.999999', 0, 2)).toThrow(RangeError);
  });

  it('rounds half away from zero when dividing', () => {
    expect(divideHalfAwayFromZero(15n, 10n)).toBe(2n);
    expect(divideHalfAwayFromZero(-15n, 10n)).toBe(-2n);
    expect(divideHalfAwayFromZero(14n, 10n)).toBe(1n);
    expect(divideHalfAwayFromZero(-14n, 10n)).toBe(-1n);
    expect(divideHalfAwayFromZero(25n, 10n)).toBe(3n); // not banker's rounding
  });
});

describe('convertToBase', () => {
  it('keeps a base-currency amount as it is, with no rate', () => {
    expect(convertToBase({ amount: 12_345, currency: 'CNY', fxRate: '7.1', baseCurrency: 'CNY' })).toEqual({ ok: true, baseAmount: 12_345, fxRate: null });
  });
  it('converts a foreign amount at its rate', () => {
    expect(convertToBase({ amount: 12_345, currency: 'USD', fxRate: '7.1234', baseCurrency: 'CNY' })).toEqual({ ok: true, baseAmount: 87_938, fxRate: '7.1234' });
  });
  it('names the field at fault', () => {
    expect(convertToBase({ amount: 1, currency: 'XYZ', fxRate: '1', baseCurrency: 'CNY' })).toMatchObject({ ok: false, path: 'currency', code: 'unknown_currency' });
    expect(convertToBase({ amount: 1, currency: 'USD', fxRate: null, baseCurrency: 'CNY' })).toMatchObject({ ok: false, path: 'fxRate', code: 'fx_rate_required' });
    expect(convertToBase({ amount: 10_000_000_000, currency: 'JPY', fxRate: '999999.999999', baseCurrency: 'CNY' })).toMatchObject({
      ok: false,
      path: 'amount',
      code: 'amount_too_large',
    });
  });
});

describe('properties', () => {
  const rate = fc
    .tuple(fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([i, scale, f]) => (scale === 0 ? String(i) : `${i}.${String(f % 10 ** scale).padStart(scale, '0')}`))
    .filter((r) => Number(r) > 0);
  // Small enough that every result is a safe integer (10^8 × 10^4 × 10^3 < 2^53).
  const amount = fc.integer({ min: -100_000_000, max: 100_000_000 });
  const digits = fc.constantFrom(0, 2, 3);

  it('converting then negating equals negating then converting', () => {
    fc.assert(
      fc.property(amount, rate, digits, digits, (a, r, from, base) => {
        // `+ 0` turns a −0 into 0: both sides must be the same integer.
        expect(-toBaseAmount(a, r, from, base) + 0).toBe(toBaseAmount(-a, r, from, base));
      }),
    );
  });

  it('is the exact product rounded to the nearest unit, ties away from zero', () => {
    fc.assert(
      fc.property(amount, rate, digits, digits, (a, r, from, base) => {
        const got = BigInt(toBaseAmount(a, r, from, base));
        // exact = a × r × 10^(base − from) = num / den
        const [int, frac = ''] = r.split('.');
        let num = BigInt(a) * BigInt(int! + frac);
        let den = 10n ** BigInt(frac.length);
        if (base >= from) num *= 10n ** BigInt(base - from);
        else den *= 10n ** BigInt(from - base);
        const err = num - got * den; // (exact − got) × den
        const abs = (x: bigint) => (x < 0n ? -x : x);
        expect(2n * abs(err) <= den).toBe(true);
        // On a tie, the result is the one further from zero.
        if (2n * abs(err) === den) expect(abs(got * den) > abs(num)).toBe(true);
      }),
    );
  });
});
