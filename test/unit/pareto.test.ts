import { describe, expect, it } from 'vitest';
import { OTHER_KEY, shapePareto } from '../../src/main/rules/pareto';
import { capaHash, casesLink, filterFromHash } from '../../src/renderer/analysis/pareto-links';
import { filterModelSchema } from '../../src/shared/schemas/grid';

const g = (key: string, value: number, label = key) => ({ key, label, value });

describe('shapePareto', () => {
  it('orders bars descending, ties by key, and accumulates shares to exactly 100 %', () => {
    const s = shapePareto([g('b', 10), g('a', 30), g('c', 10), g('d', 50)], 15);
    expect(s.bars.map((b) => b.key)).toEqual(['d', 'a', 'b', 'c']);
    expect(s.total).toBe(100);
    expect(s.bars.map((b) => b.cumulativeBp)).toEqual([5000, 8000, 9000, 10000]);
  });

  it('counts the vital few up to and including the bar that reaches 80 %', () => {
    expect(shapePareto([g('a', 50), g('b', 30), g('c', 20)], 15).vitalFew).toBe(2);
    // 79.99 % is not yet 80 %: 7999 of 10000.
    expect(shapePareto([g('a', 7999), g('b', 1), g('c', 2000)], 15).vitalFew).toBe(2);
    expect(shapePareto([g('a', 7999), g('b', 2000), g('c', 1)], 15).vitalFew).toBe(2);
    expect(shapePareto([g('a', 95), g('b', 5)], 15).vitalFew).toBe(1);
  });

  it('rounds the cumulative share and never reaches 100 % before the last bar by rounding up from below', () => {
    const s = shapePareto([g('a', 1), g('b', 1), g('c', 1)], 15);
    expect(s.bars.map((b) => b.cumulativeBp)).toEqual([3333, 6667, 10000]);
    expect(s.vitalFew).toBe(3);
  });

  it('folds everything past the limit into one "other" bar drawn last', () => {
    const groups = Array.from({ length: 8 }, (_, i) => g(`k${i}`, 100 - i * 10));
    const s = shapePareto(groups, 5);
    expect(s.bars).toHaveLength(6);
    expect(s.bars.slice(0, 5).map((b) => b.key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(s.bars[5]).toMatchObject({ key: OTHER_KEY, value: 30 + 40 + 50 });
    expect(s.total).toBe(groups.reduce((n, x) => n + x.value, 0));
    expect(s.bars[5]!.cumulativeBp).toBe(10000);
  });

  it('keeps no "other" bar when everything fits', () => {
    const s = shapePareto([g('a', 3), g('b', 2), g('c', 1)], 3);
    expect(s.bars.map((b) => b.key)).toEqual(['a', 'b', 'c']);
  });

  it('drops empty and net-negative groups and merges repeated keys', () => {
    const s = shapePareto([g('a', 0), g('b', -5), g('c', 4), g('c', 6, 'C')], 15);
    expect(s.bars).toEqual([{ key: 'c', label: 'c', value: 10, cumulativeBp: 10000 }]);
  });

  it('answers an empty period with no bars', () => {
    expect(shapePareto([], 15)).toEqual({ bars: [], total: 0, vitalFew: 0 });
  });

  it('keeps labels (customer and department names)', () => {
    expect(shapePareto([g('7', 2, '苏州恒达机械有限公司')], 15).bars[0]!.label).toBe('苏州恒达机械有限公司');
  });
});

describe('a Pareto bar as a link to the tracking table', () => {
  const result = {
    from: '2026-01-01',
    to: '2026-03-31',
    bars: [
      { key: 'electrical', label: 'electrical', value: 9, cumulativeBp: 6000 },
      { key: 'mechanical', label: 'mechanical', value: 4, cumulativeBp: 8667 },
      { key: '__other', label: '', value: 2, cumulativeBp: 10000 },
    ],
  };
  const none = { severities: [], classifications: [], productLine: null };
  const model = (hash: string | null) => {
    const m = filterFromHash(hash!);
    expect(filterModelSchema.safeParse(m).success).toBe(true);
    return m as Record<string, unknown>;
  };

  it('filters a category bar by the period and the category, exactly', () => {
    const l = casesLink({ ...result, dimension: 'defect_category' }, result.bars[0]!, { ...none, severities: ['major'] });
    expect(l.exact).toBe(true);
    expect(model(l.hash)).toEqual({
      receivedAt: { filterType: 'date', type: 'inRange', dateFrom: '2026-01-01 00:00:00', dateTo: '2026-03-31 00:00:00' },
      severity: { filterType: 'set', values: ['major'] },
      defectCategory: { filterType: 'set', values: ['electrical'] },
    });
  });

  it('the "other" category bar is every category not drawn on its own', () => {
    const l = casesLink({ ...result, dimension: 'defect_category' }, result.bars[2]!, none);
    const values = (model(l.hash).defectCategory as { values: string[] }).values;
    expect(values).not.toContain('electrical');
    expect(values).not.toContain('mechanical');
    expect(values).toContain('leakage');
  });

  it('customers by name, models by model', () => {
    const c = casesLink({ ...result, dimension: 'customer' }, { key: '7', label: '苏州恒达机械有限公司', value: 3, cumulativeBp: 10000 }, none);
    expect(model(c.hash).customerName).toEqual({ filterType: 'text', type: 'equals', filter: '苏州恒达机械有限公司' });
    const m = casesLink({ ...result, dimension: 'product_model' }, { key: 'SA-37A', label: 'SA-37A', value: 3, cumulativeBp: 10000 }, none);
    expect(model(m.hash).productModel).toEqual({ filterType: 'text', type: 'equals', filter: 'SA-37A' });
  });

  it('says when the table cannot show exactly the bar, and offers no list of cost lines', () => {
    for (const d of ['repair_type', 'responsible_department', 'return_reason'] as const) {
      const l = casesLink({ ...result, dimension: d }, result.bars[0]!, none);
      expect(l.exact).toBe(false);
      expect(l.notes).toContain(d);
      expect(l.hash).not.toBeNull();
    }
    expect(casesLink({ ...result, dimension: 'cost_type' }, result.bars[0]!, none)).toEqual({ hash: null, exact: false, notes: ['costs'] });
    expect(casesLink({ ...result, dimension: 'defect_category' }, result.bars[0]!, { ...none, productLine: 'SA' }).notes).toEqual(['product_line']);
  });

  it('hands a bar to the CAPA page as JSON', () => {
    const h = capaHash({ ...result, dimension: 'defect_category' }, result.bars[0]!, '电气');
    expect(h.startsWith('#/capa?new=')).toBe(true);
    expect(JSON.parse(decodeURIComponent(h.slice('#/capa?new='.length)))).toEqual({ dimension: 'defect_category', key: 'electrical', label: '电气', from: '2026-01-01', to: '2026-03-31' });
  });
});
