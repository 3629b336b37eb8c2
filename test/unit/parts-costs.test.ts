import { describe, expect, it } from 'vitest';
import { wantedCosts } from '../../src/main/services/parts-case';

/** What a part line on a case costs: its cost lines are written from this (issue 5 → issue 6). */

const line = { quantity: 3, unit_cost: 4_550, cancelled_at: null, part_no: 'BRG-6205', name: '轴承 深沟球 6205-2RS' };

describe('the cost of a part line', () => {
  it.each(['sent', 'used', 'refunded'] as const)('%s: spare parts, quantity × unit cost, paid by the company', (usage) => {
    expect(wantedCosts({ ...line, usage }, '2026-11-25')).toEqual([
      { costType: 'spare_parts', incurredOn: '2026-11-25', amount: 13_650, payer: 'company', description: 'BRG-6205 轴承 深沟球 6205-2RS × 3' },
    ]);
  });
  it('repaired: no automatic cost (the customer’s own part; the repair is its own line)', () => {
    expect(wantedCosts({ ...line, usage: 'repaired' }, '2026-11-25')).toEqual([]);
  });
  it('cancelled: none', () => {
    expect(wantedCosts({ ...line, usage: 'used', cancelled_at: '2026-11-25T01:00:00.000Z' }, '2026-11-25')).toEqual([]);
  });
});
