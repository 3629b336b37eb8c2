import type { Kysely } from 'kysely';
import { ApiError } from '../../shared/errors';
import { visitReportFileName, type FormLanguage, type FormTarget } from '../../shared/print';
import type { Database } from '../db/schema';
import type { FormPrinter } from './port';

/**
 * Printing the visit report of a service action (issue 5): the same printers as the feedback form,
 * on the renderer's `#/print/visit-report/:actionId` route. Reading the action first answers
 * NOT_FOUND before a browser is started, and gives the PDF its name.
 */

async function trackingNoOf(db: Kysely<Database>, actionId: number): Promise<string> {
  const row = await db
    .selectFrom('service_actions as s')
    .innerJoin('complaints as c', 'c.id', 's.complaint_id')
    .select('c.tracking_no')
    .where('s.id', '=', actionId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no service action with id ${actionId}`);
  return row.tracking_no;
}

const targetOf = (actionId: number, lang: FormLanguage): FormTarget => ({ doc: 'visit-report', id: actionId, lang });

/** Main shows the system print dialog where it can (Electron); otherwise the page prints itself. */
export async function printVisitReport(
  db: Kysely<Database>,
  printer: FormPrinter | null,
  input: { actionId: number; lang: FormLanguage },
): Promise<{ dialog: boolean }> {
  await trackingNoOf(db, input.actionId);
  if (!printer?.print) return { dialog: false };
  await printer.print(targetOf(input.actionId, input.lang));
  return { dialog: true };
}

export async function visitReportPdf(
  db: Kysely<Database>,
  printer: FormPrinter | null,
  input: { actionId: number; lang: FormLanguage },
): Promise<{ fileName: string; data: string }> {
  const no = await trackingNoOf(db, input.actionId);
  if (!printer) throw new ApiError('INTERNAL', 'this shell has no PDF printer');
  const pdf = Buffer.from(await printer.pdf(targetOf(input.actionId, input.lang)));
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('INTERNAL', 'the printer did not produce a PDF');
  return { fileName: visitReportFileName(no, input.actionId, input.lang), data: pdf.toString('base64') };
}
