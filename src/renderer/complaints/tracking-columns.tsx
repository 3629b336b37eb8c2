import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS } from '../../shared/domain';
import { PRIORITIES, SLA_SUMMARY_STATES } from '../../shared/engine';
import { ESCALATION_LEVELS } from '../../shared/schemas/rules-escalation';
import { WARRANTY_STATUSES } from '../../shared/schemas/rules-policies';
import { RMA_STATES } from '../../shared/service';
import { TEXT_FILTER_TYPES, type TrackingColumn } from '../../shared/schemas/grid';
import type { ComplaintRow } from '../../shared/types';
import { formatInstant } from '../common/format';
import { ChoiceFilter, type ChoiceFilterParams } from './choice-filter';
import { CHOICES } from './enum-labels';
import { RmaStateCell } from '../returns/rma-state-tag';
import { ageInDays, EngineTagCell, NextStepCell, nextStepText, SeverityCell, SlaDueRenderer, StateCell } from './tracking-cells';

/**
 * Columns of the customer complaints tracking table. A column the server can sort or filter has a
 * colId from its closed list (shared/schemas/grid.ts), and each filter offers only what SQL answers;
 * the others (owner, age, next step) are worked out from the row and say so by not sorting — except
 * age, whose order is the received date's reversed (tracking-datasource.ts maps it).
 */

type Col = ColDef<ComplaintRow> & { colId: string };

/** The choice lists of the table: the case's enums and the classification (seed 002 §5.1–5.2). */
export const TABLE_CHOICES = { ...CHOICES, classification: CLASSIFICATIONS } as const;
type TableChoice = keyof typeof TABLE_CHOICES;

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

function choiceFilter(field: TableChoice) {
  const filterParams: ChoiceFilterParams = { choiceField: field, codes: TABLE_CHOICES[field] };
  return { filter: ChoiceFilter, filterParams };
}

/** The rule engine's choice columns (issue 4); their words live under the engine's catalogues. */
const ENGINE_CHOICES = {
  warrantyStatus: { codes: WARRANTY_STATUSES, labelKey: 'warranty.status' },
  slaState: { codes: SLA_SUMMARY_STATES, labelKey: 'sla.state' },
  escalationLevel: { codes: ESCALATION_LEVELS, labelKey: 'escalation.level' },
  priority: { codes: PRIORITIES, labelKey: 'escalation.priority' },
} as const;

function engineFilter(field: keyof typeof ENGINE_CHOICES) {
  const filterParams: ChoiceFilterParams = { choiceField: field, ...ENGINE_CHOICES[field] };
  return { filter: ChoiceFilter, filterParams, cellRenderer: EngineTagCell };
}

/** Service work (issue 5): the return's state, with its words in the returns catalogue. */
const rmaStateFilter: ChoiceFilterParams = { choiceField: 'rmaState', codes: RMA_STATES, labelKey: 'returns.enum.state' };

function ChoiceCell({ value, field }: CustomCellRendererProps<ComplaintRow, string> & { field: TableChoice }) {
  const { t } = useTranslation();
  return value ? <>{t(`enum.${field}.${value}`, { defaultValue: value })}</> : null;
}

const instantFormatter = (p: ValueFormatterParams<ComplaintRow, string>) => formatInstant(p.value);
const computed = { sortable: false, filter: false } as const;

export function trackingColumns(t: TFunction): Col[] {
  const col = (field: TrackingColumn, rest: Omit<ColDef<ComplaintRow>, 'colId' | 'field'>, header = `field.${field}`): Col => ({
    ...rest,
    colId: field,
    field,
    headerName: t(header),
    headerTooltip: t(header),
  });
  const own = (colId: string, rest: Omit<ColDef<ComplaintRow>, 'colId'>): Col => ({
    ...rest,
    colId,
    headerName: t(`table.col.${colId}`),
    headerTooltip: t(`table.col.${colId}`),
  });
  const choice = (field: TableChoice & TrackingColumn, width: number, header?: string): Col =>
    col(field, { initialWidth: width, ...choiceFilter(field), cellRenderer: ChoiceCell, cellRendererParams: { field } }, header);

  return [
    col('trackingNo', { initialWidth: 150, initialPinned: 'left', ...textFilter, cellClass: 'cell-tracking-no' }),
    col('receivedAt', { initialWidth: 150, initialSort: 'desc', ...dateFilter, valueFormatter: instantFormatter }),
    own('age', {
      initialWidth: 105,
      filter: false,
      type: 'rightAligned',
      valueGetter: (p) => ageInDays(p.data?.receivedAt),
    }),
    col('severity', { initialWidth: 110, ...choiceFilter('severity'), cellRenderer: SeverityCell }),
    col('state', { initialWidth: 150, ...choiceFilter('state'), cellRenderer: StateCell }),
    // The rule engine's view (issue 4). SLA due sorts on the due instant; the soonest first is ascending.
    col('slaDueAt', { initialWidth: 200, ...dateFilter, cellRenderer: SlaDueRenderer }, 'table.col.slaDueAt'),
    col('escalationLevel', { initialWidth: 130, ...engineFilter('escalationLevel') }, 'table.col.escalationLevel'),
    own('nextStep', {
      ...computed,
      initialWidth: 210,
      valueGetter: (p) => (p.data ? nextStepText(t, p.data.state) : ''),
      tooltipValueGetter: (p) => (typeof p.value === 'string' ? p.value : undefined),
      cellRenderer: NextStepCell,
    }),
    // Service work (issue 5): where the return stands, and when someone is next on site.
    col('rmaState', { initialWidth: 110, filter: ChoiceFilter, filterParams: rmaStateFilter, cellRenderer: RmaStateCell }, 'returns.col.rmaState'),
    col('nextVisitAt', { initialWidth: 150, ...dateFilter, valueFormatter: instantFormatter }, 'returns.col.nextVisitAt'),
    own('ownerName', { ...computed, field: 'ownerName', initialWidth: 120 }),
    col('customerName', { initialWidth: 220, ...textFilter, tooltipField: 'customerName' }),
    choice('channel', 115),
    col('contactName', { initialWidth: 150, ...textFilter }),
    col('productModel', { initialWidth: 145, ...textFilter }),
    col('serialNo', { initialWidth: 150, ...textFilter }),
    col('deliveryDate', { initialWidth: 135, ...dateFilter }),
    col('warrantyStatus', { initialWidth: 110, ...engineFilter('warrantyStatus') }, 'table.col.warrantyStatus'),
    choice('defectCategory', 150),
    choice('classification', 120, 'table.col.classification'),
    col('slaState', { initialWidth: 110, ...engineFilter('slaState') }, 'table.col.slaState'),
    col('priority', { initialWidth: 90, ...engineFilter('priority') }, 'table.col.priority'),
    col('description', { initialFlex: 1, minWidth: 240, ...textFilter, tooltipField: 'description' }),
    col('createdAt', { initialWidth: 150, initialHide: true, ...dateFilter, valueFormatter: instantFormatter }),
    col('stateChangedAt', { initialWidth: 150, initialHide: true, ...dateFilter, valueFormatter: instantFormatter }, 'table.col.stateChangedAt'),
    col('closedAt', { initialWidth: 150, initialHide: true, ...dateFilter, valueFormatter: instantFormatter }, 'table.col.closedAt'),
  ];
}
