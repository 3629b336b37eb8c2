import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormLanguage } from '../../shared/print';
import { useShowError } from '../common/api-errors';
import { printFeedbackForm, saveFeedbackFormPdf } from './print-actions';

/**
 * Print and save-as-PDF of one printable document, with their busy state and messages: `print`
 * sends it to the printer, `savePdf` answers the saved file's name. `messageKey` keeps one message
 * per document on screen.
 */
export function useDocActions(doc: { print(): Promise<void>; savePdf(): Promise<string>; messageKey: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null);
  const { print: printDoc, savePdf: saveDoc, messageKey: key } = doc;

  const print = useCallback(async () => {
    setBusy('print');
    try {
      await printDoc();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }, [printDoc, showError]);

  const savePdf = useCallback(async () => {
    setBusy('pdf');
    message.open({ key, type: 'loading', content: t('print.making'), duration: 0 });
    try {
      const name = await saveDoc();
      message.open({ key, type: 'success', content: t('print.saved', { name }) });
    } catch (e) {
      message.destroy(key);
      showError(e);
    } finally {
      setBusy(null);
    }
  }, [saveDoc, key, message, showError, t]);

  return { busy, print, savePdf };
}

/** The feedback form's two actions, for the case page's buttons and the form's toolbar. */
export function usePrintActions(id: number, lang: FormLanguage, from: 'form' | 'elsewhere') {
  const print = useCallback(() => printFeedbackForm(id, lang, from), [id, lang, from]);
  const savePdf = useCallback(() => saveFeedbackFormPdf(id, lang), [id, lang]);
  return useDocActions({ print, savePdf, messageKey: 'feedback-form-pdf' });
}
