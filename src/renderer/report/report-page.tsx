import { FilePdfOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Result, Segmented, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';
import { toApiError, useShowError } from '../common/api-errors';
import { currentLanguage, i18n } from '../i18n';
import { MonthlyReportSheet } from './monthly-report-sheet';
import { loadReport, previousMonth, type ReportData } from './report-data';
import { printMonthlyReport, saveMonthlyReportPdf } from './report-print';
import { SendPanel } from './send-panel';
import '../print/feedback-form.css';
import '../visits/visit-report.css';
import './monthly-report.css';

/**
 * `#/report`: the monthly report for the chairman (issue 7). Pick a month (the previous one by
 * default: the report goes out at the start of a month) and the report's language; the sheet below
 * is the report exactly as it prints (the same component as the print route, which main turns into
 * the PDF); print it, save it as PDF, or send it (the send panel).
 */
export function ReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [month, setMonth] = useState(() => previousMonth());
  const [lang, setLang] = useState<FormLanguage>(() => currentLanguage());
  const [state, setState] = useState<{ month: string; data: ReportData | null; error: string | null } | null>(null);
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    loadReport(month).then(
      (data) => live && setState({ month, data, error: null }),
      (e: unknown) => live && setState({ month, data: null, error: toApiError(e).message }),
    );
    return () => {
      live = false;
    };
  }, [month, generation]);

  const reportT = useMemo(() => i18n.getFixedT(lang), [lang]);
  const loading = state?.month !== month;

  const run = useCallback(
    async (what: 'print' | 'pdf') => {
      setBusy(what);
      const key = 'monthly-report-pdf';
      try {
        if (what === 'print') await printMonthlyReport(month, lang, 'elsewhere');
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
    <div className="report-page" data-testid="report-page">
      <div className="report-page-controls">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('report.page.title')}
        </Typography.Title>
        <Space wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'month')}
            onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))}
            aria-label={t('report.page.month')}
            data-testid="report-month"
          />
          <Segmented<FormLanguage>
            aria-label={t('report.language')}
            value={lang}
            onChange={setLang}
            options={FORM_LANGUAGES.map((l) => ({ value: l, label: t(`print.lang.${l}`) }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => setGeneration((g) => g + 1)} aria-label={t('report.page.refresh')} />
          <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void run('print')} data-testid="report-print">
            {t('report.print')}
          </Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void run('pdf')} data-testid="report-save-pdf">
            {t('report.savePdf')}
          </Button>
        </Space>
      </div>
      <div className="report-preview" data-testid="report-preview">
        {loading ? (
          <Spin className="ff-loading" />
        ) : state?.error ? (
          <Result status="warning" title={t('report.loadFailed')} subTitle={state.error} />
        ) : state?.data ? (
          <MonthlyReportSheet key={`${month}-${lang}-${generation}`} data={state.data} lang={lang} t={reportT} />
        ) : null}
      </div>
      <div className="report-send">
        <SendPanel month={month} lang={lang} />
      </div>
    </div>
  );
}
