import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConditionField } from '../../shared/schemas/rules-escalation';
import {
  newKey,
  newRow,
  operatorsFor,
  withField,
  withOperator,
  type ConditionForm,
  type GroupMode,
  type ItemModel,
  type RowModel,
} from './condition-model';
import { ConditionValue } from './condition-value';
import { fieldLabel, operatorLabel } from './labels';

/**
 * The conditions of a rule as a form: "all of" / "any of" the rows below, where a row is one
 * comparison (field, operator, value) or a group of them with its own all/any. Operators offered
 * are those that apply to the field (OPERATORS_BY_KIND), values are typed by the field.
 */

interface Props {
  value: ConditionForm;
  fields: readonly ConditionField[];
  disabled?: boolean;
  /** Messages per row key, from the local check or main's refusal. */
  errors: Record<string, string[]>;
  onChange(next: ConditionForm): void;
}

function ModeSelect({
  value,
  onChange,
  disabled,
  id,
}: {
  value: GroupMode;
  onChange(m: GroupMode): void;
  disabled?: boolean;
  id?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select<GroupMode>
      id={id}
      size="small"
      style={{ width: 150 }}
      disabled={disabled}
      value={value}
      onChange={onChange}
      options={[
        { value: 'all', label: t('rules.cond.all') },
        { value: 'any', label: t('rules.cond.any') },
      ]}
    />
  );
}

function Row({
  row,
  fields,
  disabled,
  errors,
  onChange,
  onRemove,
  testId,
}: {
  row: RowModel;
  fields: readonly ConditionField[];
  disabled?: boolean;
  errors?: string[];
  onChange(r: RowModel): void;
  onRemove(): void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={`cond-row${errors?.length ? ' cond-row-error' : ''}`} data-testid={testId}>
      <div className="cond-row-inputs">
        <Select<ConditionField>
          className="cond-field"
          style={{ width: 240, flex: 'none' }}
          showSearch={{ optionFilterProp: 'label' }}
          disabled={disabled}
          value={row.field}
          onChange={(f) => onChange(withField(row, f))}
          options={fields.map((f) => ({ value: f, label: fieldLabel(t, f) }))}
          data-testid={`${testId}-field`}
        />
        <Select
          className="cond-op"
          style={{ width: 130, flex: 'none' }}
          disabled={disabled}
          value={row.operator}
          onChange={(op) => onChange(withOperator(row, op))}
          options={operatorsFor(row.field).map((op) => ({ value: op, label: operatorLabel(t, op) }))}
          data-testid={`${testId}-op`}
        />
        <div className="cond-value" data-testid={`${testId}-value`}>
          <ConditionValue row={row} disabled={disabled} onChange={(value) => onChange({ ...row, value })} />
        </div>
        {!disabled && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('rules.cond.remove')} onClick={onRemove} />
        )}
      </div>
      {errors?.map((e, i) => (
        <Typography.Text key={i} type="danger" className="cond-row-message">
          {e}
        </Typography.Text>
      ))}
    </div>
  );
}

export function ConditionEditor({ value, fields, disabled, errors, onChange }: Props) {
  const { t } = useTranslation();
  const setItems = (items: ItemModel[]) => onChange({ ...value, items });
  const replace = (i: number, item: ItemModel | null) =>
    setItems(item ? value.items.map((x, n) => (n === i ? item : x)) : value.items.filter((_, n) => n !== i));
  const firstField = fields[0] ?? 'severity';

  return (
    <div className="cond-editor" data-testid="condition-editor">
      <Space className="cond-head">
        <Typography.Text>{t('rules.cond.when')}</Typography.Text>
        <ModeSelect id="cond-mode" value={value.mode} disabled={disabled} onChange={(mode) => onChange({ ...value, mode })} />
      </Space>
      {value.items.map((item, i) =>
        item.type === 'row' ? (
          <Row
            key={item.key}
            testId={`cond-${i}`}
            row={item}
            fields={fields}
            disabled={disabled}
            errors={errors[item.key]}
            onChange={(r) => replace(i, { type: 'row', ...r })}
            onRemove={() => replace(i, null)}
          />
        ) : (
          <div key={item.key} className="cond-group" data-testid={`cond-${i}`}>
            <Space className="cond-head">
              <ModeSelect value={item.mode} disabled={disabled} onChange={(mode) => replace(i, { ...item, mode })} />
              {!disabled && (
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => replace(i, null)}>
                  {t('rules.cond.removeGroup')}
                </Button>
              )}
            </Space>
            {errors[item.key]?.map((e, n) => (
              <Typography.Text key={n} type="danger" className="cond-row-message">
                {e}
              </Typography.Text>
            ))}
            {item.rows.map((r, j) => (
              <Row
                key={r.key}
                testId={`cond-${i}-${j}`}
                row={r}
                fields={fields}
                disabled={disabled}
                errors={errors[r.key]}
                onChange={(next) => replace(i, { ...item, rows: item.rows.map((x, n) => (n === j ? next : x)) })}
                onRemove={() => replace(i, { ...item, rows: item.rows.filter((_, n) => n !== j) })}
              />
            ))}
            {!disabled && (
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => replace(i, { ...item, rows: [...item.rows, newRow(firstField)] })}
              >
                {t('rules.cond.addRow')}
              </Button>
            )}
          </div>
        ),
      )}
      {!disabled && (
        <Space>
          <Button
            id="cond-add-row"
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => setItems([...value.items, { type: 'row', ...newRow(firstField) }])}
          >
            {t('rules.cond.addRow')}
          </Button>
          <Button
            id="cond-add-group"
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              setItems([...value.items, { type: 'group', key: newKey(), mode: 'any', rows: [newRow(firstField), newRow(firstField)] }])
            }
          >
            {t('rules.cond.addGroup')}
          </Button>
        </Space>
      )}
    </div>
  );
}
