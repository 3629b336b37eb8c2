import type { Kysely } from 'kysely';
import { ApiError } from '../../shared/errors';
import { feedbackFormFileName, type FormTarget } from '../../shared/print';
import type { Database } from '../db/schema';
import type { FormPrinter } from './port';

/**
 * Printing the customer feedback processing form (seed 002 §5.1). Reading the case first answers
 * NOT_FOUND before a browser is started, and gives the PDF its name.
 */

async function trackingNo(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db.selectFrom('complaints').select('tracking_no').where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no complaint with id ${id}`);
  return row.tracking_no;
}

/** Main shows the system print dialog where it can (Electron); otherwise the page prints itself. */
export async function printFeedbackForm(
  db: Kysely<Database>,
  printer: FormPrinter | null,
  target: FormTarget,
): Promise<{ dialog: boolean }> {
  await trackingNo(db, target.id);
  if (!printer?.print) return { dialog: false };
  await printer.print(target);
  return { dialog: true };
}

export async function feedbackFormPdf(
  db: Kysely<Database>,
  printer: FormPrinter | null,
  target: FormTarget,
): Promise<{ fileName: string; data: string }> {
  const no = await trackingNo(db, target.id);
  if (!printer) throw new ApiError('INTERNAL', 'this shell has no PDF printer');
  const pdf = Buffer.from(await printer.pdf(target));
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ApiError('INTERNAL', 'the printer did not produce a PDF');
  return { fileName: feedbackFormFileName(no, target.lang), data: pdf.toString('base64') };
}
