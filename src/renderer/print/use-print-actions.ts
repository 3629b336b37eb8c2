import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormLanguage } from '../../shared/print';
import { useShowError } from '../common/api-errors';
import { printFeedbackForm, saveFeedbackFormPdf } from './print-actions';

/** The two actions with their busy state and messages, for the case page's buttons and the form's toolbar. */
export function usePrintActions(id: number, lang: FormLanguage, from: 'form' | 'elsewhere') {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);

  const print = useCallback(async () => {
    setBusy('print');
    try {
      await printFeedbackForm(id, lang, from);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }, [id, lang, from, showError]);

  const savePdf = useCallback(async () => {
    setBusy('pdf');
    const key = 'feedback-form-pdf';
    message.open({ key, type: 'loading', content: t('print.making'), duration: 0 });
    try {
      const name = await saveFeedbackFormPdf(id, lang);
      message.open({ key, type: 'success', content: t('print.saved', { name }) });
    } catch (e) {
      message.destroy(key);
      showError(e);
    } finally {
      setBusy(null);
    }
  }, [id, lang, message, showError, t]);

  return { busy, print, savePdf };
}
