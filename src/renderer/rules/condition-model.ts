import {
  CONDITION_FIELDS,
  OPERATORS_BY_KIND,
  ROUTING_FIELDS,
  fieldOf,
  type Condition,
  type ConditionField,
  type ConditionOperator,
  type ConditionScalar,
} from '../../shared/schemas/rules-escalation';

/**
 * The condition form's model and its mapping to json-rules-engine condition JSON. The form shows
 * what the office writes in practice: a top-level "all" or "any" of rows, where a row may also be a
 * group of rows (one level of nesting). Anything else — `not`, deeper nesting, a fact the form does
 * not know — is left to the raw JSON tab: `toForm` answers null and the form says so.
 */

export type GroupMode = 'all' | 'any';
export type RowValue = ConditionScalar | ConditionScalar[] | undefined;

export interface RowModel {
  key: string;
  field: ConditionField;
  operator: ConditionOperator;
  /** undefined while the person has not chosen one yet. */
  value: RowValue;
}
export interface GroupModel {
  key: string;
  mode: GroupMode;
  rows: RowModel[];
}
export type ItemModel = ({ type: 'row' } & RowModel) | ({ type: 'group' } & GroupModel);
export interface ConditionForm {
  mode: GroupMode;
  items: ItemModel[];
}

let seq = 0;
export const newKey = () => `c${++seq}`;

export const ESCALATION_FIELDS = Object.keys(CONDITION_FIELDS) as ConditionField[];
export const ROUTING_FORM_FIELDS: readonly ConditionField[] = ROUTING_FIELDS;

export const isField = (f: string): f is ConditionField => Object.prototype.hasOwnProperty.call(CONDITION_FIELDS, f);
export const kindOf = (f: ConditionField) => CONDITION_FIELDS[f].kind;
export const operatorsFor = (f: ConditionField): readonly ConditionOperator[] => OPERATORS_BY_KIND[kindOf(f)];
export const isListOperator = (op: ConditionOperator) => op === 'in' || op === 'notIn';

/** A sensible value to start a row with, so that a new row is already a valid condition where it can be. */
function startValue(field: ConditionField, op: ConditionOperator): RowValue {
  const spec: { kind: string; values?: readonly string[] } = CONDITION_FIELDS[field];
  if (spec.kind === 'boolean') return true;
  const first = spec.values?.[0];
  if (spec.kind === 'enum' && first !== undefined) return isListOperator(op) ? [first] : first;
  if (spec.kind === 'percent') return 80;
  return undefined;
}

export function newRow(field: ConditionField = 'severity'): RowModel {
  const operator = operatorsFor(field)[0]!;
  return { key: newKey(), field, operator, value: startValue(field, operator) };
}

/** A row after its field changed: the operator kept when it still applies, the value started again. */
export function withField(row: RowModel, field: ConditionField): RowModel {
  const ops = operatorsFor(field);
  const operator = ops.includes(row.operator) ? row.operator : ops[0]!;
  return { ...row, field, operator, value: startValue(field, operator) };
}

/** A row after its operator changed: a single value becomes a list and back. */
export function withOperator(row: RowModel, operator: ConditionOperator): RowModel {
  const { value } = row;
  if (isListOperator(operator)) return { ...row, operator, value: Array.isArray(value) ? value : value === undefined ? [] : [value] };
  return { ...row, operator, value: Array.isArray(value) ? value[0] : value };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rowOf(c: unknown, fields: readonly ConditionField[]): RowModel | null {
  if (!isRecord(c) || typeof c.fact !== 'string' || typeof c.operator !== 'string') return null;
  const path = typeof c.path === 'string' ? (c.path.startsWith('$.') ? c.path : `$.${c.path}`) : undefined;
  const field = fieldOf({ fact: c.fact, path });
  if (!isField(field) || !fields.includes(field)) return null;
  const op = c.operator as ConditionOperator;
  if (!operatorsFor(field).includes(op)) return null;
  return { key: newKey(), field, operator: op, value: c.value as RowValue };
}

const groupOf = (c: unknown): { mode: GroupMode; list: unknown[] } | null => {
  if (!isRecord(c)) return null;
  const keys = Object.keys(c);
  if (keys.length !== 1) return null;
  if (Array.isArray(c.all)) return { mode: 'all', list: c.all };
  if (Array.isArray(c.any)) return { mode: 'any', list: c.any };
  return null;
};

/** The form's model of a condition, or null when the form cannot show it faithfully. */
export function toForm(c: unknown, fields: readonly ConditionField[] = ESCALATION_FIELDS): ConditionForm | null {
  const top = groupOf(c);
  if (!top) return null;
  const items: ItemModel[] = [];
  for (const child of top.list) {
    const inner = groupOf(child);
    if (inner) {
      const rows = inner.list.map((r) => rowOf(r, fields));
      if (rows.some((r) => r === null)) return null;
      items.push({ type: 'group', key: newKey(), mode: inner.mode, rows: rows as RowModel[] });
      continue;
    }
    const row = rowOf(child, fields);
    if (!row) return null;
    items.push({ type: 'row', ...row });
  }
  return { mode: top.mode, items };
}

/** A row as a json-rules-engine leaf: `sla.resolution.percentUsed` is the fact `sla` at `$.resolution.percentUsed`. */
export function leafOf(row: RowModel): Record<string, unknown> {
  const dot = row.field.indexOf('.');
  const place = dot < 0 ? { fact: row.field } : { fact: row.field.slice(0, dot), path: `$.${row.field.slice(dot + 1)}` };
  // A value not chosen yet is left out: main (and the local check) then names the row's missing value.
  return row.value === undefined ? { ...place, operator: row.operator } : { ...place, operator: row.operator, value: row.value };
}

/** The condition JSON of the form, exactly as it will be validated and saved. */
export function fromForm(f: ConditionForm): Condition {
  const list = f.items.map((i) =>
    i.type === 'row' ? leafOf(i) : i.mode === 'all' ? { all: i.rows.map(leafOf) } : { any: i.rows.map(leafOf) },
  );
  return (f.mode === 'all' ? { all: list } : { any: list }) as unknown as Condition;
}

/**
 * Where a validation issue belongs in the form: `conditions.all.2.any.0.value` is the first row of
 * the third item. Answers the row key, or null for an issue about the whole condition.
 */
export function rowKeyForPath(f: ConditionForm, path: readonly (string | number)[]): string | null {
  const [, top, sub, inner] = path;
  if (typeof top !== 'number' && !/^\d+$/.test(String(top ?? ''))) return null;
  const item = f.items[Number(top)];
  if (!item) return null;
  if (item.type === 'row') return item.key;
  const row = sub !== undefined && inner !== undefined ? item.rows[Number(inner)] : undefined;
  return row ? row.key : item.key;
}
