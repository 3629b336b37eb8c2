/**
 * Splitting an amount of money by shares so that the parts add up to the whole, to the fen
 * (DESIGN.md "allocations by largest remainder"; issue 6: Finance amortises an approved cost to
 * the responsible departments and people by the shares of the responsibility decision).
 *
 * Largest remainder (Hamilton): every part gets the floor of its exact share, and the fen left over
 * go one each to the parts with the largest fractions (ties: the earlier part). A negative amount
 * (a reversal, a negative difference line) is split as its absolute value and negated, so that a
 * reversal is the exact mirror of the line it reverses and nets every part to zero.
 *
 * Pure: integers in, integers out. Products beyond 2^53 are computed with BigInt.
 */

/** Splits `amount` (integer) by the non-negative integer `weights` (basis points, or any scale). */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  if (!weights.length) throw new RangeError('nothing to allocate to');
  for (const w of weights) if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers, got ${w}`);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) throw new RangeError('the weights must not all be zero');
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount);
  const parts = Number.isSafeInteger(abs * total) ? splitNumber(abs, weights, total) : splitBig(abs, weights, total);
  // `0 * -1` is -0: keep zeros plain so that comparisons and JSON stay boring.
  return sign < 0 ? parts.map((p) => (p === 0 ? 0 : -p)) : parts;
}

function splitNumber(abs: number, weights: readonly number[], total: number): number[] {
  const floors = weights.map((w) => Math.floor((abs * w) / total));
  const rems = weights.map((w) => (abs * w) % total);
  return distribute(abs, floors, (a, b) => rems[b]! - rems[a]!);
}

function splitBig(abs: number, weights: readonly number[], total: number): number[] {
  const A = BigInt(abs);
  const T = BigInt(total);
  const floors = weights.map((w) => Number((A * BigInt(w)) / T));
  const rems = weights.map((w) => (A * BigInt(w)) % T);
  return distribute(abs, floors, (a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : 0));
}

/** Adds the fen the floors leave over, one each, to the parts with the largest remainders. */
function distribute(abs: number, floors: number[], byRemainderDesc: (a: number, b: number) => number): number[] {
  let left = abs - floors.reduce((s, p) => s + p, 0);
  const order = floors.map((_, i) => i).sort((a, b) => byRemainderDesc(a, b) || a - b);
  const out = [...floors];
  for (const i of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

/** A responsibility as the amortisation sees it: who bears a share. */
export interface Bearer {
  departmentId: number | null;
  personName: string | null;
  shareBp: number;
}

/** Amortisation target of a bearer: `d:<department id>`, `p:<person name>`, or `unallocated`. */
export type Target = string;
export const UNALLOCATED: Target = 'unallocated';

/** A department bears the share when one is named (the person is then only a note); else the person. */
export function targetOf(b: { departmentId: number | null; personName: string | null }): Target {
  if (b.departmentId !== null) return `d:${b.departmentId}`;
  if (b.personName !== null) return `p:${b.personName}`;
  return UNALLOCATED;
}

export function parseTarget(t: Target): { departmentId: number | null; personName: string | null } {
  if (t.startsWith('d:')) return { departmentId: Number(t.slice(2)), personName: null };
  if (t.startsWith('p:')) return { departmentId: null, personName: t.slice(2) };
  return { departmentId: null, personName: null };
}

/**
 * What each target should bear of `amount`: the bearers' shares merged per target (two lines for
 * the same department add up), split by largest remainder. No bearers (no responsibility decision
 * yet): the whole amount is `unallocated`. Targets in the order they first appear.
 */
export function allocateToBearers(amount: number, bearers: readonly Bearer[]): Map<Target, { amount: number; shareBp: number }> {
  const shares = new Map<Target, number>();
  for (const b of bearers) if (b.shareBp > 0) shares.set(targetOf(b), (shares.get(targetOf(b)) ?? 0) + b.shareBp);
  if (!shares.size) return new Map([[UNALLOCATED, { amount, shareBp: 10000 }]]);
  const keys = [...shares.keys()];
  const parts = allocate(amount, keys.map((k) => shares.get(k)!));
  return new Map(keys.map((k, i) => [k, { amount: parts[i]!, shareBp: shares.get(k)! }]));
}
