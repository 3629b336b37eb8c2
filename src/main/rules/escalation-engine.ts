import { Engine, Operator, type TopLevelConditionResult } from 'json-rules-engine';
import type { EscalationRule } from '../../shared/schemas/rules-escalation';
import { compileCondition, matchedLeaves, OPERATORS, type CompiledCondition, type MatchedLeaf } from './escalation-conditions';
import { resolvePath, type EscalationFacts } from './escalation-facts';

/**
 * Two evaluators over the same condition JSON, both built once per rule set and cached by the
 * identity of the rules array (the store hands out a new array when a rule is saved):
 *
 * - `engineMatches`: json-rules-engine, as DESIGN.md names it; asynchronous per run.
 * - `compiledMatches`: the JSON compiled to plain functions; synchronous, for bulk work.
 *
 * Both return, per enabled rule that holds, the leaves that made it hold, in rule order.
 */

export interface RuleMatch {
  rule: EscalationRule;
  matched: MatchedLeaf[];
}

interface EngineEntry {
  engine: Engine;
  byId: Map<string, { rule: EscalationRule; index: number }>;
  /** Runs one after another: see `engineMatches`. */
  tail: Promise<unknown>;
}

const engines = new WeakMap<readonly EscalationRule[], EngineEntry>();

function engineFor(rules: readonly EscalationRule[]): EngineEntry {
  let entry = engines.get(rules);
  if (entry) return entry;
  // allowUndefinedFacts: a fact the store left out reads as undefined (the condition fails) rather
  // than rejecting the whole run; the simple path resolver replaces JSONPath, which we do not need.
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  for (const [name, d] of Object.entries(OPERATORS)) engine.addOperator(new Operator(name, d.evaluate, d.accepts));
  const byId = new Map<string, { rule: EscalationRule; index: number }>();
  rules.forEach((rule, index) => {
    if (!rule.enabled) return;
    byId.set(rule.id, { rule, index });
    // No priorities: every rule runs in one parallel set, and every leaf of a group is evaluated,
    // so the result tree names all leaves that held (the compiled evaluator does the same).
    engine.addRule({ name: rule.id, conditions: rule.conditions, event: { type: 'escalation', params: { ruleId: rule.id } } });
  });
  entry = { engine, byId, tail: Promise.resolve() };
  engines.set(rules, entry);
  return entry;
}

/**
 * json-rules-engine keeps a run status on the engine: a run that finishes marks it FINISHED, and a
 * run on the same engine that has not yet started its rules skips them, silently returning no
 * events. Reusing one engine therefore means running one case at a time, which the queue ensures.
 */
export function engineMatches(rules: readonly EscalationRule[], facts: EscalationFacts): Promise<RuleMatch[]> {
  const entry = engineFor(rules);
  const run = entry.tail.then(() => entry.engine.run(facts));
  entry.tail = run.catch(() => undefined);
  return run.then(({ results }) =>
    results
      .map((r) => ({ hit: entry.byId.get(r.name)!, tree: r.conditions }))
      .sort((a, b) => a.hit.index - b.hit.index)
      .map(({ hit, tree }) => ({ rule: hit.rule, matched: matchedLeaves(tree as ResultTree, true) })),
  );
}
type ResultTree = Parameters<typeof matchedLeaves>[0] & TopLevelConditionResult;

const compiled = new WeakMap<readonly EscalationRule[], Array<{ rule: EscalationRule; test: CompiledCondition }>>();

export function compiledRules(rules: readonly EscalationRule[]) {
  let c = compiled.get(rules);
  if (!c) {
    c = rules.filter((r) => r.enabled).map((rule) => ({ rule, test: compileCondition(rule.conditions) }));
    compiled.set(rules, c);
  }
  return c;
}

export function compiledMatches(rules: readonly EscalationRule[], facts: EscalationFacts): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const { rule, test } of compiledRules(rules)) {
    const matched: MatchedLeaf[] = [];
    if (test(facts, matched)) out.push({ rule, matched });
  }
  return out;
}

/** Only which rules hold, without reasons: the cheap first pass of the scheduler. */
export function compiledRuleIds(rules: readonly EscalationRule[], facts: EscalationFacts): string[] {
  const out: string[] = [];
  for (const { rule, test } of compiledRules(rules)) if (test(facts, null)) out.push(rule.id);
  return out;
}
