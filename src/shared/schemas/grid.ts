import { z } from 'zod';
import { LIMITS } from '../domain';

/**
 * The tracking table's server-side query: the shape of ag-grid's infinite row model request
 * (startRow, endRow, sortModel, filterModel) restricted to what the store can answer with indexes.
 * Column ids are a closed list so that nothing from the screen reaches SQL as a name.
 */
export const TRACKING_COLUMNS = [
  'trackingNo',
  'receivedAt',
  'channel',
  'customerName',
  'contactName',
  'productModel',
  'serialNo',
  'deliveryDate',
  'defectCategory',
  'severity',
  'state',
  'description',
  'createdAt',
  'classification',
  'stateChangedAt',
  'closedAt',
  // The rule engine's (issue 4): warranty decision, the next SLA due time and the worst clock state,
  // the escalation level and the priority it raised.
  'warrantyStatus',
  'slaDueAt',
  'slaState',
  'escalationLevel',
  'priority',
  // Service work (issue 5): the state of the case's return and its next planned visit.
  'rmaState',
  'nextVisitAt',
] as const;
export type TrackingColumn = (typeof TRACKING_COLUMNS)[number];

export const TEXT_FILTER_TYPES = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
] as const;
export const DATE_FILTER_TYPES = ['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank'] as const;

const textCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum(TEXT_FILTER_TYPES),
  filter: z.string().max(LIMITS.quickSearch).nullish(),
});
/** ag-grid sends dates as `YYYY-MM-DD hh:mm:ss`; only the date part is used. */
const gridDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/)
  .transform((s) => s.slice(0, 10))
  .nullish();
const dateCondition = z.object({
  filterType: z.literal('date'),
  type: z.enum(DATE_FILTER_TYPES),
  dateFrom: gridDate,
  dateTo: gridDate,
});
/** Choice lists (channel, severity, category, state): the codes to keep. */
const setCondition = z.object({
  filterType: z.literal('set'),
  values: z.array(z.string().max(50)).max(100),
});

function combined<T extends z.ZodObject, F extends string>(cond: T, filterType: F) {
  return z.object({
    filterType: z.literal(filterType),
    operator: z.enum(['AND', 'OR']),
    conditions: z.array(cond).min(1).max(4),
  });
}

export const columnFilterSchema = z.union([
  textCondition,
  combined(textCondition, 'text'),
  dateCondition,
  combined(dateCondition, 'date'),
  setCondition,
]);
export type ColumnFilter = z.infer<typeof columnFilterSchema>;
export type TextCondition = z.infer<typeof textCondition>;
export type DateCondition = z.infer<typeof dateCondition>;

export const filterModelSchema = z.partialRecord(z.enum(TRACKING_COLUMNS), columnFilterSchema);
export type FilterModel = z.infer<typeof filterModelSchema>;

export const sortModelSchema = z
  .array(z.object({ colId: z.enum(TRACKING_COLUMNS), sort: z.enum(['asc', 'desc']) }))
  .max(3);
export type SortModel = z.infer<typeof sortModelSchema>;

/**
 * Saved views of the tracking table (issue 3): the questions the office asks every morning.
 * `mine` is the caller's open cases; `closed_this_month` uses the office time zone; `escalated` holds
 * open cases escalated by hand or by a rule.
 */
export const TRACKING_VIEWS = [
  'all',
  'open',
  'mine',
  'awaiting_manager',
  'awaiting_chairman',
  'awaiting_customer_agreement',
  'escalated',
  'closed_this_month',
  // Cases an escalation rule put on management's review list, until reviewed (seed 000).
  'management_review',
] as const;
export type TrackingView = (typeof TRACKING_VIEWS)[number];

export const trackingFilterSchema = z.object({
  filterModel: filterModelSchema.default({}),
  quickSearch: z.string().trim().max(LIMITS.quickSearch).default(''),
  view: z.enum(TRACKING_VIEWS).default('all'),
});

export const trackingPageSchema = trackingFilterSchema
  .extend({
    startRow: z.number().int().nonnegative(),
    endRow: z.number().int().positive(),
    sortModel: sortModelSchema.default([]),
  })
  .refine((q) => q.endRow > q.startRow && q.endRow - q.startRow <= LIMITS.pageSize, {
    params: { code: 'page_size', max: LIMITS.pageSize },
    message: `a page holds 1 to ${LIMITS.pageSize} rows`,
    path: ['endRow'],
  });
export type TrackingPageQuery = z.input<typeof trackingPageSchema>;
