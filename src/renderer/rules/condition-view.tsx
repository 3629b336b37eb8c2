import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { fieldOf, type ConditionScalar } from '../../shared/schemas/rules-escalation';
import { fieldLabel, operatorLabel, valuesLabel } from './labels';

/** A rule's conditions read-only, as sentences: "全部满足：严重程度 等于 安全". */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function leafText(t: TFunction, c: Record<string, unknown>): string {
  const field = fieldOf({ fact: String(c.fact), path: typeof c.path === 'string' ? c.path : undefined });
  return `${fieldLabel(t, field)} ${operatorLabel(t, String(c.operator))} ${valuesLabel(t, field, c.value as ConditionScalar | ConditionScalar[])}`;
}

/** One line for the list of rules: the leaves joined by 且 / 或. */
export function conditionLine(t: TFunction, c: unknown): string {
  if (!isRecord(c)) return '';
  if (Array.isArray(c.all) || Array.isArray(c.any)) {
    const list = (c.all ?? c.any) as unknown[];
    const parts = list.map((x) => (isRecord(x) && (x.all || x.any || x.not) ? `(${conditionLine(t, x)})` : conditionLine(t, x)));
    return parts.join(c.all ? t('rules.cond.and') : t('rules.cond.or'));
  }
  if ('not' in c) return `${t('rules.cond.not')}(${conditionLine(t, c.not)})`;
  return leafText(t, c);
}

export function ConditionView({ condition }: { condition: unknown }) {
  const { t } = useTranslation();
  if (!isRecord(condition)) return null;
  const group = Array.isArray(condition.all) ? 'all' : Array.isArray(condition.any) ? 'any' : 'not' in condition ? 'not' : null;
  if (!group) return <span className="cond-leaf">{leafText(t, condition)}</span>;
  const children = group === 'not' ? [condition.not] : (condition[group] as unknown[]);
  return (
    <div className="cond-view">
      <Tag color={group === 'all' ? 'blue' : group === 'any' ? 'purple' : 'red'}>{t(`rules.cond.${group}`)}</Tag>
      <ul>
        {children.map((c, i) => (
          <li key={i}>
            <ConditionView condition={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}
