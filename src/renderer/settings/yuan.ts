/**
 * Yuan as people type them ↔ integer fen as the store keeps them. String arithmetic, never
 * floating point: "0.29" is 29 fen, not 28.999…; at most two decimals are accepted.
 */

const YUAN_RE = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** Fen for a yuan amount such as "10000", "1,234.5" or "0.05"; null when it is not one. */
export function yuanToFen(text: string): number | null {
  const m = YUAN_RE.exec(text.trim().replaceAll(',', '').replaceAll('，', ''));
  if (!m) return null;
  const cents = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

/** "10000.00" for 1,000,000 fen: the editable form, without grouping. */
export function fenToYuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${whole}.${cents}`;
}
