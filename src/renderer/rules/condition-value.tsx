import { Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONDITION_FIELDS, type ConditionField, type ConditionScalar } from '../../shared/schemas/rules-escalation';
import { hundredthsText, parseHundredths } from '../case/amounts';
import { isListOperator, type RowModel, type RowValue } from './condition-model';
import { valueLabel } from './labels';

/**
 * The value of one condition row, typed by its field: a choice list for enums and yes/no, a number
 * with its unit for counts, percentages and hours, yuan for money (the rule keeps fen), text for
 * models and tiers; several values for "is one of".
 */

/** Select cannot hold null as a value: "none" (not applicable, not classified) travels as this. */
const NONE = '__none__';
const toOption = (v: ConditionScalar) => (v === null ? NONE : String(v));
const fromOption = (field: ConditionField, s: string): ConditionScalar => {
  if (s === NONE) return null;
  const kind = CONDITION_FIELDS[field].kind;
  if (kind === 'boolean') return s === 'true';
  return s;
};

interface Props {
  row: RowModel;
  disabled?: boolean;
  onChange(value: RowValue): void;
  id?: string;
}

export function ConditionValue({ row, disabled, onChange, id }: Props) {
  const { t } = useTranslation();
  const spec: { kind: string; values?: readonly string[]; nullable?: boolean } = CONDITION_FIELDS[row.field];
  const many = isListOperator(row.operator);
  const style = { width: '100%' };

  if (spec.kind === 'enum' || spec.kind === 'boolean') {
    const codes: ConditionScalar[] = spec.kind === 'boolean' ? [true, false] : [...(spec.values ?? [])];
    const ordering = !['equal', 'notEqual', 'in', 'notIn'].includes(row.operator);
    if (spec.nullable && !ordering) codes.push(null);
    const options = codes.map((c) => ({ value: toOption(c), label: valueLabel(t, row.field, c) }));
    if (many) {
      const value = Array.isArray(row.value) ? row.value.map(toOption) : [];
      return (
        <Select
          id={id}
          mode="multiple"
          style={style}
          disabled={disabled}
          options={options}
          value={value}
          placeholder={t('rules.cond.pickValues')}
          onChange={(v: string[]) => onChange(v.map((s) => fromOption(row.field, s)))}
        />
      );
    }
    const value = row.value === undefined || Array.isArray(row.value) ? undefined : toOption(row.value);
    return (
      <Select
        id={id}
        style={style}
        disabled={disabled}
        options={options}
        value={value}
        placeholder={t('rules.cond.pickValue')}
        onChange={(v: string) => onChange(fromOption(row.field, v))}
      />
    );
  }

  if (spec.kind === 'text') {
    if (many) {
      const value = Array.isArray(row.value) ? row.value.map((v) => String(v)) : [];
      return (
        <Select
          id={id}
          mode="tags"
          style={style}
          disabled={disabled}
          value={value}
          open={false}
          placeholder={t('rules.cond.typeValues')}
          onChange={(v: string[]) => onChange(v)}
        />
      );
    }
    return (
      <Input
        id={id}
        disabled={disabled}
        maxLength={100}
        value={typeof row.value === 'string' ? row.value : ''}
        placeholder={t('rules.cond.typeValue')}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
    );
  }

  // Numbers: money typed in yuan, kept in fen; counts whole; percentages and hours as typed.
  const money = spec.kind === 'money';
  const unit = t(`rules.unit.${spec.kind}`, { defaultValue: '' });
  const show = (v: ConditionScalar) => (typeof v === 'number' ? (money ? hundredthsText(v) : String(v)) : '');
  const parse = (s: string): number | undefined => {
    const txt = s.trim();
    if (txt === '') return undefined;
    if (money) return parseHundredths(txt) ?? Number.NaN;
    const n = Number(txt);
    return Number.isFinite(n) ? n : Number.NaN;
  };
  if (many) {
    const value = Array.isArray(row.value) ? row.value.map(show) : [];
    return (
      <Select
        id={id}
        mode="tags"
        open={false}
        style={style}
        disabled={disabled}
        value={value}
        placeholder={t('rules.cond.typeValues')}
        onChange={(v: string[]) => onChange(v.map((s) => parse(s) ?? Number.NaN))}
      />
    );
  }
  const single = typeof row.value === 'number' ? row.value : null;
  return (
    <InputNumber<number>
      id={id}
      style={style}
      disabled={disabled}
      min={0}
      precision={money ? 2 : spec.kind === 'count' ? 0 : undefined}
      value={single === null ? null : money ? single / 100 : single}
      suffix={unit || undefined}
      placeholder={t('rules.cond.typeValue')}
      onChange={(v) => onChange(v === null ? undefined : money ? Math.round(v * 100) : v)}
    />
  );
}
