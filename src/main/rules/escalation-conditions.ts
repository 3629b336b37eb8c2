import type { Condition, ConditionLeaf, ConditionOperator, ConditionScalar } from '../../shared/schemas/rules-escalation';
import { readPath } from './escalation-facts';

/**
 * The condition JSON's meaning, defined once. json-rules-engine gets these same operator functions
 * (registered over its defaults, escalation-engine.ts), and `compileCondition` turns the same JSON
 * into a plain synchronous predicate for the bulk paths (scheduler, dry run): both must agree, and
 * test/unit/escalation.test.ts checks that they do on random cases.
 */

type Evaluator = (fact: unknown, value: ConditionScalar | ConditionScalar[]) => boolean;
interface OperatorDef {
  evaluate: Evaluator;
  /** json-rules-engine's fact-value validator: a failing one makes the condition false. */
  accepts?: (fact: unknown) => boolean;
}

// json-rules-engine's own number check, kept so that null/undefined compare as "does not hold".
const isNumeric = (v: unknown) => Number.parseFloat(v as string).toString() !== 'NaN';
const num = (f: Evaluator): OperatorDef => ({ evaluate: f, accepts: isNumeric });
const list = (v: ConditionScalar | ConditionScalar[]) => (Array.isArray(v) ? v : [v]);

export const OPERATORS: Record<ConditionOperator, OperatorDef> = {
  equal: { evaluate: (a, b) => a === b },
  notEqual: { evaluate: (a, b) => a !== b },
  in: { evaluate: (a, b) => list(b).indexOf(a as ConditionScalar) > -1 },
  notIn: { evaluate: (a, b) => list(b).indexOf(a as ConditionScalar) === -1 },
  lessThan: num((a, b) => (a as number) < (b as number)),
  lessThanInclusive: num((a, b) => (a as number) <= (b as number)),
  greaterThan: num((a, b) => (a as number) > (b as number)),
  greaterThanInclusive: num((a, b) => (a as number) >= (b as number)),
  // Reads as "SLA at 83 % (≥ 80 %)" in reasons; a null percentage (clock not applicable) never holds.
  percentAtLeast: { evaluate: (a, b) => (a as number) >= (b as number), accepts: (a) => typeof a === 'number' && Number.isFinite(a) },
  // Product families share a model prefix (SA37…); case-insensitive because models are typed by hand.
  startsWith: {
    evaluate: (a, b) => typeof b === 'string' && (a as string).toUpperCase().startsWith(b.toUpperCase()),
    accepts: (a) => typeof a === 'string',
  },
};

export function holds(op: ConditionOperator, fact: unknown, value: ConditionScalar | ConditionScalar[]): boolean {
  const d = OPERATORS[op];
  return (d.accepts ? d.accepts(fact) : true) && d.evaluate(fact, value);
}

/** A leaf that held, with the value it read: the material of the reason sentence. */
export interface MatchedLeaf {
  leaf: ConditionLeaf;
  factValue: unknown;
}

/**
 * Returns true when the condition holds; pushes the leaves that made it hold into `out`, in
 * document order: every leaf of a true `all`, the true branches of an `any`, nothing under `not`
 * (a leaf that failed is no reason). With `out` null an `any` stops at its first true branch.
 */
export type CompiledCondition = (facts: object, out: MatchedLeaf[] | null) => boolean;

export function compileCondition(c: Condition): CompiledCondition {
  if ('all' in c) {
    const parts = c.all.map(compileCondition);
    return (facts, out) => {
      const mark = out?.length ?? 0;
      for (const p of parts) {
        if (!p(facts, out)) {
          if (out) out.length = mark;
          return false;
        }
      }
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compileCondition);
    return (facts, out) => {
      let ok = false;
      for (const p of parts) {
        const mark = out?.length ?? 0;
        if (p(facts, out)) {
          ok = true;
          if (!out) return true;
        } else if (out) out.length = mark;
      }
      return ok;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (facts) => !inner(facts, null);
  }
  const leaf = c;
  const segments = [leaf.fact, ...(leaf.path ? leaf.path.replace(/^\$\./, '').split('.') : [])];
  const d = OPERATORS[leaf.operator];
  const accepts = d.accepts ?? (() => true);
  return (facts, out) => {
    const v = readPath(facts, segments);
    const ok = accepts(v) && d.evaluate(v, leaf.value);
    if (ok && out) out.push({ leaf, factValue: v });
    return ok;
  };
}

/** The condition-result tree json-rules-engine hands back (RuleResult.conditions), as far as we read it. */
interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  fact?: string;
  path?: string;
  operator?: string;
  value?: ConditionScalar | ConditionScalar[];
  result?: boolean;
  factResult?: unknown;
}

/**
 * The same leaves as `compileCondition` collects, read from json-rules-engine's result tree. The
 * top group carries no `result` of its own (the engine evaluates its children directly), so the
 * caller states that it held.
 */
export function matchedLeaves(node: ResultNode, held: boolean, out: MatchedLeaf[] = []): MatchedLeaf[] {
  if (!held) return out;
  const kids = node.all ?? node.any;
  if (kids) {
    for (const k of kids) matchedLeaves(k, k.result === true, out);
  } else if (!node.not && node.fact !== undefined) {
    const leaf: ConditionLeaf = {
      fact: node.fact,
      ...(node.path ? { path: node.path } : {}),
      operator: node.operator as ConditionOperator,
      value: node.value ?? null,
    };
    out.push({ leaf, factValue: node.factResult });
  }
  return out;
}
