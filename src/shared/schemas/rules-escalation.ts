import { z } from 'zod';
import { CLASSIFICATIONS, COMPLAINT_STATES, DEFECT_CATEGORIES, ROLES, SEVERITIES } from '../domain';
import type { FieldIssue } from '../errors';
import { optionalText, text } from './common';

/**
 * Rule data the office edits in Settings (issue 4): escalation rules and routing rules. Their
 * conditions are json-rules-engine condition JSON (`{all|any|not}` of `{fact, operator, value,
 * path?}`), validated here against a closed list of facts, operators and value types so that a rule
 * the engine would misread — or silently always fire on, like an empty `all: []` — is refused with
 * the path and an i18n code (`params.code`, as in common.ts) before it replaces the version in use.
 *
 * Shared because the Settings form offers the same facts, operators and values it is checked against.
 */

// -------------------------------------------------------------------------------------- vocabulary

/**
 * Escalation levels, lowest first (seed 000: "when management should intervene before customer
 * dissatisfaction turns into a wider commercial problem"). The order decides which level wins.
 */
export const ESCALATION_LEVELS = ['sales_manager', 'branch_manager', 'department_heads', 'chairman'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * States of one SLA clock as the escalation facts carry them; the SLA module's own states map onto
 * these. `breached` means the target passed, whether the clock still runs or stopped late.
 */
export const SLA_CLOCK_STATES = ['not_applicable', 'running', 'paused', 'met', 'breached'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];
export const SLA_CLOCKS = ['response', 'onsite', 'resolution'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** What a condition compares: number-like kinds differ only in the values they accept and how reasons read. */
export type FieldKind = 'number' | 'percent' | 'count' | 'money' | 'boolean' | 'enum' | 'text';
interface FieldSpec {
  kind: FieldKind;
  values?: readonly string[];
  nullable?: boolean;
}

const slaFields = <C extends SlaClock>(c: C) =>
  ({
    [`sla.${c}.percentUsed`]: { kind: 'percent', nullable: true },
    [`sla.${c}.state`]: { kind: 'enum', values: SLA_CLOCK_STATES },
  }) as Record<`sla.${C}.percentUsed` | `sla.${C}.state`, FieldSpec>;

/**
 * Every value a condition may read, keyed `fact` or `fact.path` (the fact `sla` with path
 * `$.resolution.percentUsed` is the field `sla.resolution.percentUsed`). Closed on purpose: a typo
 * in a fact name would otherwise make json-rules-engine fail at run time, or never fire.
 */
export const CONDITION_FIELDS = {
  severity: { kind: 'enum', values: SEVERITIES },
  classification: { kind: 'enum', values: CLASSIFICATIONS, nullable: true },
  state: { kind: 'enum', values: COMPLAINT_STATES },
  ageBusinessHours: { kind: 'number' },
  ...slaFields('response'),
  ...slaFields('onsite'),
  ...slaFields('resolution'),
  'repeat.sameCustomer': { kind: 'count' },
  'repeat.sameModel': { kind: 'count' },
  'repeat.sameSerial': { kind: 'count' },
  estimatedCost: { kind: 'money' },
  customerPressure: { kind: 'boolean' },
  disputeOpen: { kind: 'boolean' },
  escalated: { kind: 'boolean' },
  technicalQuestion: { kind: 'boolean' },
  overdueCapaActions: { kind: 'count' },
  defectCategory: { kind: 'enum', values: DEFECT_CATEGORIES },
  productModel: { kind: 'text' },
  customerTier: { kind: 'text', nullable: true },
} satisfies Record<string, FieldSpec>;
export type ConditionField = keyof typeof CONDITION_FIELDS;
export const fieldSpec = (f: ConditionField): FieldSpec => CONDITION_FIELDS[f];

/** Routing is decided at registration, before SLA clocks or repeat counts mean anything. */
export const ROUTING_FIELDS = [
  'classification',
  'defectCategory',
  'technicalQuestion',
  'severity',
  'productModel',
  'customerTier',
] as const satisfies readonly ConditionField[];

const NUMERIC_OPS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'] as const;
/** json-rules-engine's operators we allow, plus our own `percentAtLeast` and `startsWith`. */
export const CONDITION_OPERATORS = [...NUMERIC_OPS, 'percentAtLeast', 'startsWith'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
export const OPERATORS_BY_KIND: Record<FieldKind, readonly ConditionOperator[]> = {
  number: NUMERIC_OPS,
  count: NUMERIC_OPS,
  money: NUMERIC_OPS,
  percent: [...NUMERIC_OPS, 'percentAtLeast'],
  boolean: ['equal', 'notEqual'],
  enum: ['equal', 'notEqual', 'in', 'notIn'],
  text: ['equal', 'notEqual', 'in', 'notIn', 'startsWith'],
};

// ------------------------------------------------------------------------------------- conditions

export type ConditionScalar = string | number | boolean | null;
export interface ConditionLeaf {
  fact: string;
  /** `$.a.b` into an object fact (sla, repeat); absent for the others. */
  path?: string;
  operator: ConditionOperator;
  value: ConditionScalar | ConditionScalar[];
}
export type ConditionGroup = { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type Condition = ConditionLeaf | ConditionGroup;

/** Nesting and width limits: a rule the office can still read in the form editor. */
export const CONDITION_LIMITS = { depth: 6, children: 30, listValues: 50, text: 100 } as const;

/** The field a leaf reads, e.g. `sla.resolution.percentUsed`. */
export const fieldOf = (leaf: Pick<ConditionLeaf, 'fact' | 'path'>): string =>
  leaf.path ? `${leaf.fact}.${leaf.path.replace(/^\$\./, '')}` : leaf.fact;

type Issue = Omit<FieldIssue, 'path'> & { path: (string | number)[] };
type Path = (string | number)[];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

const ORDERING: readonly ConditionOperator[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'percentAtLeast', 'startsWith'];

function checkScalar(spec: FieldSpec, field: string, v: unknown, op: ConditionOperator): string | null {
  // "is not applicable" is a question of equality; `83 >= null` would hold in JavaScript.
  const nullOk = spec.nullable && v === null && !ORDERING.includes(op);
  switch (spec.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? null : `${field} takes true or false`;
    case 'enum':
      return nullOk || spec.values!.includes(v as string) ? null : `${field} takes one of ${spec.values!.join(', ')}`;
    case 'text':
      return nullOk || (typeof v === 'string' && v.length <= CONDITION_LIMITS.text) ? null : `${field} takes a text of at most ${CONDITION_LIMITS.text} characters`;
    case 'count':
      return Number.isInteger(v) && (v as number) >= 0 ? null : `${field} takes a whole number ≥ 0`;
    case 'money':
      return Number.isInteger(v) && (v as number) >= 0 ? null : `${field} takes an amount in whole fen ≥ 0 (¥10,000 = 1000000)`;
    case 'percent':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : `${field} takes a percentage ≥ 0 (80 for 80 %)`;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : `${field} takes a number`;
  }
}

function parseLeaf(c: Record<string, unknown>, path: Path, fields: ReadonlySet<string>, issues: Issue[]): ConditionLeaf | null {
  const bad = (at: Path, code: string, message: string, params?: Record<string, string | number>) => {
    issues.push({ path: at, code, message, ...(params ? { params } : {}) });
    return null;
  };
  const extra = Object.keys(c).filter((k) => !['fact', 'path', 'operator', 'value'].includes(k));
  if (extra.length) return bad([...path, extra[0]!], 'rule_unknown_key', `unknown key "${extra[0]}" in a condition (expected fact, path, operator, value)`, { key: extra[0]! });
  const { fact, operator, value } = c;
  const facts = [...new Set([...fields].map((f) => f.split('.')[0]!))];
  if (typeof fact !== 'string' || !facts.includes(fact)) {
    return bad([...path, 'fact'], 'rule_unknown_fact', `unknown fact ${show(fact)}; known facts: ${facts.join(', ')}`, { fact: String(fact), allowed: facts.join(', ') });
  }
  const paths = [...fields].filter((f) => f.startsWith(`${fact}.`)).map((f) => `$.${f.slice(fact.length + 1)}`);
  let leafPath: string | undefined;
  if (paths.length) {
    const raw = c.path;
    const norm = typeof raw === 'string' ? (raw.startsWith('$.') ? raw : `$.${raw}`) : raw;
    if (typeof norm !== 'string' || !paths.includes(norm)) {
      return bad([...path, 'path'], 'rule_unknown_path', `fact "${fact}" needs a path, one of ${paths.join(', ')}${raw === undefined ? '' : `; got ${show(raw)}`}`, { fact, allowed: paths.join(', ') });
    }
    leafPath = norm;
  } else if (c.path !== undefined) {
    return bad([...path, 'path'], 'rule_path_not_allowed', `fact "${fact}" is a single value and takes no path`, { fact });
  }
  const field = fieldOf({ fact, path: leafPath }) as ConditionField;
  const spec = fieldSpec(field);
  if (typeof operator !== 'string' || !(CONDITION_OPERATORS as readonly string[]).includes(operator)) {
    return bad([...path, 'operator'], 'rule_unknown_operator', `unknown operator ${show(operator)}; known operators: ${CONDITION_OPERATORS.join(', ')}`, { operator: String(operator), allowed: CONDITION_OPERATORS.join(', ') });
  }
  const op = operator as ConditionOperator;
  const ops = OPERATORS_BY_KIND[spec.kind];
  if (!ops.includes(op)) {
    return bad([...path, 'operator'], 'rule_operator_not_for_fact', `operator "${op}" does not apply to ${field}; use one of ${ops.join(', ')}`, { operator: op, field, allowed: ops.join(', ') });
  }
  if (!('value' in c)) return bad([...path, 'value'], 'rule_value_missing', `the condition on ${field} has no value`, { field });
  if (isRecord(value) && 'fact' in value) {
    return bad([...path, 'value'], 'rule_fact_reference', `compare ${field} with a fixed value, not with another fact`, { field });
  }
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value) || value.length === 0 || value.length > CONDITION_LIMITS.listValues) {
      return bad([...path, 'value'], 'rule_value_type', `operator "${op}" on ${field} takes a list of 1 to ${CONDITION_LIMITS.listValues} values`, { field, operator: op, expected: 'list' });
    }
    for (const [i, v] of value.entries()) {
      const msg = checkScalar(spec, field, v, op);
      if (msg) return bad([...path, 'value', i], 'rule_value_type', `${msg}; got ${show(v)}`, { field, operator: op, expected: spec.kind });
    }
    return { fact, ...(leafPath ? { path: leafPath } : {}), operator: op, value: value as ConditionScalar[] };
  }
  const msg = op === 'startsWith' && (typeof value !== 'string' || value === '') ? `${field} startsWith takes a non-empty text` : checkScalar(spec, field, value, op);
  if (msg || Array.isArray(value)) {
    return bad([...path, 'value'], 'rule_value_type', `${msg ?? `operator "${op}" takes a single value`}; got ${show(value)}`, { field, operator: op, expected: spec.kind });
  }
  return { fact, ...(leafPath ? { path: leafPath } : {}), operator: op, value: value as ConditionScalar };
}

const GROUPS = ['all', 'any', 'not'] as const;

/**
 * Checks one condition and returns it in canonical form (paths as `$.x`), or null with the issues
 * pushed. Hand-written rather than a zod union so that each refusal names its exact path.
 */
export function parseCondition(input: unknown, path: Path, fields: ReadonlySet<string>, issues: Issue[], depth = 0): Condition | null {
  const bad = (at: Path, code: string, message: string, params?: Record<string, string | number>) => {
    issues.push({ path: at, code, message, ...(params ? { params } : {}) });
    return null;
  };
  if (!isRecord(input)) return bad(path, 'rule_condition_shape', 'a condition is an object: {all|any|not: …} or {fact, operator, value}');
  const groups = GROUPS.filter((g) => g in input);
  if (groups.length === 0) {
    if (depth === 0) return bad(path, 'rule_top_level_group', 'the conditions start with all, any or not');
    if ('condition' in input) return bad(path, 'rule_condition_reference', 'named condition references are not supported');
    return parseLeaf(input, path, fields, issues);
  }
  const g = groups[0]!;
  const extra = Object.keys(input).filter((k) => k !== g);
  if (extra.length) return bad([...path, extra[0]!], 'rule_unknown_key', `a group holds only "${g}"; unexpected key "${extra[0]}"`, { key: extra[0]! });
  if (depth >= CONDITION_LIMITS.depth) return bad(path, 'rule_too_deep', `conditions nest at most ${CONDITION_LIMITS.depth} levels`, { max: CONDITION_LIMITS.depth });
  const inner = input[g];
  if (g === 'not') {
    if (Array.isArray(inner)) return bad([...path, 'not'], 'rule_not_single', '"not" takes one condition, not a list');
    const c = parseCondition(inner, [...path, 'not'], fields, issues, depth + 1);
    return c && { not: c };
  }
  // json-rules-engine treats an empty all[] or any[] as true: the rule would fire on every case.
  if (!Array.isArray(inner) || inner.length === 0) {
    return bad([...path, g], 'rule_empty_group', `"${g}" takes a non-empty list of conditions`, { group: g });
  }
  if (inner.length > CONDITION_LIMITS.children) {
    return bad([...path, g], 'rule_too_many', `"${g}" takes at most ${CONDITION_LIMITS.children} conditions`, { max: CONDITION_LIMITS.children });
  }
  const parsed = inner.map((c, i) => parseCondition(c, [...path, g, i], fields, issues, depth + 1));
  if (parsed.some((c) => c === null)) return null;
  return g === 'all' ? { all: parsed as Condition[] } : { any: parsed as Condition[] };
}

const conditionsFor = (fields: readonly string[]) => {
  const set = new Set(fields);
  return z.unknown().transform((v, ctx): ConditionGroup => {
    const issues: Issue[] = [];
    const c = parseCondition(v, [], set, issues);
    for (const i of issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message, params: { code: i.code, ...i.params } });
    return c && !issues.length ? (c as ConditionGroup) : z.NEVER;
  });
};
export const escalationConditionsSchema = conditionsFor(Object.keys(CONDITION_FIELDS));
export const routingConditionsSchema = conditionsFor(ROUTING_FIELDS);

