import { describe, expect, it } from 'vitest';
import { classOf, completeCostClassMap, defaultCostClassMap, missingPairs } from '../../src/main/rules/cost-classes';
import { COST_CLASSES } from '../../src/shared/costs';
import { PAYERS } from '../../src/shared/domain';
import { COST_TYPES } from '../../src/shared/service';

/**
 * The cost-class map (issue 6) and its default, seed 002 §8: 8.1 the company bears the travel,
 * accommodation, allowances and other expenses of the after-sales staff (after-sales expense);
 * 8.2 product exchange, transport and packaging are manufacturing cost. What another party pays is
 * recoverable from him.
 */

describe('default cost-class map (seed 002 §8)', () => {
  const map = defaultCostClassMap();

  it('books what the company bears for the service staff as after-sales expense (8.1)', () => {
    for (const t of ['travel', 'accommodation', 'allowance', 'spare_parts', 'labour', 'third_party', 'other'] as const) {
      expect(map[t].company, t).toBe('after_sales_expense');
    }
  });

  it('books product exchange, transport and packaging as manufacturing cost (8.2)', () => {
    for (const t of ['product_exchange', 'transport', 'packaging'] as const) expect(map[t].company, t).toBe('manufacturing_cost');
  });

  it('books what another party pays as recoverable from him, whatever the type', () => {
    for (const t of COST_TYPES) {
      expect(map[t].customer).toBe('recoverable_customer');
      expect(map[t].supplier).toBe('recoverable_supplier');
      expect(map[t].distributor).toBe('recoverable_partner');
    }
  });

  it('has a valid class for every type and payer', () => {
    expect(Object.keys(map).sort()).toEqual([...COST_TYPES].sort());
    for (const t of COST_TYPES) {
      expect(Object.keys(map[t]).sort()).toEqual([...PAYERS].sort());
      for (const p of PAYERS) expect(COST_CLASSES).toContain(map[t][p]);
    }
    expect(missingPairs(map)).toEqual([]);
  });
});

describe('a stored map', () => {
  it('keeps the valid pairs and falls back to the default for missing or invalid ones', () => {
    const m = completeCostClassMap({ travel: { company: 'manufacturing_cost', customer: 'nonsense' }, bogus: { company: 'manufacturing_cost' } });
    expect(m.travel.company).toBe('manufacturing_cost');
    expect(m.travel.customer).toBe('recoverable_customer');
    expect(m.transport.company).toBe('manufacturing_cost');
    expect('bogus' in m).toBe(false);
    expect(completeCostClassMap(null)).toEqual(defaultCostClassMap());
    expect(completeCostClassMap('junk')).toEqual(defaultCostClassMap());
  });

  it('names the pairs a submitted map lacks', () => {
    const m: Record<string, Record<string, string>> = JSON.parse(JSON.stringify(defaultCostClassMap()));
    delete m.labour!.supplier;
    m.other!.company = 'nonsense';
    expect(missingPairs(m)).toEqual(['labour.supplier', 'other.company']);
  });

  it('looks a class up, changed pairs included', () => {
    const m = defaultCostClassMap();
    expect(classOf(m, 'packaging', 'company')).toBe('manufacturing_cost');
    m.packaging.company = 'after_sales_expense';
    expect(classOf(m, 'packaging', 'company')).toBe('after_sales_expense');
    expect(classOf(m, 'labour', 'distributor')).toBe('recoverable_partner');
  });
});
