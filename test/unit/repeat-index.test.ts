import { describe, expect, it } from 'vitest';
import { detectRepeats, type ComplaintKey } from '../../src/main/rules/repeat';
import { createRepeatIndex } from '../../src/main/rules/repeat-index';

/**
 * The bulk repeat counter (the scheduler's first pass) must count exactly as detectRepeats does:
 * compared on random complaints with ties, same instants, blank serials, models typed in other case.
 */

function mulberry(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createRepeatIndex', () => {
  it.each([1, 2, 3])('agrees with detectRepeats on 600 random complaints (seed %i)', (seed) => {
    const r = mulberry(seed);
    const base = Date.parse('2026-06-01T00:00:00Z');
    const list: ComplaintKey[] = Array.from({ length: 600 }, (_, i) => ({
      id: i + 1,
      // Whole hours over 200 days, so that instants repeat.
      receivedAt: new Date(base + Math.floor(r() * 200 * 24) * 3600_000).toISOString(),
      customerId: 1 + Math.floor(r() * 6),
      productModel: ['SA-37A', 'sa-37a ', 'DR-20', ''][Math.floor(r() * 4)]!,
      serialNo: r() < 0.2 ? null : ['SA37A 001', 'sa37a001', 'DR20-9', ' '][Math.floor(r() * 4)]!,
    }));
    // Built in two parts, as the scheduler adds pages.
    const index = createRepeatIndex(list.slice(0, 250));
    index.add(list.slice(250));
    for (const windowDays of [7, 30, 90]) {
      for (const c of list) {
        const d = detectRepeats(c, list, { windowDays, minSameCustomer: 5, minSameModel: 3, minSameSerial: 2 }, 'Asia/Shanghai');
        expect(index.counts(c, windowDays, 'Asia/Shanghai'), `case ${c.id}, ${windowDays} days`).toEqual({
          sameCustomer: d.sameCustomer.count,
          sameModel: d.sameModel.count,
          sameSerial: d.sameSerial.count,
        });
      }
    }
  });

  it('counts a case not in the index as if it were new', () => {
    const index = createRepeatIndex([{ id: 1, receivedAt: '2026-11-01T00:00:00Z', customerId: 1, productModel: 'X', serialNo: 'S1' }]);
    expect(index.counts({ id: 9, receivedAt: '2026-11-02T00:00:00Z', customerId: 1, productModel: 'x', serialNo: 's1' }, 90, 'UTC')).toEqual({
      sameCustomer: 2,
      sameModel: 2,
      sameSerial: 2,
    });
    expect(index.counts({ id: 9, receivedAt: '2026-11-02T00:00:00Z', customerId: 2, productModel: 'Y', serialNo: null }, 90, 'UTC')).toEqual({
      sameCustomer: 1,
      sameModel: 1,
      sameSerial: 0,
    });
  });
});