// ------------------------------------------------------------------------------------------ rules

/** A stable id across versions, e.g. `sla-80`; the store's row id is its own business. */
export const ruleId = z
  .string()
  .refine((s) => /^[a-z0-9][a-z0-9_-]{0,63}$/.test(s), { params: { code: 'rule_id' }, message: 'lower-case letters, digits, - and _, at most 64' });
const roles = z.array(z.enum(ROLES)).max(ROLES.length).transform((r) => ROLES.filter((x) => r.includes(x)));

export const escalationActionsSchema = z
  .object({
    raisePriority: z.boolean().default(false),
    /** Roles told in the app's notification list. */
    notify: roles,
    email: z.boolean().default(false),
    requireChairman: z.boolean().default(false),
    managementReview: z.boolean().default(false),
  })
  .strict();
export type EscalationActions = z.output<typeof escalationActionsSchema>;

const ruleBase = {
  id: ruleId,
  name: text(200),
  description: optionalText(2000),
  enabled: z.boolean(),
  /** Bumped on each save that changes something; a firing records the version that fired. */
  version: z.number().int().positive(),
};

export const escalationRuleSchema = z
  .object({
    ...ruleBase,
    level: z.enum(ESCALATION_LEVELS),
    conditions: escalationConditionsSchema,
    actions: escalationActionsSchema,
    /** When the condition no longer holds, the escalation is lifted; otherwise it stays until closed by hand. */
    deescalate: z.boolean(),
  })
  .strict();
