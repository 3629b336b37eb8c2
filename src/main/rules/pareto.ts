import type { ParetoBar } from '../../shared/analysis';

/**
 * The shape of a Pareto diagram (issue 7, seed 001): groups in descending order, the cumulative
 * share after each bar, the "vital few" that make up 80 % of the whole, and the long tail folded
 * into one "other" bar. Pure: the store hands over the totals per group it aggregated in SQL.
 */

/** Key of the bar that holds every group past the limit. */
export const OTHER_KEY = '__other';
/** The share the vital few reach: 80 % in basis points. */
export const VITAL_SHARE_BP = 8000;

export interface ParetoGroup {
  key: string;
  label: string;
  value: number;
}

export interface ParetoShape {
  bars: ParetoBar[];
  total: number;
  vitalFew: number;
}

/**
 * Groups with nothing in them (or a negative net, a cost and its reversal) have no bar. Ties are
 * ordered by key so that the same data always draws the same chart. Past `limit` bars the rest is
 * one bar keyed `__other`, drawn last whatever its size (the convention of a Pareto chart).
 */
export function shapePareto(groups: readonly ParetoGroup[], limit: number): ParetoShape {
  const merged = new Map<string, ParetoGroup>();
  for (const g of groups) {
    const had = merged.get(g.key);
    merged.set(g.key, had ? { ...had, value: had.value + g.value } : { ...g });
  }
  const sorted = [...merged.values()]
    .filter((g) => g.value > 0)
    .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shown = sorted.length > limit ? sorted.slice(0, limit) : sorted;
  const rest = sorted.slice(shown.length);
  const folded: ParetoGroup[] = rest.length
    ? [...shown, { key: OTHER_KEY, label: '', value: rest.reduce((s, g) => s + g.value, 0) }]
    : shown;
  const total = folded.reduce((s, g) => s + g.value, 0);
  let running = 0;
  let vitalFew = 0;
  const bars = folded.map((g, i) => {
    running += g.value;
    // Exact in integers: the share after this bar reaches 80 % when running / total >= 0.8.
    if (vitalFew === 0 && running * 10000 >= total * VITAL_SHARE_BP) vitalFew = i + 1;
    return { key: g.key, label: g.label, value: g.value, cumulativeBp: i === folded.length - 1 ? 10000 : Math.round((running * 10000) / total) };
  });
  return { bars, total, vitalFew };
}
