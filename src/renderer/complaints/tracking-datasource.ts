import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { MethodInput } from '../../shared/contract';
import { TRACKING_COLUMNS, type TrackingColumn, type TrackingView } from '../../shared/schemas/grid';
import type { ComplaintRow } from '../../shared/types';
import { call } from '../api/client';

/**
 * The infinite row model's source: each block of 100 rows is one `complaints.page` call with the
 * grid's sort and filter models; the server does the work in SQL. When the grid starts again from
 * the first row (new filter, new search, refresh) the matching total is counted as well.
 */

type FilterInput = NonNullable<MethodInput<'complaints.count'>['filterModel']>;
type SortInput = NonNullable<MethodInput<'complaints.page'>['sortModel']>;

const isColumn = (id: string): id is TrackingColumn => (TRACKING_COLUMNS as readonly string[]).includes(id);

/** Only columns the server knows; the model shapes themselves are checked by the server's schema. */
export function serverFilterModel(model: unknown): FilterInput {
  const out: Record<string, unknown> = {};
  if (model && typeof model === 'object') {
    for (const [colId, f] of Object.entries(model)) if (isColumn(colId) && f && typeof f === 'object') out[colId] = f;
  }
  return out as FilterInput;
}

/**
 * The server sorts by at most three of its columns. Age is worked out on the screen from the received
 * date, so the oldest case first is the earliest received first: age ascending is receivedAt descending.
 */
export function serverSortModel(model: SortModelItem[]): SortInput {
  const out: SortInput = [];
  for (const s of model) {
    const item =
      s.colId === 'age'
        ? { colId: 'receivedAt' as const, sort: s.sort === 'asc' ? ('desc' as const) : ('asc' as const) }
        : isColumn(s.colId)
          ? { colId: s.colId, sort: s.sort }
          : null;
    if (item && !out.some((o) => o.colId === item.colId)) out.push(item);
  }
  return out.slice(0, 3);
}

export interface DatasourceHooks {
  quickSearch(): string;
  view(): TrackingView;
  onCount(count: number | null): void;
  onError(e: unknown): void;
}

export function trackingDatasource(hooks: DatasourceHooks): IDatasource {
  let countSeq = 0;
  return {
    getRows(p: IGetRowsParams<ComplaintRow>) {
      const filterModel = serverFilterModel(p.filterModel);
      const quickSearch = hooks.quickSearch();
      const view = hooks.view();
      if (p.startRow === 0) {
        const mine = ++countSeq;
        hooks.onCount(null);
        call('complaints.count', { filterModel, quickSearch, view }).then(
          (r) => mine === countSeq && hooks.onCount(r.count),
          () => undefined,
        );
      }
      call('complaints.page', {
        startRow: p.startRow,
        endRow: p.endRow,
        sortModel: serverSortModel(p.sortModel),
        filterModel,
        quickSearch,
        view,
      }).then(
        (r) => p.successCallback(r.rows, r.lastRow ?? -1),
        (e: unknown) => {
          p.failCallback();
          hooks.onError(e);
        },
      );
    },
  };
}
