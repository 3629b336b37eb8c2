import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormLanguage } from '../../shared/print';
import { paths } from '../shell/router';
import { printFeedbackForm, saveFeedbackFormPdf } from './print-actions';
import { PrintToolbar } from './print-toolbar';

/**
 * The form page's own toolbar (never printed): back to the case, the form's language, print, PDF.
 * Its words follow the app's language; the form below follows the chosen one.
 */
export function FormToolbar({ id, lang }: { id: number; lang: FormLanguage }) {
  const { t } = useTranslation();
  const print = useCallback(() => printFeedbackForm(id, lang, 'form'), [id, lang]);
  const savePdf = useCallback(() => saveFeedbackFormPdf(id, lang), [id, lang]);
  return (
    <PrintToolbar
      testId="ff"
      back={{ href: paths.case(id), label: t('print.back') }}
      lang={lang}
      languageLabel={t('print.formLanguage')}
      languageHash={(l) => paths.feedbackForm(id, l)}
      printLabel={t('print.print')}
      pdfLabel={t('print.savePdf')}
      print={print}
      savePdf={savePdf}
      messageKey="feedback-form-pdf"
    />
  );
}
