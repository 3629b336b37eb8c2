import type { TFunction } from 'i18next';
import { CONDITION_FIELDS, type ConditionField, type ConditionOperator, type ConditionScalar } from '../../shared/schemas/rules-escalation';
import { i18n } from '../i18n';
import { formatFen } from '../case/amounts';

/**
 * Screen words of the rule engine's vocabulary: condition fields and operators, the values of each
 * field, and the names the app seeded its rules and policies with. Codes stay in the data; words
 * come from the catalogues (`rules.*`, `sla.*`, `warranty.*`, `escalation.*`, `calendar.*`).
 */

/** `sla.response.percentUsed` → key `rules.field.sla_response_percentUsed` (dots would nest in the catalogue). */
export const fieldLabel = (t: TFunction, field: string) => t(`rules.field.${field.replace(/\./g, '_')}`, { defaultValue: field });
export const operatorLabel = (t: TFunction, op: ConditionOperator | string) => t(`rules.op.${op}`, { defaultValue: op });
export const levelLabel = (t: TFunction, level: string) => t(`escalation.level.${level}`, { defaultValue: level });
export const roleLabel = (t: TFunction, role: string) => t(`enum.role.${role}`, { defaultValue: role });
export const clockLabel = (t: TFunction, clock: string) => t(`sla.clock.${clock}`, { defaultValue: clock });

/** Where the screen words of an enum field's values are. */
function enumKey(field: string, value: string): string {
  if (/^sla\.\w+\.state$/.test(field)) return `sla.clockState.${value}`;
  if (field === 'classification') return `case.classification.${value}`;
  return `enum.${field}.${value}`;
}

/** One value of a field as the office reads it: "安全", "是", "¥10,000.00", "80 %". */
export function valueLabel(t: TFunction, field: string, value: ConditionScalar): string {
  if (value === null) return t('rules.value.none');
  const spec = (CONDITION_FIELDS as Record<string, { kind: string }>)[field];
  switch (spec?.kind) {
    case 'boolean':
      return t(value === true || value === 'true' ? 'rules.value.yes' : 'rules.value.no');
    case 'enum':
      return t(enumKey(field, String(value)), { defaultValue: String(value) });
    case 'money':
      return typeof value === 'number' ? formatFen(value) : String(value);
    case 'percent':
      return t('rules.value.percent', { value });
    default:
      return String(value);
  }
}

export function valuesLabel(t: TFunction, field: string, value: ConditionScalar | ConditionScalar[] | undefined): string {
  if (value === undefined) return '?';
  return Array.isArray(value) ? value.map((v) => valueLabel(t, field, v)).join(t('rules.listJoin')) : valueLabel(t, field, value);
}

/**
 * The app seeds its rules with English names; shown as such they would be the only English on a
 * Chinese screen. A seeded name (the catalogue's English text for that rule) is shown translated;
 * a name the office wrote is shown as written.
 */
export function seededText(t: TFunction, key: string, written: string | null | undefined, params: Record<string, string> = {}): string {
  if (!written) return '';
  const en = i18n.getFixedT('en');
  if (!i18n.exists(key, { lng: 'en' })) return written;
  return en(key, params) === written ? t(key, params) : written;
}

/** The cost rule's seeded name carries the office's threshold: "Cost over ¥10,000". */
const COST = /^Cost over (¥[\d,]+(?:\.\d+)?)$/;

export function ruleName(t: TFunction, kind: 'escalation' | 'routing', id: string, name: string): string {
  const cost = COST.exec(name);
  if (kind === 'escalation' && id === 'cost-threshold' && cost)
    return seededText(t, 'rules.seed.escalation.cost-threshold.name', name, { amount: cost[1]! });
  return seededText(t, `rules.seed.${kind}.${id}.name`, name);
}

export function ruleDescription(t: TFunction, kind: 'escalation' | 'routing', id: string, text: string | null): string {
  const cost = /over (¥[\d,]+(?:\.\d+)?):/.exec(text ?? '');
  return seededText(t, `rules.seed.${kind}.${id}.description`, text, cost ? { amount: cost[1]! } : {});
}

/** "2 小时 30 分钟" for 150 business minutes. */
export function minutesText(t: TFunction, minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h && rest) return t('sla.hoursMinutes', { h, m: rest });
  if (h) return t('sla.hours', { h });
  return t('sla.minutes', { m: rest });
}

export const isFieldName = (f: string): f is ConditionField => Object.prototype.hasOwnProperty.call(CONDITION_FIELDS, f);
