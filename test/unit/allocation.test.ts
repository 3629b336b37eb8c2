import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocateToBearers, parseTarget, targetOf, UNALLOCATED } from '../../src/main/rules/allocation';

/** Random share vectors (basis points, each ≥ 1) that sum to 10,000. */
const shares = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: n - 1, maxLength: n - 1 })
    .map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 10000];
      return points.slice(1).map((p, i) => p - points[i]!);
    }),
);
const amounts = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(0, 1, -1, 2, -2, 3, 9999, -10001),
);

describe('allocate (largest remainder)', () => {
  it('the parts always add up to the whole, to the fen', () => {
    fc.assert(
      fc.property(amounts, shares, (amount, bp) => {
        const parts = allocate(amount, bp);
        expect(parts).toHaveLength(bp.length);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
        for (const p of parts) expect(Number.isSafeInteger(p)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('each part is within one fen of its exact share', () => {
    fc.assert(
      fc.property(amounts, shares, (amount, bp) => {
        const parts = allocate(amount, bp);
        // Exact share = amount × bp / 10000; compare in BigInt: |part × 10000 − amount × bp| < 10000.
        parts.forEach((p, i) => {
          const diff = BigInt(p) * 10000n - BigInt(amount) * BigInt(bp[i]!);
          expect(diff < 0n ? -diff : diff).toBeLessThan(10000n);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('a reversal (the negated amount) nets every part to zero', () => {
    fc.assert(
      fc.property(amounts, shares, (amount, bp) => {
        const line = allocate(amount, bp);
        const reversal = allocate(-amount, bp);
        line.forEach((p, i) => expect(p + reversal[i]!).toBe(0));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits by the classic examples', () => {
    expect(allocate(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
    expect(allocate(1, [5000, 5000])).toEqual([1, 0]); // a tie goes to the earlier part
    expect(allocate(-1, [5000, 5000])).toEqual([-1, 0]);
    expect(allocate(10, [6667, 3333])).toEqual([7, 3]);
    expect(allocate(0, [2500, 7500])).toEqual([0, 0]);
    expect(Object.is(allocate(-1, [5000, 5000])[1], -0)).toBe(false);
  });

  it('refuses what cannot be split', () => {
    expect(() => allocate(1.5, [10000])).toThrow(RangeError);
    expect(() => allocate(1, [])).toThrow(RangeError);
    expect(() => allocate(1, [0, 0])).toThrow(RangeError);
    expect(() => allocate(1, [-1, 10001])).toThrow(RangeError);
  });
});

describe('allocateToBearers', () => {
  it('without a responsibility decision the whole amount is unallocated', () => {
    expect([...allocateToBearers(12345, [])]).toEqual([[UNALLOCATED, { amount: 12345, shareBp: 10000 }]]);
  });

  it('a department bears its share; a person named alone bears theirs; shares of one target merge', () => {
    const m = allocateToBearers(100_01, [
      { departmentId: 3, personName: null, shareBp: 5000 },
      { departmentId: null, personName: '李明', shareBp: 3000 },
      { departmentId: 3, personName: '张伟', shareBp: 2000 },
    ]);
    expect([...m]).toEqual([
      ['d:3', { amount: 70_01, shareBp: 7000 }],
      ['p:李明', { amount: 30_00, shareBp: 3000 }],
    ]);
  });

  it('targets round-trip', () => {
    for (const t of ['d:12', 'p:王 伟', UNALLOCATED]) expect(targetOf(parseTarget(t))).toBe(t);
  });
});
