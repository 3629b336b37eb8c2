import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Result, Segmented, Space, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';
import { toApiError, useShowError } from '../common/api-errors';
import { currentLanguage, i18n } from '../i18n';
import { navigate, paths } from '../shell/router';
import { theme } from '../shell/theme';
import { MonthlyReportSheet } from './monthly-report-sheet';
import { loadReport, type ReportData } from './report-data';
import { monthlyReportHash, printMonthlyReport, saveMonthlyReportPdf } from './report-print';
import type { MonthlyReportRoute } from './report-route';
import '../print/feedback-form.css';
import '../visits/visit-report.css';
import './monthly-report.css';
import { usePrintState } from '../print/use-print-state';

/**
 * `#/print/monthly-report/:YYYYMM?lang=`: the monthly report alone, as on paper, under a toolbar
 * that print CSS hides. The printers in main load this page and wait for `<html data-print-state>`:
 * `ready` once the figures are read, every Pareto chart is drawn and the fonts are loaded.
 */
export function MonthlyReportRoot({ route }: { route: MonthlyReportRoute }) {
  return (
    <ConfigProvider locale={currentLanguage() === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="ff-app">
        <ReportPrintPage key={`${route.id}-${route.lang ?? ''}`} route={route} />
      </AntApp>
    </ConfigProvider>
  );
}

function ReportPrintPage({ route }: { route: MonthlyReportRoute }) {
  const { t } = useTranslation();
  const lang: FormLanguage = route.lang ?? currentLanguage();
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    let live = true;
    loadReport(route.month).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [route.month]);

  const reportT = useMemo(() => i18n.getFixedT(lang), [lang]);
  const onDrawn = useCallback(() => setDrawn(true), []);
  usePrintState(error ? 'error' : data && drawn ? 'ready' : null, route.autoprint ? monthlyReportHash(route.month, lang) : null);

  useEffect(() => {
    const before = document.title;
    document.title = `${reportT('report.sheet.title')} ${route.month}`;
    return () => {
      document.title = before;
    };
  }, [reportT, route.month]);

  return (
    <div className="ff-page">
      <Toolbar month={route.month} lang={lang} />
      {error ? (
        <Result status="warning" title={t('report.loadFailed')} subTitle={error} />
      ) : data ? (
        <MonthlyReportSheet data={data} lang={lang} t={reportT} onDrawn={onDrawn} />
      ) : (
        <Spin className="ff-loading" />
      )}
    </div>
  );
}

function Toolbar({ month, lang }: { month: string; lang: FormLanguage }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);
  const run = useCallback(
    async (what: 'print' | 'pdf') => {
      setBusy(what);
      const key = 'monthly-report-pdf';
      try {
        if (what === 'print') await printMonthlyReport(month, lang, 'report');
        else {
          message.open({ key, type: 'loading', content: t('print.making'), duration: 0 });
          const name = await saveMonthlyReportPdf(month, lang);
          message.open({ key, type: 'success', content: t('print.saved', { name }) });
        }
      } catch (e) {
        message.destroy(key);
        showError(e);
      } finally {
        setBusy(null);
      }
    },
    [month, lang, message, showError, t],
  );
  return (
    <div className="ff-toolbar" data-testid="mr-toolbar">
      <Button icon={<ArrowLeftOutlined />} href={paths.report}>
        {t('report.back')}
      </Button>
      <Space>
        <Segmented<FormLanguage>
          aria-label={t('report.language')}
          value={lang}
          onChange={(v) => navigate(monthlyReportHash(month, v))}
          options={FORM_LANGUAGES.map((l) => ({ value: l, label: t(`print.lang.${l}`) }))}
        />
        <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void run('print')} data-testid="mr-print">
          {t('report.print')}
        </Button>
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void run('pdf')} data-testid="mr-save-pdf">
          {t('report.savePdf')}
        </Button>
      </Space>
    </div>
  );
}
