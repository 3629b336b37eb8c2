import { minorText, parseMinor } from '../../shared/money';

/** Yuan as people type them ↔ integer fen as the store keeps them (src/shared/money.ts). */

/** Fen for a yuan amount such as "10000", "1,234.5" or "0.05"; null when it is not one. */
export const yuanToFen = (text: string): number | null => parseMinor(text, 2, 9);

/** "10000.00" for 1,000,000 fen: the editable form, without grouping. */
export const fenToYuan = (fen: number): string => minorText(fen, 2);
