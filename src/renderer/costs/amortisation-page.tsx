import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AMORTISATION_DIMENSIONS, type AmortisationDimension, type AmortisationPivot } from '../../shared/costs';
import type { Department } from '../../shared/types';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { DrillDrawer } from './drill-drawer';
import { downloadBase64, XLSX_MIME } from './download';
import { yearOptions } from './periods-panel';
import { PivotTable, type DrillTarget } from './pivot-table';
import './costs.css';

/**
 * `#/costs/amortisation`: approved company-borne costs as Finance amortised them (seed 002 §5.3, §8)
 * — by department and person (the shares of the responsibility decision), product line, customer or
 * cost type × the months of a year; down to the cases; to xlsx; on paper (A4 landscape).
 */

/** Only while this page is shown: the page is printed landscape, without the app's frame. */
const PRINT_CSS = `
@page { size: A4 landscape; margin: 10mm; }
@media print {
  .shell-sider, .shell-header, .amort-head, .amort-noprint, .ant-drawer, .ant-message, .ant-notification { display: none !important; }
  .shell, .shell > .ant-layout, .shell-content { background: #fff !important; margin: 0 !important; padding: 0 !important; overflow: visible !important; height: auto !important; min-height: 0 !important; }
  .amort-print-title { display: block !important; }
  .amort-pivot .ant-table-content, .amort-pivot .ant-table-body { overflow: visible !important; }
  .amort-pivot table { width: 100% !important; min-width: 0 !important; table-layout: fixed; }
  .amort-pivot .ant-table-cell, .amort-pivot .ant-typography { font-size: 9pt !important; }
  .amort-pivot .ant-table-cell { padding: 3px 4px !important; }
  .amort-pivot .ant-table-cell-fix-left, .amort-pivot .ant-table-cell-fix-right { position: static !important; }
  .amort-pivot a { color: #000 !important; }
}`;

export function AmortisationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [dimension, setDimension] = useState<AmortisationDimension>('department');
  // The pivot with what it was asked for: while another year or view loads, the table says so.
  const [result, setResult] = useState<{
    asked: string;
    pivot: AmortisationPivot | null;
  } | null>(null);
  const asked = `${year}:${dimension}`;
  const loading = result?.asked !== asked;
  const pivot = loading ? null : (result?.pivot ?? null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [exporting, setExporting] = useState(false);
  const [currency, setCurrency] = useState('CNY');

  useEffect(() => {
    call('departments.list', {}).then(setDepartments, () => setDepartments([]));
    call('settings.get', {}).then(
      (s) => setCurrency(s.baseCurrency),
      () => undefined,
    );
  }, []);

  const load = useCallback(() => {
    let live = true;
    const key = `${year}:${dimension}`;
    call('amortisation.pivot', { year, dimension }).then(
      (p) => live && setResult({ asked: key, pivot: p }),
      (e: unknown) => {
        if (!live) return;
        setResult({ asked: key, pivot: null });
        showError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [year, dimension, showError]);
  useEffect(load, [load]);
  // Vetting, reversals, a changed responsibility decision or a closed month change the figures.
  useEffect(() => {
    const offs = [on('costs.changed', () => load()), on('complaints.changed', () => load())];
    return () => offs.forEach((off) => off());
  }, [load]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { fileName, data } = await call('amortisation.exportXlsx', {
        year,
        dimension,
      });
      downloadBase64(fileName, XLSX_MIME, data);
      void message.success(t('costsUi.pivot.exported', { name: fileName }));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(false);
    }
  };

  const dimensionLabel = t(`costsUi.pivot.dimension.${dimension}`);
  return (
    <div className="costs-page amort-page" data-testid="amortisation-page">
      <style>{PRINT_CSS}</style>
      <div className="amort-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('costsUi.pivot.title')}
        </Typography.Title>
        <Space className="amort-noprint" wrap>
          <Select id="amort-year" value={year} onChange={setYear} options={yearOptions(thisYear)} style={{ width: 100 }} />
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="amort-export">
            {t('costsUi.pivot.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="amort-print">
            {t('costsUi.pivot.print')}
          </Button>
        </Space>
      </div>
      <div className="amort-print-title">{t('costsUi.pivot.printTitle', { year, dimension: dimensionLabel })}</div>
      <Typography.Paragraph type="secondary" className="amort-noprint" style={{ marginTop: 4 }}>
        {t('costsUi.pivot.hint')}
      </Typography.Paragraph>
      <Tabs
        className="amort-noprint"
        activeKey={dimension}
        onChange={(k) => setDimension(k as AmortisationDimension)}
        items={AMORTISATION_DIMENSIONS.map((d) => ({
          key: d,
          label: <span data-testid={`amort-tab-${d}`}>{t(`costsUi.pivot.dimension.${d}`)}</span>,
        }))}
      />
      <PivotTable pivot={pivot} departments={departments} loading={loading} onDrill={setDrill} />
      <Typography.Text type="secondary" className="amort-unit">
        {t('costsUi.pivot.unit', { currency })}
      </Typography.Text>
      <DrillDrawer year={year} dimension={dimension} target={drill} departments={departments} onClose={() => setDrill(null)} />
    </div>
  );
}
