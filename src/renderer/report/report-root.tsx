import { Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FormLanguage } from '../../shared/print';
import { toApiError } from '../common/api-errors';
import { currentLanguage, i18n } from '../i18n';
import { paths } from '../shell/router';
import { MonthlyReportSheet } from './monthly-report-sheet';
import { loadReport, type ReportData } from './report-data';
import { monthlyReportHash, printMonthlyReport, saveMonthlyReportPdf } from './report-print';
import type { MonthlyReportRoute } from './report-route';
import '../print/feedback-form.css';
import '../visits/visit-report.css';
import './monthly-report.css';
import { usePrintState } from '../print/use-print-state';
import { PrintDocRoot, PrintToolbar } from '../print/print-toolbar';

/**
 * `#/print/monthly-report/:YYYYMM?lang=`: the monthly report alone, as on paper, under a toolbar
 * that print CSS hides. The printers in main load this page and wait for `<html data-print-state>`:
 * `ready` once the figures are read, every Pareto chart is drawn and the fonts are loaded.
 */
export function MonthlyReportRoot({ route }: { route: MonthlyReportRoute }) {
  return (
    <PrintDocRoot>
      <ReportPrintPage key={`${route.id}-${route.lang ?? ''}`} route={route} />
    </PrintDocRoot>
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
  const print = useCallback(() => printMonthlyReport(month, lang, 'report'), [month, lang]);
  const savePdf = useCallback(() => saveMonthlyReportPdf(month, lang), [month, lang]);
  return (
    <PrintToolbar
      testId="mr"
      back={{ href: paths.report, label: t('report.back') }}
      lang={lang}
      languageLabel={t('report.language')}
      languageHash={(l) => monthlyReportHash(month, l)}
      printLabel={t('report.print')}
      pdfLabel={t('report.savePdf')}
      print={print}
      savePdf={savePdf}
      messageKey="monthly-report-pdf"
    />
  );
}
