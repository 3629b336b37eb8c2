import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TEXT_FILTER_TYPES, type TrackingColumn } from '../../shared/schemas/grid';
import type { ComplaintRow } from '../../shared/types';
import { formatInstant } from '../common/format';
import { ChoiceFilter, type ChoiceFilterParams } from './choice-filter';
import { choiceLabel, SeverityTag, StateTag, type ChoiceField } from './enum-labels';

/**
 * Columns of the customer complaints tracking table. Every column id is a field of the server's
 * closed column list, and each filter offers only what the server can answer in SQL.
 */

type Col = ColDef<ComplaintRow> & { colId: TrackingColumn; field: TrackingColumn };

const textFilter = {
  filter: 'agTextColumnFilter',
  filterParams: { maxNumConditions: 2, filterOptions: [...TEXT_FILTER_TYPES], buttons: ['reset'] },
};

/** Dates are filtered by calendar day; the server reads "between" as both ends included. */
const dateFilter = {
  filter: 'agDateColumnFilter',
  filterParams: {
    maxNumConditions: 2,
    filterOptions: ['equals', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank'],
    inRangeInclusive: true,
    buttons: ['reset'],
  },
};

function choiceFilter(choiceField: ChoiceField) {
  const filterParams: ChoiceFilterParams = { choiceField };
  return { filter: ChoiceFilter, filterParams };
}

function ChoiceCell({ value, field }: CustomCellRendererProps<ComplaintRow, string> & { field: ChoiceField }) {
  const { t } = useTranslation();
  return value ? <>{choiceLabel(t, field, value)}</> : null;
}

const instantFormatter = (p: ValueFormatterParams<ComplaintRow, string>) => formatInstant(p.value);

export function trackingColumns(t: TFunction): Col[] {
  const col = (field: TrackingColumn, rest: Omit<ColDef<ComplaintRow>, 'colId' | 'field'>): Col => ({
    ...rest,
    colId: field,
    field,
    headerName: t(`field.${field}`),
    headerTooltip: t(`field.${field}`),
  });
  const choice = (field: ChoiceField & TrackingColumn, width: number): Col =>
    col(field, {
      initialWidth: width,
      ...choiceFilter(field),
      cellRenderer: ChoiceCell,
      cellRendererParams: { field },
    });

  return [
    col('trackingNo', { initialWidth: 150, initialPinned: 'left', ...textFilter, cellClass: 'cell-tracking-no' }),
    col('receivedAt', { initialWidth: 150, initialSort: 'desc', ...dateFilter, valueFormatter: instantFormatter }),
    choice('channel', 115),
    col('customerName', { initialWidth: 220, ...textFilter, tooltipField: 'customerName' }),
    col('contactName', { initialWidth: 150, ...textFilter }),
    col('productModel', { initialWidth: 145, ...textFilter }),
    col('serialNo', { initialWidth: 150, ...textFilter }),
    col('deliveryDate', { initialWidth: 135, ...dateFilter }),
    choice('defectCategory', 150),
    col('severity', { initialWidth: 110, ...choiceFilter('severity'), cellRenderer: SeverityCell }),
    col('state', { initialWidth: 100, ...choiceFilter('state'), cellRenderer: StateCell }),
    col('description', { initialFlex: 1, minWidth: 240, ...textFilter, tooltipField: 'description' }),
    col('createdAt', { initialWidth: 150, initialHide: true, ...dateFilter, valueFormatter: instantFormatter }),
  ];
}

function SeverityCell({ value }: CustomCellRendererProps<ComplaintRow, string>) {
  return <SeverityTag value={value} />;
}

function StateCell({ value }: CustomCellRendererProps<ComplaintRow, string>) {
  return <StateTag value={value} />;
}
