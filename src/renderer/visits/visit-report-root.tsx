import { Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printHash, type FormLanguage } from '../../shared/print';
import { on } from '../api/client';
import { toApiError } from '../common/api-errors';
import { currentLanguage, i18n } from '../i18n';
import { paths } from '../shell/router';
import { loadVisitReport, type VisitReportData } from './report-data';
import { printVisitReport, saveVisitReportPdf } from './report-print';
import type { VisitReportRoute } from './report-route';
import { VisitReport } from './visit-report';
import '../print/feedback-form.css';
import './visit-report.css';
import { usePrintState } from '../print/use-print-state';
import { PrintDocRoot, PrintToolbar } from '../print/print-toolbar';

/**
 * `#/print/visit-report/:actionId?lang=`: the visit report alone, as on paper, under a toolbar that
 * print CSS hides. The printers in main load this same page and wait for `<html data-print-state>`,
 * as for the feedback form.
 */
export function VisitReportRoot({ route }: { route: VisitReportRoute }) {
  return (
    <PrintDocRoot>
      <VisitReportPage key={`${route.id}-${route.lang ?? ''}`} route={route} />
    </PrintDocRoot>
  );
}

function VisitReportPage({ route }: { route: VisitReportRoute }) {
  const { t } = useTranslation();
  const lang: FormLanguage = route.lang ?? currentLanguage();
  const [data, setData] = useState<VisitReportData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      loadVisitReport(route.id).then(
        (d) => live && setData(d),
        (e: unknown) => live && setError(toApiError(e).message),
      );
    void load();
    const off = on('complaints.changed', ({ ids }) => {
      if (data === null || ids.includes(data.file.id)) void load();
    });
    return () => {
      live = false;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the case id is known only after the first load
  }, [route.id]);

  const reportT = useMemo(() => i18n.getFixedT(lang), [lang]);
  const printedAt = useMemo(() => new Date(), []);
  usePrintState(error ? 'error' : data ? 'ready' : null, route.autoprint ? printHash({ doc: 'visit-report', id: route.id, lang }) : null);

  useEffect(() => {
    if (!data) return;
    const before = document.title;
    document.title = `${reportT('visits.report.title')} ${data.file.trackingNo}-${data.action.id}`;
    return () => {
      document.title = before;
    };
  }, [data, reportT]);

  return (
    <div className="ff-page">
      <Toolbar actionId={route.id} caseId={data?.file.id ?? null} lang={lang} />
      {error ? (
        <Result status="warning" title={t('visits.report.loadFailed')} subTitle={error} />
      ) : data ? (
        <VisitReport data={data} lang={lang} t={reportT} printedAt={printedAt} />
      ) : (
        <Spin className="ff-loading" />
      )}
    </div>
  );
}

function Toolbar({ actionId, caseId, lang }: { actionId: number; caseId: number | null; lang: FormLanguage }) {
  const { t } = useTranslation();
  const print = useCallback(() => printVisitReport(actionId, lang, 'report'), [actionId, lang]);
  const savePdf = useCallback(() => saveVisitReportPdf(actionId, lang), [actionId, lang]);
  return (
    <PrintToolbar
      testId="vr"
      back={{ href: caseId ? paths.case(caseId) : paths.complaints, label: t('visits.report.back'), disabled: !caseId }}
      lang={lang}
      languageLabel={t('visits.report.language')}
      languageHash={(l) => printHash({ doc: 'visit-report', id: actionId, lang: l })}
      printLabel={t('visits.report.print')}
      pdfLabel={t('visits.report.savePdf')}
      print={print}
      savePdf={savePdf}
      messageKey="visit-report-pdf"
    />
  );
}
