/**
 * Foreign-currency amounts in the base currency (issue 6). Money is integers in minor units; an
 * exchange rate is decimal text (units of the base currency per unit of the foreign one, at most six
 * decimals). The conversion is done on the decimal digits with BigInt, never with binary fractions:
 *
 *   base = amount × rate × 10^(baseDigits − currencyDigits), rounded half away from zero.
 */

const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * The number of minor-unit digits of an ISO 4217 currency (CNY and USD 2, JPY 0, KWD 3), or null
 * for a code this runtime does not know.
 */
export function currencyDigits(code: string): number | null {
  if (!/^[A-Z]{3}$/.test(code) || !KNOWN_CURRENCIES.has(code)) return null;
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A rate as an integer and its number of decimals: '7.1234' → { units: 71234n, scale: 4 }. */
export function parseRate(rate: string): { units: bigint; scale: number } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new Error(`not a decimal rate: ${rate}`);
  const frac = m[2] ?? '';
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

/** n / d (d > 0) rounded half away from zero. */
export function divideHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/**
 * An amount in minor units of a foreign currency → minor units of the base currency at `rate`.
 * Throws a RangeError when the result is not a safe integer (the caller turns it into a field issue).
 */
export function toBaseAmount(amount: number, rate: string, fromDigits: number, baseDigits: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer: ${amount}`);
  const { units, scale } = parseRate(rate);
  const exp = baseDigits - fromDigits - scale;
  const product = BigInt(amount) * units;
  const out = exp >= 0 ? product * 10n ** BigInt(exp) : divideHalfAwayFromZero(product, 10n ** BigInt(-exp));
  const n = Number(out);
  if (!Number.isSafeInteger(n)) throw new RangeError(`the converted amount is too large: ${out}`);
  return n === 0 ? 0 : n; // no -0
}

/** What a line in `currency` is worth in the base currency, or why it cannot be converted. */
export type Conversion =
  | { ok: true; baseAmount: number; fxRate: string | null }
  | { ok: false; path: 'currency' | 'fxRate' | 'amount'; code: string; message: string };

export function convertToBase(o: { amount: number; currency: string; fxRate: string | null; baseCurrency: string }): Conversion {
  const from = currencyDigits(o.currency);
  if (from === null) return { ok: false, path: 'currency', code: 'unknown_currency', message: `${o.currency} is not a currency code this office knows` };
  if (o.currency === o.baseCurrency) return { ok: true, baseAmount: o.amount, fxRate: null };
  const base = currencyDigits(o.baseCurrency);
  if (base === null) return { ok: false, path: 'currency', code: 'unknown_currency', message: `the base currency ${o.baseCurrency} is unknown` };
  if (!o.fxRate) {
    return { ok: false, path: 'fxRate', code: 'fx_rate_required', message: `give the exchange rate of ${o.currency} to ${o.baseCurrency}` };
  }
  try {
    return { ok: true, baseAmount: toBaseAmount(o.amount, o.fxRate, from, base), fxRate: o.fxRate };
  } catch {
    return { ok: false, path: 'amount', code: 'amount_too_large', message: 'the amount in the base currency is too large' };
  }
}
