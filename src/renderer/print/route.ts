import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';

/**
 * The printable form's route: `#/print/feedback-form/:id?lang=zh-CN|en[&autoprint=1]`. It is shown
 * without the app's frame (no menu, no header), as it will be on paper.
 */
export interface FeedbackFormRoute {
  name: 'feedbackForm';
  id: number;
  /** null: the app's current language. */
  lang: FormLanguage | null;
  /** Opened by a Print button of the host: open the browser's print dialog once drawn. */
  autoprint: boolean;
}

export function parseFeedbackFormRoute(hash: string): FeedbackFormRoute | null {
  const m = /^#?\/print\/feedback-form\/(\d{1,12})\/?(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[2] ?? '');
  const lang = q.get('lang');
  return {
    name: 'feedbackForm',
    id: Number(m[1]),
    lang: (FORM_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as FormLanguage) : null,
    autoprint: q.get('autoprint') === '1',
  };
}
