import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';

/** The printable visit report's route: `#/print/visit-report/:actionId?lang=zh-CN|en[&autoprint=1]`, without the app's frame. */
export interface VisitReportRoute {
  name: 'visitReport';
  id: number;
  /** null: the app's current language. */
  lang: FormLanguage | null;
  autoprint: boolean;
}

export function parseVisitReportRoute(hash: string): VisitReportRoute | null {
  const m = /^#?\/print\/visit-report\/(\d{1,12})\/?(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[2] ?? '');
  const lang = q.get('lang');
  return {
    name: 'visitReport',
    id: Number(m[1]),
    lang: (FORM_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as FormLanguage) : null,
    autoprint: q.get('autoprint') === '1',
  };
}
