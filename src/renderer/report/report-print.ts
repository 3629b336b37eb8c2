import { printHash, type FormLanguage } from '../../shared/print';
import { call } from '../api/client';
import { downloadBase64 } from '../costs/download';

/**
 * Printing and saving the monthly report, as the other printed documents: Electron prints through
 * the system dialog; in the host the report's own page prints itself, or opens in a new tab that
 * prints once drawn. The PDF comes from main and is saved as a file.
 */

export const monthlyReportHash = (month: string, lang: FormLanguage, opts: { autoprint?: boolean } = {}) =>
  printHash({ doc: 'monthly-report', id: Number(month.replace('-', '')), lang }, opts);

export async function printMonthlyReport(month: string, lang: FormLanguage, from: 'report' | 'elsewhere'): Promise<void> {
  const { dialog } = await call('report.print', { month, lang });
  if (dialog) return;
  if (from === 'report') window.print();
  else window.open(`${window.location.pathname}${monthlyReportHash(month, lang, { autoprint: true })}`, '_blank', 'noopener');
}

export async function saveMonthlyReportPdf(month: string, lang: FormLanguage): Promise<string> {
  const { fileName, data } = await call('report.pdf', { month, lang });
  downloadBase64(fileName, 'application/pdf', data);
  return fileName;
}
