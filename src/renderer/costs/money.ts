import { formatMinor } from '../../shared/money';
import { FX_RATE_RE } from '../../shared/schemas/costs';

export { formatMinor, minorText, parseMinor } from '../../shared/money';

/**
 * Money of cost lines as people read and type it, from the integers the store keeps: an amount in
 * the minor units of its currency (fen, cents; yen have none), the base amount in the base
 * currency's. Digits come from Intl (JPY 0, USD 2, …), arithmetic is on integers and decimal
 * strings only — the same rule main applies, so the preview of a foreign line's base amount is the
 * amount main will store.
 */

const digitsCache = new Map<string, number | null>();

/** Minor-unit digits of an ISO 4217 currency; null when Intl does not know the code. */
export function currencyDigits(code: string): number | null {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) return null;
  if (!digitsCache.has(c)) {
    // Only the codes the runtime knows, as main checks: Intl would format any three letters.
    const known = Intl.supportedValuesOf('currency').includes(c);
    digitsCache.set(c, known ? (new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits ?? 2) : null);
  }
  return digitsCache.get(c) ?? null;
}

/** "¥1,234.56" in the base currency CNY, otherwise "1,234.56 USD". */
export function formatAmount(minor: number, currency: string): string {
  const text = formatMinor(minor, currencyDigits(currency) ?? 2);
  return currency === 'CNY' ? `¥${text}` : `${text} ${currency}`;
}

/**
 * The base amount of a foreign line: amount × rate × 10^(baseDigits − currencyDigits), rounded half
 * away from zero, in BigInt on the rate's decimal digits. Null for a rate that is not one, or a
 * result too large to be a safe integer (main refuses the line then).
 */
export function baseAmountOf(amount: number, rate: string, currencyDigits: number, baseDigits: number): number | null {
  const r = rate.trim();
  if (!FX_RATE_RE.test(r)) return null;
  const [whole, frac = ''] = r.split('.');
  const rateInt = BigInt(`${whole}${frac}`);
  const shift = baseDigits - currencyDigits;
  let num = BigInt(Math.abs(amount)) * rateInt * 10n ** BigInt(Math.max(0, shift));
  const den = 10n ** BigInt(frac.length) * 10n ** BigInt(Math.max(0, -shift));
  let q = num / den;
  if ((num % den) * 2n >= den) q += 1n;
  num = amount < 0 ? -q : q;
  const n = Number(num);
  return Number.isSafeInteger(n) ? n : null;
}
