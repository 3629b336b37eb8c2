import { Checkbox, Divider } from 'antd';
import type { IDoesFilterPassParams } from 'ag-grid-community';
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintRow } from '../../shared/types';

/**
 * A choice column's filter: a checkbox per code, with the screen words of the current language.
 * (ag-grid's Set filter is an enterprise feature.) The model is what the server understands:
 * `{ filterType: 'set', values }`, or null when every value is ticked (no filter).
 */
export interface SetFilterModel {
  filterType: 'set';
  values: string[];
}

export interface ChoiceFilterParams {
  /** The enum's name in the catalogue: labels are `enum.<choiceField>.<code>`. */
  choiceField: string;
  codes: readonly string[];
  /** Where the labels are when not under `enum.` (the rule engine's columns: `warranty.status` …). */
  labelKey?: string;
}

type Props = CustomFilterProps<ComplaintRow, unknown, SetFilterModel> & ChoiceFilterParams;

export function ChoiceFilter({ model, onModelChange, getValue, choiceField, codes: all, labelKey }: Props) {
  const { t } = useTranslation();
  const selected = model ? model.values : all;

  const doesFilterPass = useCallback(
    ({ node }: IDoesFilterPassParams<ComplaintRow>) => !model || model.values.includes(String(getValue(node))),
    [model, getValue],
  );
  useGridFilter({ doesFilterPass });

  const set = (values: readonly string[]) => {
    const keep = all.filter((v) => values.includes(v));
    onModelChange(keep.length === all.length ? null : { filterType: 'set', values: keep });
  };
  const allTicked = selected.length === all.length;

  return (
    <div className="choice-filter" data-testid={`choice-filter-${choiceField}`}>
      <Checkbox
        checked={allTicked}
        indeterminate={!allTicked && selected.length > 0}
        onChange={(e) => set(e.target.checked ? all : [])}
      >
        {t('table.selectAll')}
      </Checkbox>
      <Divider style={{ margin: '6px 0' }} />
      {all.map((code) => (
        <div key={code}>
          <Checkbox
            value={code}
            checked={selected.includes(code)}
            onChange={(e) => set(e.target.checked ? [...selected, code] : selected.filter((v) => v !== code))}
          >
            {t(`${labelKey ?? `enum.${choiceField}`}.${code}`, { defaultValue: code })}
          </Checkbox>
        </div>
      ))}
    </div>
  );
}
