import { formatMinor } from '../../shared/money';

/**
 * Money and shares on the form, from the integers the store keeps: costs in fen (1/100 yuan) and
 * responsibility shares in basis points (1/100 %). Formatted from the digits, never through a float,
 * so 0.1 + 0.2 never prints as 0.30000000000000004 and large sums keep their last fen.
 */

/** 123456 → "1,234.56"; -5 → "-0.05". */
export const formatFen = (fen: number): string => formatMinor(fen, 2);

/** Yuan with its sign; another currency by its code. */
export function formatMoney(fen: number, currency: string): string {
  return currency === 'CNY' ? `¥${formatFen(fen)}` : `${formatFen(fen)} ${currency}`;
}

/** 10000 → "100 %", 3333 → "33.33 %", 2550 → "25.5 %". */
export function formatShare(bp: number): string {
  if (!Number.isSafeInteger(bp)) return '';
  const digits = String(Math.abs(bp)).padStart(3, '0');
  const frac = digits.slice(-2).replace(/0+$/, '');
  return `${bp < 0 ? '-' : ''}${digits.slice(0, -2)}${frac ? `.${frac}` : ''} %`;
}

/** File sizes on the attachments list. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
