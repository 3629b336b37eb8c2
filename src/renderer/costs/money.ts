import { FX_RATE_RE } from '../../shared/schemas/costs';

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

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 123456 with 2 digits → "1,234.56"; -5 → "-0.05"; 1500 with 0 digits → "1,500". */
export function formatMinor(minor: number, digits = 2): string {
  if (!Number.isSafeInteger(minor)) return '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = group(abs.slice(0, abs.length - digits));
  const frac = digits > 0 ? `.${abs.slice(-digits)}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${frac}`;
}

/** "¥1,234.56" in the base currency CNY, otherwise "1,234.56 USD". */
export function formatAmount(minor: number, currency: string): string {
  const text = formatMinor(minor, currencyDigits(currency) ?? 2);
  return currency === 'CNY' ? `¥${text}` : `${text} ${currency}`;
}

/** The editable text of an amount: "1234.50" for 123450 with 2 digits, no grouping. */
export function minorText(minor: number, digits: number): string {
  return formatMinor(minor, digits).replaceAll(',', '');
}

/** Minor units of a typed amount ("1,234.5" → 123450 for 2 digits); null when it is not one. */
export function parseMinor(text: string, digits: number): number | null {
  const clean = text.trim().replaceAll(',', '').replaceAll('，', '');
  const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(clean);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  const n = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(n) ? n : null;
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
