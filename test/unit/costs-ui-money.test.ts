import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits as mainDigits, toBaseAmount } from '../../src/main/rules/money-fx';
import { baseAmountOf, currencyDigits, formatAmount, formatMinor, minorText, parseMinor } from '../../src/renderer/costs/money';
import { summariseCosts } from '../../src/renderer/costs/summary';

/**
 * The cost screens' money (issue 6): the base amount a foreign line's dialog previews is the one main
 * stores, amounts round-trip between the integers and what people type, and the case's summary
 * counts approved and pending lines, not rejected ones, with reversals netting to zero.
 */

describe('cost line money on screen', () => {
  it('previews the base amount exactly as main computes it', () => {
    const rate = fc
      .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 999_999 }))
      .map(([w, n, f]) => (n === 0 ? String(w) : `${w}.${String(f).padStart(6, '0').slice(0, n)}`))
      .filter((r) => Number(r) > 0);
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        rate,
        fc.constantFrom(0, 2, 3),
        fc.constantFrom(0, 2),
        (amount, r, from, base) => {
          let expected: number | null;
          try {
            expected = toBaseAmount(amount, r, from, base);
          } catch {
            expected = null; // too large for a safe integer: main refuses the line, the dialog previews nothing
          }
          expect(baseAmountOf(amount, r, from, base)).toBe(expected);
        },
      ),
    );
  });

  it('knows the same currencies and digits as main', () => {
    for (const c of ['CNY', 'USD', 'JPY', 'KWD', 'EUR', 'XYZ', 'usd', 'CN']) expect(currencyDigits(c), c).toBe(mainDigits(c.toUpperCase()));
  });

  it('formats and parses minor units in the currency’s digits', () => {
    expect(formatMinor(123456)).toBe('1,234.56');
    expect(formatMinor(-5)).toBe('-0.05');
    expect(formatMinor(-123450)).toBe('-1,234.50');
    expect(formatMinor(1500, 0)).toBe('1,500');
    expect(formatAmount(71234, 'CNY')).toBe('¥712.34');
    expect(formatAmount(1500, 'JPY')).toBe('1,500 JPY');
    expect(parseMinor('1,234.5', 2)).toBe(123450);
    expect(parseMinor('1500.5', 0)).toBeNull();
    expect(parseMinor('0.001', 2)).toBeNull();
    expect(parseMinor('-3', 2)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom(0, 2, 3), (n, d) => {
        expect(parseMinor(minorText(n, d), d)).toBe(n);
      }),
    );
  });

  it('sums approved and pending by type and payer; rejected lines and reversals do not count', () => {
    const s = summariseCosts([
      { costType: 'travel', payer: 'company', state: 'approved', baseAmount: 123450 },
      { costType: 'travel', payer: 'company', state: 'approved', baseAmount: -123450 },
      { costType: 'travel', payer: 'company', state: 'approved', baseAmount: 1000 },
      { costType: 'transport', payer: 'supplier', state: 'pending', baseAmount: 71234 },
      { costType: 'accommodation', payer: 'company', state: 'rejected', baseAmount: 68000 },
    ]);
    expect(s.approved).toBe(1000);
    expect(s.pending).toBe(71234);
    expect(s.rejectedCount).toBe(1);
    expect(s.byType).toEqual([
      { key: 'travel', approved: 1000, pending: 0 },
      { key: 'transport', approved: 0, pending: 71234 },
    ]);
    expect(s.byPayer).toEqual([
      { key: 'company', approved: 1000, pending: 0 },
      { key: 'supplier', approved: 0, pending: 71234 },
    ]);
  });
});
