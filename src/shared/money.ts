/**
 * Amounts as people read and type them ↔ the integers the store keeps: minor units of a currency
 * (fen, cents; yen have none) and, with two digits, basis points of a per cent. Arithmetic on integers
 * and decimal strings only, never through a float: "0.29" is 29, not 28.999…, and large sums keep their
 * last fen. One place for the renderer's forms, cost lines and printed documents.
 */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 123456 with 2 digits → "1,234.56"; -5 → "-0.05"; 1500 with 0 digits → "1,500". */
export function formatMinor(minor: number, digits = 2): string {
  if (!Number.isSafeInteger(minor)) return '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = group(abs.slice(0, abs.length - digits));
  const frac = digits > 0 ? `.${abs.slice(-digits)}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${frac}`;
}

/** The editable text of an amount: "1234.50" for 123450 with 2 digits, no grouping. */
export function minorText(minor: number, digits = 2): string {
  return formatMinor(minor, digits).replaceAll(',', '');
}

/**
 * Minor units of a typed, non-negative amount ("1,234.5" → 123450 for 2 digits; ASCII or full-width
 * commas as separators); null when it is not one, has more decimals than `digits`, or more than
 * `maxWholeDigits` before the point.
 */
export function parseMinor(text: string, digits = 2, maxWholeDigits = 12): number | null {
  const clean = text.trim().replaceAll(',', '').replaceAll('，', '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(clean);
  if (!m || m[1]!.length > maxWholeDigits) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  const n = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(n) ? n : null;
}
