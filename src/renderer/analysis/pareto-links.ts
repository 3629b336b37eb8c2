import type { ParetoBar, ParetoDimension, ParetoResult } from '../../shared/analysis';
import { DEFECT_CATEGORIES, type Classification, type Severity } from '../../shared/domain';
import type { FilterModel } from '../../shared/schemas/grid';

/**
 * Where a Pareto bar leads: the tracking table filtered to its cases (`#/complaints?filter=…`, the
 * grid's own filter model), and the CAPA page's create dialog prefilled (`#/capa?new=…`). The
 * tracking table cannot express every dimension: what it cannot filter by is said, never faked.
 */

export const OTHER_KEY = '__other';

export interface ParetoFilters {
  severities: Severity[];
  classifications: Classification[];
  productLine: string | null;
}

export interface CasesLink {
  /** The hash to navigate to; null when the bar's cases cannot be listed (costs are lines, not cases). */
  hash: string | null;
  /** True when the table shows exactly the bar's cases; false when it shows more (the note says which). */
  exact: boolean;
  /** Why the list is wider than the bar: keys under analysis.links.note. */
  notes: string[];
}

/** `#/complaints?filter=<JSON of the grid's filter model>`. */
export function complaintsHash(model: FilterModel): string {
  return `#/complaints?filter=${encodeURIComponent(JSON.stringify(model))}`;
}

/** The filter model in a `#/complaints?filter=…` hash, unchecked (the page checks it with the grid's schema). */
export function filterFromHash(hash: string): unknown {
  const i = hash.indexOf('?');
  if (i < 0) return null;
  const raw = new URLSearchParams(hash.slice(i + 1)).get('filter');
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export function casesLink(result: Pick<ParetoResult, 'dimension' | 'from' | 'to' | 'bars'>, bar: ParetoBar, filters: ParetoFilters): CasesLink {
  const d: ParetoDimension = result.dimension;
  if (d === 'cost_type') return { hash: null, exact: false, notes: ['costs'] };
  const model: FilterModel = {
    receivedAt: { filterType: 'date', type: 'inRange', dateFrom: `${result.from} 00:00:00`, dateTo: `${result.to} 00:00:00` },
  };
  if (filters.severities.length) model.severity = { filterType: 'set', values: [...filters.severities] };
  if (filters.classifications.length) model.classification = { filterType: 'set', values: [...filters.classifications] };
  const notes: string[] = [];
  const other = bar.key === OTHER_KEY;
  if (d === 'defect_category' || d === 'return_reason') {
    // The "other" bar is every category not drawn on its own.
    const shown = new Set(result.bars.map((b) => b.key));
    model.defectCategory = { filterType: 'set', values: other ? DEFECT_CATEGORIES.filter((c) => !shown.has(c)) : [bar.key] };
    if (d === 'return_reason') notes.push('return_reason');
  } else if (d === 'product_model' && !other) {
    model.productModel = { filterType: 'text', type: 'equals', filter: bar.key };
  } else if (d === 'customer' && !other) {
    model.customerName = { filterType: 'text', type: 'equals', filter: bar.label };
  } else if (d === 'repair_type' || d === 'responsible_department') {
    notes.push(d);
  } else {
    notes.push('other');
  }
  if (filters.productLine !== null) notes.push('product_line');
  return { hash: complaintsHash(model), exact: notes.length === 0, notes };
}

/** `#/capa?new=<JSON {dimension,key,label,from,to}>`: the CAPA page opens its create dialog from it. */
export function capaHash(result: Pick<ParetoResult, 'dimension' | 'from' | 'to'>, bar: ParetoBar, label: string): string {
  const source = { dimension: result.dimension, key: bar.key.slice(0, 200), label: label.slice(0, 200), from: result.from, to: result.to };
  return `#/capa?new=${encodeURIComponent(JSON.stringify(source))}`;
}
