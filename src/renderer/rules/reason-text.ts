import type { TFunction } from 'i18next';
import type { RuleReason } from '../../shared/schemas/rules-escalation';
import { formatFen } from '../case/amounts';
import { clockLabel, fieldLabel, levelLabel, operatorLabel, roleLabel, seededText, valueLabel, valuesLabel } from './labels';

/**
 * The engine's sentences in the person's words. Main records each decision as a code with parameters
 * in the store's terms (`escalation.reason.sla_percent` with clock `resolution`, percent 83, op
 * `percentAtLeast`, threshold `80`); here the parameters are put into words and the sentence is
 * translated, with main's English message as the fallback for a code the catalogue does not know.
 */

type Params = Record<string, string | number>;

const SYMBOL: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  percentAtLeast: '≥',
};

/** The rule's side of a sentence: "≥ 80 %", "属于 严重、安全". */
function ruleSide(t: TFunction, op: string, threshold: string, show: (v: string) => string): string {
  const values = threshold.split(', ');
  if (op === 'in' || op === 'notIn' || op === 'startsWith') return `${operatorLabel(t, op)} ${values.map(show).join(t('rules.listJoin'))}`;
  return `${SYMBOL[op] ?? operatorLabel(t, op)} ${show(threshold)}`;
}

const asScalar = (field: string, v: string) => {
  if (v === 'none') return null;
  if (v === 'true' || v === 'false') return v === 'true';
  return /^(estimatedCost|ageBusinessHours|repeat\.|overdue)/.test(field) && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
};

/** Parameters of an escalation or routing sentence, in words. */
function escalationWords(t: TFunction, p: Params): Params {
  const out: Params = { ...p };
  const op = String(p.op ?? '');
  const threshold = String(p.threshold ?? '');
  if (p.clock !== undefined) out.clock = clockLabel(t, String(p.clock));
  if (p.state !== undefined && p.clock !== undefined) out.state = t(`sla.clockState.${p.state}`, { defaultValue: String(p.state) });
  if (typeof p.cost === 'number') out.cost = formatFen(p.cost);
  if (p.team !== undefined) out.team = roleLabel(t, String(p.team));
  if (p.role !== undefined) out.role = roleLabel(t, String(p.role));
  if (p.level !== undefined) out.level = levelLabel(t, String(p.level));
  const field =
    typeof p.field === 'string'
      ? p.field
      : p.cost !== undefined
        ? 'estimatedCost'
        : p.clock !== undefined
          ? `sla.${String(p.clock)}.state`
          : '';
  if (typeof p.field === 'string') {
    out.field = fieldLabel(t, p.field);
    out.value = valueLabel(t, p.field, asScalar(p.field, String(p.value)));
  }
  if (op) {
    const show =
      p.percent !== undefined
        ? (v: string) => t('rules.value.percent', { value: v })
        : p.cost !== undefined
          ? (v: string) => (/^\d+$/.test(v) ? formatFen(Number(v)) : v)
          : field
            ? (v: string) => valuesLabel(t, field, asScalar(field, v))
            : (v: string) => v;
    out.rhs = ruleSide(t, op, threshold, show);
  }
  return out;
}

const dateWords = (t: TFunction, p: Params): Params => ({
  ...p,
  ...(p.startEvent !== undefined ? { startEvent: t(`warranty.startEvent.${p.startEvent}`, { defaultValue: String(p.startEvent) }) } : {}),
  ...(p.policy !== undefined ? { policy: seededText(t, `warranty.seed.${String(p.policyId ?? 'default')}`, String(p.policy)) } : {}),
  ...(p.exclusion !== undefined ? { label: t(`warranty.exclusion.${p.exclusion}`, { defaultValue: String(p.label ?? p.exclusion) }) } : {}),
  ...(p.suspension !== undefined
    ? { label: t(`warranty.suspension.${p.suspension}`, { defaultValue: String(p.label ?? p.suspension) }) }
    : {}),
  ...(p.defectCategory !== undefined
    ? { defectCategory: t(`enum.defectCategory.${p.defectCategory}`, { defaultValue: String(p.defectCategory) }) }
    : {}),
  ...(p.warranty !== undefined ? { warranty: t(`warranty.reasonShort.${p.warranty}`, { defaultValue: String(p.warranty) }) } : {}),
  ...(p.severity !== undefined ? { severity: t(`enum.severity.${p.severity}`, { defaultValue: String(p.severity) }) } : {}),
  ...(p.rule !== undefined && p.ruleId !== undefined ? { rule: seededText(t, `sla.seed.${String(p.ruleId)}`, String(p.rule)) } : {}),
});

/** The catalogue key of a sentence: yes/no facts and plain equality read better without the rule's side. */
function escalationKey(r: RuleReason): string {
  const p = r.params ?? {};
  if (p.field === undefined && (p.value === 'true' || p.value === 'false')) return `${r.code}_${p.value}`;
  if (r.code === 'field_is' && p.op === 'equal') return 'field_is_equal';
  return r.code;
}

export function escalationReasonText(t: TFunction, r: RuleReason | null | undefined): string {
  if (!r) return '';
  return t(`escalation.reason.${escalationKey(r)}`, { ...escalationWords(t, r.params ?? {}), defaultValue: r.message });
}

export function warrantyReasonText(t: TFunction, r: RuleReason | null | undefined): string {
  if (!r) return '';
  const extra = r.params?.extensionMonths ? t('warranty.extension', { months: r.params.extensionMonths }) : '';
  const partNote = r.params?.uncoveredParts ? t('warranty.uncoveredParts', { parts: r.params.uncoveredParts }) : '';
  return t(`warranty.reason.${r.code}`, { ...dateWords(t, r.params ?? {}), extra, partNote, defaultValue: r.message });
}

export function slaReasonText(t: TFunction, r: RuleReason | null | undefined): string {
  if (!r) return '';
  return t(`sla.reason.${r.code}`, { ...dateWords(t, r.params ?? {}), defaultValue: r.message });
}

export function calendarReasonText(t: TFunction, r: (RuleReason & { years?: number[] }) | null | undefined): string {
  if (!r) return '';
  const years = r.years?.length ? r.years.join(t('rules.listJoin')) : String(r.params?.years ?? '');
  return t(`calendar.reason.${r.code}`, { ...r.params, years, defaultValue: r.message });
}

/** A routing reason: the rule's own sentence (escalation words) or the fallback and assignee ones. */
export function routingReasonText(t: TFunction, r: RuleReason | null | undefined): string {
  if (!r) return '';
  const known = ['route_fallback', 'assignee_none', 'assignee_least_loaded'].includes(r.code);
  return known
    ? t(`escalation.routing.${r.code}`, { ...escalationWords(t, r.params ?? {}), defaultValue: r.message })
    : escalationReasonText(t, r);
}
