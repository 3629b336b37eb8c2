import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Result, Segmented, Space, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_LANGUAGES, printHash, type FormLanguage } from '../../shared/print';
import { on } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { currentLanguage, i18n } from '../i18n';
import { navigate, paths } from '../shell/router';
import { theme } from '../shell/theme';
import { loadVisitReport, type VisitReportData } from './report-data';
import { printVisitReport, saveVisitReportPdf } from './report-print';
import type { VisitReportRoute } from './report-route';
import { VisitReport } from './visit-report';
import '../print/feedback-form.css';
import './visit-report.css';
import { usePrintState } from '../print/use-print-state';

/**
 * `#/print/visit-report/:actionId?lang=`: the visit report alone, as on paper, under a toolbar that
 * print CSS hides. The printers in main load this same page and wait for `<html data-print-state>`,
 * as for the feedback form.
 */
export function VisitReportRoot({ route }: { route: VisitReportRoute }) {
  return (
    <ConfigProvider locale={currentLanguage() === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="ff-app">
        <VisitReportPage key={`${route.id}-${route.lang ?? ''}`} route={route} />
      </AntApp>
    </ConfigProvider>
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
  const { message } = AntApp.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);
  const run = useCallback(
    async (what: 'print' | 'pdf') => {
      setBusy(what);
      const key = 'visit-report-pdf';
      try {
        if (what === 'print') await printVisitReport(actionId, lang, 'report');
        else {
          message.open({ key, type: 'loading', content: t('print.making'), duration: 0 });
          const name = await saveVisitReportPdf(actionId, lang);
          message.open({ key, type: 'success', content: t('print.saved', { name }) });
        }
      } catch (e) {
        message.destroy(key);
        showError(e);
      } finally {
        setBusy(null);
      }
    },
    [actionId, lang, message, showError, t],
  );
  return (
    <div className="ff-toolbar" data-testid="vr-toolbar">
      <Button icon={<ArrowLeftOutlined />} href={caseId ? paths.case(caseId) : paths.complaints} disabled={!caseId}>
        {t('visits.report.back')}
      </Button>
      <Space>
        <Segmented<FormLanguage>
          aria-label={t('visits.report.language')}
          value={lang}
          onChange={(v) => navigate(printHash({ doc: 'visit-report', id: actionId, lang: v }))}
          options={FORM_LANGUAGES.map((l) => ({ value: l, label: t(`print.lang.${l}`) }))}
        />
        <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void run('print')} data-testid="vr-print">
          {t('visits.report.print')}
        </Button>
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void run('pdf')} data-testid="vr-save-pdf">
          {t('visits.report.savePdf')}
        </Button>
      </Space>
    </div>
  );
}
