import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';

/** The printable monthly report's route: `#/print/monthly-report/:YYYYMM?lang=zh-CN|en[&autoprint=1]`, without the app's frame. */
export interface MonthlyReportRoute {
  name: 'monthlyReport';
  /** YYYYMM, e.g. 202611. */
  id: number;
  /** YYYY-MM. */
  month: string;
  lang: FormLanguage | null;
  autoprint: boolean;
}

export function parseMonthlyReportRoute(hash: string): MonthlyReportRoute | null {
  const m = /^#?\/print\/monthly-report\/(\d{4})(0[1-9]|1[0-2])\/?(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[3] ?? '');
  const lang = q.get('lang');
  return {
    name: 'monthlyReport',
    id: Number(`${m[1]}${m[2]}`),
    month: `${m[1]}-${m[2]}`,
    lang: (FORM_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as FormLanguage) : null,
    autoprint: q.get('autoprint') === '1',
  };
}
