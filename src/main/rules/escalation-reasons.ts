import type { ConditionLeaf, ConditionScalar, RuleReason } from '../../shared/schemas/rules-escalation';
import { fieldOf } from '../../shared/schemas/rules-escalation';
import type { MatchedLeaf } from './escalation-conditions';
import type { EscalationFacts } from './escalation-facts';

/** What sentences name besides the leaf: routing passes fewer facts than escalation. */
export type ReasonContext = Partial<Pick<EscalationFacts, 'serialNo' | 'customerName' | 'productModel'>> & {
  repeat?: { windowDays: number };
};

/**
 * The sentence recorded with each firing (DESIGN.md: "each firing is recorded with the rule, its
 * version and a sentence saying why"), built from the leaves that held: what the case shows against
 * what the rule asks, e.g. "SLA resolution at 83 % (≥ 80 %)". Codes live under
 * `escalation.reason.<code>` in the i18n catalogues; `message` is the English fallback.
 */

const SYMBOL: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  percentAtLeast: '≥',
};

const LABEL: Record<string, string> = {
  severity: 'severity',
  classification: 'classification',
  state: 'state',
  defectCategory: 'defect category',
  productModel: 'product model',
  customerTier: 'customer tier',
};

const BOOLEAN: Record<string, [code: string, yes: string, no: string]> = {
  customerPressure: ['customer_pressure', 'the customer-pressure flag is set', 'the customer-pressure flag is not set'],
  disputeOpen: ['dispute_open', 'a dispute is open', 'no dispute is open'],
  escalated: ['escalated', 'the case was escalated by hand', 'the case is not escalated by hand'],
  technicalQuestion: ['technical_question', 'it is a technical question', 'it is not a technical question'],
};

/** 83.46 → "83.4": never rounds a value up across the threshold it is shown against. */
const pct = (v: number) => String(Math.floor(v * 10) / 10);
/** 1250000 fen → "¥12,500.00"; by hand because toLocaleString costs ~30 µs, too much per case in bulk. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
const showValue = (v: ConditionScalar) => (v === null ? 'none' : String(v));

/** "(≥ 80 %)", "(one of major, safety)", "(not closed, rejected)": the rule's side of the sentence. */
function against(operator: string, value: ConditionScalar | ConditionScalar[], fmt: (v: ConditionScalar) => string): string {
  const vals = Array.isArray(value) ? value : [value];
  if (operator === 'in') return `(one of ${vals.map(fmt).join(', ')})`;
  if (operator === 'notIn') return `(not ${vals.map(fmt).join(', ')})`;
  if (operator === 'startsWith') return `(starts with ${fmt(vals[0] ?? '')})`;
  return `(${SYMBOL[operator] ?? operator} ${fmt(vals[0] ?? null)})`;
}

const flat = (v: ConditionScalar | ConditionScalar[]) => (Array.isArray(v) ? v.map(showValue).join(', ') : showValue(v));

type Describer = (factValue: unknown, facts: ReasonContext) => RuleReason;

/**
 * The rule's side of a sentence is fixed per leaf, so it is prepared once (cached by the leaf
 * object, which the compiled rules keep) and only the case's value is filled in per firing.
 */
function prepare(leaf: ConditionLeaf): Describer {
  const field = fieldOf(leaf);
  const op = leaf.operator;
  const base = { op, threshold: flat(leaf.value) };
  const plain = against(op, leaf.value, showValue);
  const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);

  const sla = /^sla\.(\w+)\.(percentUsed|state)$/.exec(field);
  if (sla) {
    const clock = sla[1]!;
    if (sla[2] === 'percentUsed') {
      const rhs = against(op, leaf.value, (v) => `${showValue(v)} %`);
      return (v) => ({ code: 'sla_percent', params: { ...base, clock, percent: pct(num(v)) }, message: `SLA ${clock} at ${pct(num(v))} % ${rhs}` });
    }
    const tail = op === 'equal' || op === 'in' ? '' : ` ${plain}`;
    return (v) => ({ code: 'sla_state', params: { ...base, clock, state: String(v) }, message: `SLA ${clock} clock is ${String(v)}${tail}` });
  }
  const count = (code: string, what: (f: ReasonContext) => string, extra: (f: ReasonContext) => Record<string, string>): Describer => (v, f) => {
    const days = f.repeat?.windowDays ?? 0;
    return { code, params: { ...base, count: num(v), days, ...extra(f) }, message: `${num(v)} complaints ${what(f)} in ${days} days ${plain}` };
  };
  switch (field) {
    case 'repeat.sameSerial':
      return count('repeat_serial', (f) => `on serial ${f.serialNo ?? '(none)'}`, (f) => ({ serialNo: f.serialNo ?? '' }));
    case 'repeat.sameModel':
      return count(
        'repeat_model',
        (f) => `from ${f.customerName ?? 'this customer'} on model ${f.productModel ?? ''}`,
        (f) => ({ customer: f.customerName ?? '', model: f.productModel ?? '' }),
      );
    case 'repeat.sameCustomer':
      return count('repeat_customer', (f) => `from ${f.customerName ?? 'this customer'}`, (f) => ({ customer: f.customerName ?? '' }));
    case 'estimatedCost': {
      const rhs = against(op, leaf.value, (x) => (typeof x === 'number' ? yuan(x) : showValue(x)));
      return (v) => ({ code: 'cost', params: { ...base, cost: num(v) }, message: `estimated cost ${yuan(num(v))} ${rhs}` });
    }
    case 'ageBusinessHours':
      return (v) => ({ code: 'age', params: { ...base, hours: num(v) }, message: `open for ${num(v)} business hours ${plain}` });
    case 'overdueCapaActions':
      return (v) => ({ code: 'capa_overdue', params: { ...base, count: num(v) }, message: `${num(v)} CAPA actions overdue ${plain}` });
  }
  const b = BOOLEAN[field];
  if (b) return (v) => ({ code: b[0], params: { value: String(v) }, message: v === true ? b[1] : b[2] });

  const label = LABEL[field] ?? field;
  const tail = op === 'equal' ? '' : ` ${plain}`;
  return (v) => {
    const shown = showValue((v ?? null) as ConditionScalar);
    return { code: 'field_is', params: { ...base, field, value: shown }, message: `${label} is ${shown}${tail}` };
  };
}

const prepared = new WeakMap<ConditionLeaf, Describer>();

export function describeLeaf({ leaf, factValue }: MatchedLeaf, facts: ReasonContext): RuleReason {
  let d = prepared.get(leaf);
  if (!d) prepared.set(leaf, (d = prepare(leaf)));
  return d(factValue, facts);
}

/**
 * The firing's reason: the first leaf's code and parameters (the headline a translated screen
 * shows), with every leaf's sentence in the message; `details` keeps each one for the case page.
 */
export function firingReason(matched: readonly MatchedLeaf[], facts: ReasonContext, ruleName: string): { reason: RuleReason; details: RuleReason[] } {
  const details = matched.map((m) => describeLeaf(m, facts));
  const first = details[0];
  if (!first) return { reason: { code: 'conditions_hold', params: { rule: ruleName }, message: `the conditions of "${ruleName}" hold` }, details };
  return { reason: { ...first, message: details.map((d) => d.message).join('; ') }, details };
}
