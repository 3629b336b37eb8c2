import type { Kysely } from 'kysely';
import { ApiError } from '../../shared/errors';
import type { FormLanguage, FormTarget } from '../../shared/print';
import type { Database } from '../db/schema';
import { monthId } from '../services/monthly-report-period';
import type { FormPrinter } from './port';

/**
 * Printing the monthly report for the chairman (issue 7): the same printers as the feedback form, on
 * the renderer's `#/print/monthly-report/:YYYYMM` route, which reads `report.get` and draws its
 * Pareto charts before it says it is ready. The mail (handlers-mail.ts) attaches the same PDF.
 */

/** The PDF's file name in the report's language, e.g. `月度报告-2026-10.pdf`. */
export function monthlyReportFileName(month: string, lang: FormLanguage): string {
  return `${lang === 'zh-CN' ? '月度报告' : 'monthly-report'}-${month}.pdf`;
}

const targetOf = (month: string, lang: FormLanguage): FormTarget => ({ doc: 'monthly-report', id: monthId(month), lang });

/** Callers other than the api (the mail, the scheduler) pass a month the schema has not seen. */
function checkMonth(month: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ApiError('VALIDATION', `not a month: ${month}`);
}

/** Main shows the system print dialog where it can (Electron); otherwise the page prints itself. */
export async function printMonthlyReport(
  _db: Kysely<Database>,
  printer: FormPrinter | null,
  input: { month: string; lang: FormLanguage },
): Promise<{ dialog: boolean }> {
  checkMonth(input.month);
  if (!printer?.print) return { dialog: false };
  await printer.print(targetOf(input.month, input.lang));
  return { dialog: true };
}

/**
 * The report of a month as PDF bytes and its file name: what `report.pdf` answers (base64) and what
 * the mail attaches. Throws INTERNAL where the shell has no PDF printer or the page failed to draw.
 * The page reads the store through the api itself; `db` keeps the signature of the other printed
 * documents (and room for a check of the month against the store).
 */
export async function monthlyReportPdf(
  _db: Kysely<Database>,
  printer: FormPrinter | null,
  month: string,
  lang: FormLanguage,
): Promise<{ fileName: string; bytes: Buffer }> {
  checkMonth(month);
  if (!printer) throw new ApiError('INTERNAL', 'this shell has no PDF printer');
  const bytes = Buffer.from(await printer.pdf(targetOf(month, lang)));
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('INTERNAL', 'the printer did not produce a PDF');
  return { fileName: monthlyReportFileName(month, lang), bytes };
}
