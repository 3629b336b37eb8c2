import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import type { GridApi } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../shared/contract';
import { COMPLAINT_STATES } from '../../shared/domain';
import { EXPORT_COLUMNS, type ExportColumn } from '../../shared/schemas/data-io';
import type { TrackingView } from '../../shared/schemas/grid';
import type { ComplaintRow } from '../../shared/types';
import { call } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { downloadBase64, XLSX_MIME } from '../costs/download';
import { currentLanguage } from '../i18n';
import type { ChoiceFilterParams } from './choice-filter';
import { nextStepText } from './tracking-cells';
import { serverFilterModel, serverSortModel } from './tracking-datasource';

/**
 * "导出 / Export" on the tracking table (issue 8): the table as the person sees it — the view, the
 * column filters, the quick search, the sort, the visible columns in their order and widths — goes to
 * main, which reads the rows with the grid's own query and writes an xlsx or a csv. Main has no
 * words of its own, so the headers and the words for coded values travel with the request.
 */

type ExportInput = MethodInput<'complaints.export'>;
type Format = ExportInput['format'];

const isExportColumn = (id: string): id is ExportColumn => (EXPORT_COLUMNS as readonly string[]).includes(id);

/** What the grid shows now, as the export's input. */
export function exportRequest(
  api: GridApi<ComplaintRow>,
  t: TFunction,
  state: { quickSearch: string; view: TrackingView; format: Format },
): ExportInput {
  // Displayed columns come pinned-left first, then in the order the person arranged them.
  const shown = api.getAllDisplayedColumns().filter((c) => isExportColumn(c.getColId()));
  const columns = shown.map((c) => ({
    colId: c.getColId() as ExportColumn,
    header: c.getColDef().headerName ?? c.getColId(),
    width: Math.round(c.getActualWidth()),
  }));
  const labels: NonNullable<ExportInput['labels']> = {};
  for (const c of shown) {
    const id = c.getColId() as ExportColumn;
    // A choice column's words are the ones its filter offers (enum.<field>.<code>, or its labelKey).
    const p = c.getColDef().filterParams as Partial<ChoiceFilterParams> | undefined;
    if (p?.codes && p.choiceField) {
      const key = p.labelKey ?? `enum.${p.choiceField}`;
      labels[id] = Object.fromEntries(p.codes.map((code) => [code, t(`${key}.${code}`, { defaultValue: code })]));
    }
    if (id === 'nextStep') labels.nextStep = Object.fromEntries(COMPLAINT_STATES.map((s) => [s, nextStepText(t, s)]));
  }
  const sorted = api
    .getColumnState()
    .filter((s) => s.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((s) => ({ colId: s.colId, sort: s.sort! }));
  return {
    format: state.format,
    columns,
    labels,
    filterModel: serverFilterModel(api.getFilterModel()),
    quickSearch: state.quickSearch,
    view: state.view,
    sortModel: serverSortModel(sorted),
    lang: currentLanguage(),
  };
}

const MIME: Record<Format, string> = { xlsx: XLSX_MIME, csv: 'text/csv;charset=utf-8' };

interface Props {
  api: GridApi<ComplaintRow> | null;
  quickSearch(): string;
  view(): TrackingView;
  /** The rows the table counts now, said while the export runs. */
  count: number | null;
}

export function TrackingExport({ api, quickSearch, view, count }: Props) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [running, setRunning] = useState<Format | null>(null);

  async function run(format: Format) {
    if (!api || api.isDestroyed() || running) return;
    const input = exportRequest(api, t, { quickSearch: quickSearch(), view: view(), format });
    setRunning(format);
    const key = 'tracking-export';
    void message.loading({
      key,
      content: count === null ? t('exporter.runningUnknown') : t('exporter.running', { count, n: count.toLocaleString() }),
      duration: 0,
    });
    try {
      const r = await call('complaints.export', input);
      downloadBase64(r.fileName, MIME[format], r.data);
      void message.success({ key, content: t('exporter.done', { count: r.rows, n: r.rows.toLocaleString(), file: r.fileName }), duration: 6 });
    } catch (e) {
      message.destroy(key);
      const tooMany = toApiError(e).issues.find((i) => i.code === 'export_too_many');
      if (tooMany) {
        notification.warning({
          message: t('exporter.tooManyTitle'),
          description: t('exporter.tooMany', {
            count: Number(tooMany.params?.count ?? 0).toLocaleString(),
            max: Number(tooMany.params?.max ?? 0).toLocaleString(),
          }),
        });
      } else showError(e);
    } finally {
      setRunning(null);
    }
  }

  return (
    <Dropdown
      trigger={['click']}
      disabled={!api || running !== null}
      menu={{
        onClick: ({ key }) => void run(key as Format),
        items: [
          { key: 'xlsx', icon: <FileExcelOutlined />, label: <span data-testid="tracking-export-xlsx">{t('exporter.xlsx')}</span> },
          { key: 'csv', icon: <FileTextOutlined />, label: <span data-testid="tracking-export-csv">{t('exporter.csv')}</span> },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} loading={running !== null} data-testid="tracking-export" title={t('exporter.hint')}>
        {t('exporter.button')}
      </Button>
    </Dropdown>
  );
}
