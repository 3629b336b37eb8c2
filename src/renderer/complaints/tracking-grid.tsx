import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type FilterModel,
  type GridApi,
  type GridReadyEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintRow } from '../../shared/types';
import { FONT_FAMILY } from '../shell/theme';
import { navigate, paths } from '../shell/router';
import { gridLocaleText } from './grid-locale';
import { trackingColumns } from './tracking-columns';
import { trackingDatasource, type DatasourceHooks } from './tracking-datasource';
import type { useColumnLayout } from './use-column-layout';

ModuleRegistry.registerModules([AllCommunityModule]);

const gridTheme = themeQuartz.withParams({
  fontFamily: FONT_FAMILY,
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1f5fa8',
  headerBackgroundColor: '#f5f7fa',
  rowHeight: 36,
  headerHeight: 40,
  wrapperBorderRadius: 6,
});

/**
 * One object for the life of the module: a new one on every render made ag-grid take the column
 * definitions again, which put moved columns back in their defined order at the next sort or filter.
 */
const DEFAULT_COL_DEF = { sortable: true, resizable: true, minWidth: 70 };

interface Props extends DatasourceHooks {
  layout: ReturnType<typeof useColumnLayout>;
  /** Filters survive the grid being re-created for another language: the last model is handed back. */
  savedFilterModel(): FilterModel | null;
  onFilterModel(model: FilterModel): void;
  onApi(api: GridApi<ComplaintRow> | null): void;
}

/**
 * The grid itself. ag-grid reads its locale only when created, so the page re-creates it (keyed by
 * language); layout and filters are carried over through `layout` and `savedFilterModel`.
 */
export function TrackingGrid({ layout, savedFilterModel, onFilterModel, onApi, ...hooks }: Props) {
  const { t } = useTranslation();
  const hooksRef = useRef(hooks);
  useEffect(() => {
    hooksRef.current = hooks;
  });
  const columnDefs = useMemo(() => trackingColumns(t), [t]);
  const localeText = useMemo(() => gridLocaleText(t), [t]);

  async function onGridReady(e: GridReadyEvent<ComplaintRow>) {
    onApi(e.api);
    await layout.restore(e.api);
    if (e.api.isDestroyed()) return;
    // Filters are applied (and awaited) before the first block is asked for, so that no
    // unfiltered page is fetched and shown in between.
    const filters = Object.entries(savedFilterModel() ?? {});
    if (filters.length) {
      await Promise.all(filters.map(([colId, model]) => e.api.setColumnFilterModel(colId, model)));
      if (e.api.isDestroyed()) return;
      e.api.onFilterChanged();
    }
    e.api.setGridOption(
      'datasource',
      trackingDatasource({
        quickSearch: () => hooksRef.current.quickSearch(),
        view: () => hooksRef.current.view(),
        onCount: (n) => hooksRef.current.onCount(n),
        onError: (err) => hooksRef.current.onError(err),
      }),
    );
  }

  // Layout changes made by the person; the grid's own adjustments (api, flex) are not theirs.
  const onColumnChange = (e: { api: GridApi; source: string; finished?: boolean }) => {
    if (e.finished === false || ['api', 'flex', 'gridInitializing', 'gridOptionsChanged'].includes(e.source)) return;
    layout.remember(e.api);
  };

  return (
    <div className="tracking-grid" data-testid="tracking-grid">
      <AgGridReact<ComplaintRow>
        theme={gridTheme}
        localeText={localeText}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        rowModelType="infinite"
        cacheBlockSize={100}
        maxBlocksInCache={50}
        // Twenty columns at most: rendering all keeps every header reachable (and findable by tests).
        suppressColumnVirtualisation
        getRowId={(p) => String(p.data.id)}
        tooltipShowDelay={600}
        onGridReady={(e) => void onGridReady(e)}
        onGridPreDestroyed={() => onApi(null)}
        onRowDoubleClicked={(e) => e.data && navigate(paths.case(e.data.id))}
        onFilterChanged={(e) => onFilterModel(e.api.getFilterModel())}
        onColumnMoved={onColumnChange}
        onColumnResized={onColumnChange}
        onColumnVisible={onColumnChange}
        onColumnPinned={onColumnChange}
        onSortChanged={onColumnChange}
      />
    </div>
  );
}
