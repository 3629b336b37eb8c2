import { Result, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackFormHash, type FormLanguage } from '../../shared/print';
import type { CostLineDetail } from '../../shared/costs';
import type { CaseFile } from '../../shared/types';
import { call, on } from '../api/client';
import { toApiError } from '../common/api-errors';
import { currentLanguage, i18n } from '../i18n';
import { FeedbackForm } from './feedback-form';
import { FormToolbar } from './form-toolbar';
import type { FeedbackFormRoute } from './route';
import './feedback-form.css';
import { usePrintState } from './use-print-state';

/**
 * `#/print/feedback-form/:id?lang=`: the form alone, as it will be on paper, under a toolbar that
 * print CSS hides. Printers (Electron's hidden window, the host's Chromium) load this same page and
 * wait for `<html data-print-state>`; the host's Print button opens it with `autoprint=1`.
 */
export function FeedbackFormPage({ route }: { route: FeedbackFormRoute }) {
  const { t } = useTranslation();
  const lang: FormLanguage = route.lang ?? currentLanguage();
  const [data, setData] = useState<{ file: CaseFile; currency: string; costs: CostLineDetail[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      // The cost summary (issue 6) is read with the case, so the form is whole when it says "ready".
      Promise.all([call('complaints.file', { id: route.id }), call('settings.get', {}), call('costs.caseDetail', { id: route.id })]).then(
        ([file, settings, costs]) => live && setData({ file, currency: settings.baseCurrency, costs }),
        (e: unknown) => live && setError(toApiError(e).message),
      );
    void load();
    const offs = [
      on('complaints.changed', ({ ids }) => {
        if (ids.includes(route.id)) void load();
      }),
      on('costs.changed', ({ complaintIds }) => {
        if (complaintIds.includes(route.id)) void load();
      }),
    ];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [route.id]);

  const formT = useMemo(() => i18n.getFixedT(lang), [lang]);
  const printedAt = useMemo(() => new Date(), []);
  usePrintState(error ? 'error' : data ? 'ready' : null, route.autoprint ? feedbackFormHash(route.id, lang) : null);

  useEffect(() => {
    if (!data) return;
    const before = document.title;
    // Browsers offer the title as the PDF's name in their print dialog.
    document.title = `${formT('form.title')} ${data.file.trackingNo}`;
    return () => {
      document.title = before;
    };
  }, [data, formT]);

  return (
    <div className="ff-page">
      <FormToolbar id={route.id} lang={lang} />
      {error ? (
        <Result status="warning" title={t('print.loadFailed')} subTitle={error} />
      ) : data ? (
        <FeedbackForm file={data.file} lang={lang} t={formT} currency={data.currency} printedAt={printedAt} costs={data.costs} />
      ) : (
        <Spin className="ff-loading" />
      )}
    </div>
  );
}