export type EscalationRule = z.output<typeof escalationRuleSchema>;
/**
 * What Settings sends on save. The version, when given, is the one the editor started from (a
 * stale editor is refused); the store assigns the next one.
 */
export const escalationRuleDraftSchema = escalationRuleSchema.extend({ version: ruleBase.version.optional() });
export type EscalationRuleDraft = z.input<typeof escalationRuleDraftSchema>;

export const routingRuleSchema = z
  .object({
    ...ruleBase,
    conditions: routingConditionsSchema,
    /** The team that owns the case; null when the rule only adds people to notify. */
    assignTo: z.enum(ROLES).nullable(),
    notify: roles,
  })
  .strict();
export type RoutingRule = z.output<typeof routingRuleSchema>;
export const routingRuleDraftSchema = routingRuleSchema.extend({ version: ruleBase.version.optional() });

/** What makes a complaint a repeat (issue 4): N times in D days, per key. */
export const repeatSettingsSchema = z
  .object({
    windowDays: z.number().int().min(1).max(3650),
    minSameCustomer: z.number().int().min(2).max(1000),
    minSameModel: z.number().int().min(2).max(1000),
    minSameSerial: z.number().int().min(2).max(1000),
  })
  .strict();
export type RepeatSettings = z.output<typeof repeatSettingsSchema>;

/** A sentence saying why, as i18n code + params under `escalation.reason.`, with an English fallback. */
export interface RuleReason {
  code: string;
  params: Record<string, string | number>;
  message: string;
}

// ------------------------------------------------------------------------------ raw JSON editor

export type RuleParse<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** zod issues as FieldIssues (dotted paths, `params.code`), for callers outside the api dispatcher. */
export function ruleIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const { code, ...params } = (i.code === 'custom' ? i.params : {}) as Record<string, string | number>;
    const path = i.path.map(String).join('.');
    return { path, code: typeof code === 'string' ? code : `rule_${i.code}`, message: `${path || 'rule'}: ${i.message}`, ...(Object.keys(params).length ? { params } : {}) };
  });
}

/** Validates a rule from the raw JSON editor: non-JSON text is refused like any other mistake. */
export function parseRuleJson<S extends z.ZodType>(schema: S, source: string): RuleParse<z.output<S>> {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, issues: [{ path: '', code: 'rule_json_syntax', params: { detail }, message: `not valid JSON: ${detail}` }] };
  }
  const r = schema.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: ruleIssues(r.error) };
}
