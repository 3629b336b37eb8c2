import { formatMinor, minorText, parseMinor } from '../../shared/money';

/**
 * Decimal amounts as people type them ↔ the integers the store keeps: yuan ↔ fen, per cent ↔ basis
 * points. String arithmetic only, never floating point: "1234.56" is 123456 fen exactly, and "0.29"
 * is 29, not 28.999…. At most two decimals; no sign, so negative amounts are refused.
 */

/** Hundredths of a two-decimal number ("12.5" → 1250); null when the text is not one. */
export const parseHundredths = (text: string): number | null => parseMinor(text, 2);

/** Fen for a yuan amount such as "1,234.56"; null when it is not one. */
export const yuanToFen = parseHundredths;

/** Basis points for a share in per cent such as "70" or "33.33"; null when it is not one. */
export const percentToBp = parseHundredths;

/** "1234.50" for 123450: the editable form of hundredths, without grouping. */
export const hundredthsText = (n: number): string => minorText(n, 2);

/** "¥1,234.50" for 123450 fen; the currency's symbol where it has a common one. */
export function formatFen(fen: number, currency = 'CNY'): string {
  return `${currency === 'CNY' ? '¥' : `${currency} `}${formatMinor(fen, 2)}`;
}

/** "70 %" or "33.33 %" for basis points. */
export function formatBp(bp: number): string {
  return `${bp % 100 === 0 ? String(bp / 100) : hundredthsText(bp)} %`;
}

/** Form rule: a two-decimal, non-negative amount below `maxHundredths`, or empty when optional. */
export function hundredthsRule(message: string, opts: { required?: boolean; max?: number; min?: number } = {}) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : value == null ? '' : String(value);
      if (text === '' && !opts.required) return;
      const n = parseHundredths(text);
      if (n === null || n > (opts.max ?? Number.MAX_SAFE_INTEGER) || n < (opts.min ?? 0)) throw new Error(message);
    },
  };
}
