import { PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Input, Skeleton, Typography } from 'antd';
import type { FilterModel, GridApi } from 'ag-grid-community';
import { useEffect, useRef, useState } from 'react';
import { filterModelSchema } from '../../shared/schemas/grid';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/domain';
import type { ComplaintRow } from '../../shared/types';
import { on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { useDebouncedCallback } from '../common/use-debounced';
import { currentLanguage } from '../i18n';
import { navigate, paths } from '../shell/router';
import { CalendarWarningBanner } from '../rules/calendar-warning';
import { ColumnChooser } from './column-chooser';
import { TrackingExport } from './tracking-export';
import { TrackingGrid } from './tracking-grid';
import { useColumnLayout } from './use-column-layout';
import { useTrackingView, ViewSwitch } from './tracking-views';
import { filterFromHash } from '../analysis/pareto-links';

/**
 * A filter model handed over in the address (`#/complaints?filter=<JSON>`, e.g. from a Pareto bar):
 * the grid's own model, applied as it is once the server's schema accepts it; anything else is ignored.
 */
function filterInAddress(): FilterModel | null {
  const raw = filterFromHash(window.location.hash);
  if (!raw || !filterModelSchema.safeParse(raw).success || Object.keys(raw).length === 0) return null;
  return raw as FilterModel;
}

/**
 * The customer complaints tracking table (seed 002 §5.1), the home page: every case, newest first,
 * searched, filtered and sorted by the server, a block of rows at a time.
 */
export function TrackingTablePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const layout = useColumnLayout();
  const [api, setApi] = useState<GridApi<ComplaintRow> | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const quickSearch = useRef('');
  const [fromAddress] = useState(filterInAddress);
  const filterModel = useRef<FilterModel | null>(fromAddress);
  const [columnFiltered, setColumnFiltered] = useState(fromAddress !== null);
  // A filter from the address means these cases: all of them, whatever view was remembered.
  const views = useTrackingView(fromAddress ? 'all' : undefined);
  const filtered = columnFiltered || search.trim() !== '' || views.view !== 'all';

  const applySearch = useDebouncedCallback((q: string) => {
    if (q.trim() === quickSearch.current) return;
    quickSearch.current = q.trim();
    api?.purgeInfiniteCache();
  }, 300);

  // Someone (here or in another window) registered or changed a case, or the data was replaced.
  useEffect(() => {
    const refresh = () => api?.purgeInfiniteCache();
    const offs = [on('complaints.changed', refresh), on('app.dataReset', refresh)];
    return () => offs.forEach((off) => off());
  }, [api]);

  return (
    <div className="tracking-page">
      <div className="tracking-title">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('table.title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('table.openHint')}
        </Typography.Text>
      </div>
      <CalendarWarningBanner where="table" />
      {views.view && (
        <div className="tracking-toolbar">
          <ViewSwitch
            value={views.view}
            onChange={(v) => {
              views.choose(v);
              api?.purgeInfiniteCache();
            }}
          />
        </div>
      )}
      <div className="tracking-toolbar">
        <Input.Search
          id="tracking-search"
          allowClear
          style={{ width: 360 }}
          maxLength={LIMITS.quickSearch}
          placeholder={t('table.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            applySearch.run(e.target.value);
          }}
          onSearch={(v) => {
            applySearch.run(v);
            applySearch.flush();
          }}
        />
        <Typography.Text type="secondary" data-testid="tracking-count">
          {count === null ? t('table.counting') : t(filtered ? 'table.totalFiltered' : 'table.total', { count })}
        </Typography.Text>
        <span className="spacer" />
        <ColumnChooser api={api} onChange={() => api && layout.remember(api)} />
        <TrackingExport api={api} quickSearch={() => quickSearch.current} view={views.current} count={count} />
        <Button
          icon={<UndoOutlined />}
          onClick={() => {
            if (!api) return;
            layout.reset(api);
            void message.info(t('table.layoutReset'));
          }}
        >
          {t('table.resetLayout')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(paths.register)}>
          {t('table.register')}
        </Button>
      </div>
      {/* The grid waits for the remembered view, so that no other view's rows flash by first. */}
      {views.view === null ? (
        <Skeleton active />
      ) : (
        <TrackingGrid
          key={currentLanguage()}
          layout={layout}
          savedFilterModel={() => filterModel.current}
          onFilterModel={(m) => {
            filterModel.current = m;
            setColumnFiltered(Object.keys(m).length > 0);
          }}
          onApi={setApi}
          quickSearch={() => quickSearch.current}
          view={views.current}
          onCount={setCount}
          onError={showError}
        />
      )}
    </div>
  );
}
