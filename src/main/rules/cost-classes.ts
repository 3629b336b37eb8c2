import { COST_CLASSES, MANUFACTURING_TYPES, type CostClass, type CostClassMap } from '../../shared/costs';
import { PAYERS, type Payer } from '../../shared/domain';
import { COST_TYPES, type CostType } from '../../shared/service';

/**
 * Where a cost goes in the books: a map from cost type and payer to a class (issue 6). The default
 * is seed 002 §8: what the company bears is after-sales expense (travel, accommodation, allowances
 * and the rest, 8.1), except product exchange, transport and packaging, which are manufacturing
 * cost (8.2); what someone else pays is recoverable from him. Finance may change the map; a line
 * keeps the class it was approved with.
 */

const RECOVERABLE: Record<Exclude<Payer, 'company'>, CostClass> = {
  customer: 'recoverable_customer',
  supplier: 'recoverable_supplier',
  distributor: 'recoverable_partner',
};

export function defaultClass(type: CostType, payer: Payer): CostClass {
  if (payer !== 'company') return RECOVERABLE[payer];
  return MANUFACTURING_TYPES.includes(type) ? 'manufacturing_cost' : 'after_sales_expense';
}

export function defaultCostClassMap(): CostClassMap {
  const map = {} as CostClassMap;
  for (const t of COST_TYPES) {
    map[t] = {} as Record<Payer, CostClass>;
    for (const p of PAYERS) map[t][p] = defaultClass(t, p);
  }
  return map;
}

const isClass = (v: unknown): v is CostClass => typeof v === 'string' && (COST_CLASSES as readonly string[]).includes(v);

/**
 * A stored map read back: every known pair taken from it where it holds a valid class, the default
 * elsewhere (a cost type added later gets its default until Finance says otherwise).
 */
export function completeCostClassMap(stored: unknown): CostClassMap {
  const map = defaultCostClassMap();
  if (!stored || typeof stored !== 'object') return map;
  const s = stored as Record<string, unknown>;
  for (const t of COST_TYPES) {
    const row = s[t];
    if (!row || typeof row !== 'object') continue;
    for (const p of PAYERS) {
      const c = (row as Record<string, unknown>)[p];
      if (isClass(c)) map[t][p] = c;
    }
  }
  return map;
}

/** The pairs a submitted map lacks (`type.payer`), for a complete-map check. */
export function missingPairs(map: Partial<Record<string, Partial<Record<string, unknown>>>>): string[] {
  const out: string[] = [];
  for (const t of COST_TYPES) for (const p of PAYERS) if (!isClass(map[t]?.[p])) out.push(`${t}.${p}`);
  return out;
}

export function classOf(map: CostClassMap, type: CostType, payer: Payer): CostClass {
  return map[type]?.[payer] ?? defaultClass(type, payer);
}

/** Company-borne classes: only these are amortised to the responsible departments and people. */
export const COMPANY_BORNE: readonly CostClass[] = ['after_sales_expense', 'manufacturing_cost'];
