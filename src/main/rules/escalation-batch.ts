import type { EscalationRule } from '../../shared/schemas/rules-escalation';
import { evaluateRulesSync, firingRuleIds, type Firing } from './escalation';
import type { EscalationFacts } from './escalation-facts';

/**
 * Evaluating every open case (the scheduler's minute tick, issue 4: 100,000 cases under 5 s) without
 * holding main's event loop for more than a slice at a time: while main computes, it answers no IPC,
 * so the window waits. Work runs in slices of `sliceMs` (default 10 ms) and yields between them: a
 * garbage collection landing in a slice can add a few tens of ms, and the issue allows 50 ms. Pure apart from the clock it reads and the pause it awaits; the caller
 * supplies the facts (the store reads them in pages) and applies the firings.
 */

export interface BatchOptions {
  /** Longest stretch of work before yielding, in ms. */
  sliceMs?: number;
  /** How to give the event loop back; default `setImmediate` (lets pending IPC and timers run). */
  pause?: () => Promise<void>;
  /** Clock for the slice budget; default `performance.now`. */
  now?: () => number;
  /**
   * The firings recorded on the case. When given, a case whose `diffEscalation` would be empty is
   * skipped after a cheap check of which rules hold (about 1 µs a case, no reasons built): on a
   * quiet minute that is nearly every case.
   */
  recorded?: (facts: EscalationFacts) => readonly Firing[] | undefined;
}

export interface BatchStats {
  cases: number;
  /** Cases handed to `onCase` (all of them without `recorded`). */
  changed: number;
  slices: number;
  /** Longest slice measured, ms: what the window could have waited at worst. */
  longestSliceMs: number;
  totalMs: number;
}

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `onCase` with each case's firings, in input order (skipping unchanged ones when
 * `recorded` is given); the caller applies `diffEscalation`. Returns how the work was sliced.
 */
export async function evaluateInSlices(
  rules: readonly EscalationRule[],
  cases: Iterable<EscalationFacts>,
  onCase: (facts: EscalationFacts, firings: Firing[]) => void,
  { sliceMs = 10, pause = immediate, now = () => performance.now(), recorded }: BatchOptions = {},
): Promise<BatchStats> {
  const start = now();
  const stats: BatchStats = { cases: 0, changed: 0, slices: 0, longestSliceMs: 0, totalMs: 0 };
  let sliceStart = start;
  for (const facts of cases) {
    const rec = recorded?.(facts);
    if (!rec || !isQuiet(rules, rec, firingRuleIds(rules, facts))) {
      onCase(facts, evaluateRulesSync(rules, facts));
      stats.changed++;
    }
    stats.cases++;
    // Reading the clock costs about as much as evaluating a case: look every 64 cases.
    if ((stats.cases & 63) === 0) {
      const t = now();
      if (t - sliceStart >= sliceMs) {
        stats.slices++;
        stats.longestSliceMs = Math.max(stats.longestSliceMs, t - sliceStart);
        await pause();
        sliceStart = now();
      }
    }
  }
  const end = now();
  stats.slices++;
  stats.longestSliceMs = Math.max(stats.longestSliceMs, end - sliceStart);
  stats.totalMs = end - start;
  return stats;
}

const enabledById = new WeakMap<readonly EscalationRule[], Map<string, EscalationRule>>();

/**
 * True when `diffEscalation(recorded, evaluateRulesSync(rules, facts))` would change nothing, given
 * only the ids of the rules that hold: none new, none lifted, none under another version or level.
 */
export function isQuiet(rules: readonly EscalationRule[], recorded: readonly Firing[], holding: readonly string[]): boolean {
  let byId = enabledById.get(rules);
  if (!byId) enabledById.set(rules, (byId = new Map(rules.filter((r) => r.enabled).map((r) => [r.id, r]))));
  for (const id of holding) {
    const f = recorded.find((x) => x.ruleId === id);
    const rule = byId.get(id)!;
    if (!f || f.ruleVersion !== rule.version || f.level !== rule.level) return false;
  }
  return recorded.every((f) => !f.deescalate || holding.includes(f.ruleId));
}
