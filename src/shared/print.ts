import { z } from 'zod';
import { id } from './schemas/common';

/**
 * The printable customer feedback processing form (seed 002 §5.1), as both shells and the renderer
 * address it: its languages, its route, and the attribute by which the page tells a printer that it
 * has finished drawing (or failed). The form is one page of the renderer, printed as it is shown.
 */

/** A form is printed in one language, chosen per print, whatever the app's own language. */
export const FORM_LANGUAGES = ['zh-CN', 'en'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

export const formTargetSchema = z.object({ id, lang: z.enum(FORM_LANGUAGES) });
/**
 * What a printer prints: a document of the renderer's print routes, the id of what it shows, and the
 * language. Without `doc` it is the feedback form of case `id`.
 */
export type FormTarget = z.output<typeof formTargetSchema> & { doc?: PrintDoc };
/** The printable documents: the feedback form (case id), the visit report (service action id, issue 5), the monthly report (id YYYYMM, issue 7). */
export const PRINT_DOCS = ['feedback-form', 'visit-report', 'monthly-report'] as const;
export type PrintDoc = (typeof PRINT_DOCS)[number];

/** The route of any printable document, e.g. `#/print/visit-report/7?lang=en`. */
export function printHash(target: FormTarget, opts: { autoprint?: boolean } = {}): string {
  const doc = target.doc ?? 'feedback-form';
  return `#/print/${doc}/${target.id}?lang=${target.lang}${opts.autoprint ? '&autoprint=1' : ''}`;
}

/** The form's route (hash), e.g. `#/print/feedback-form/12?lang=zh-CN`. */
export function feedbackFormHash(caseId: number, lang: FormLanguage, opts: { autoprint?: boolean } = {}): string {
  return `#/print/feedback-form/${caseId}?lang=${lang}${opts.autoprint ? '&autoprint=1' : ''}`;
}

/**
 * Set on `<html>` by the form page: `ready` once the case is drawn and the fonts are loaded,
 * `error` when the case could not be read. Printers wait for it before they print.
 */
export const PRINT_STATE_ATTRIBUTE = 'data-print-state';
export type PrintState = 'ready' | 'error';

/** The PDF's file name: the form's name in its language and the tracking number. */
export function feedbackFormFileName(trackingNo: string, lang: FormLanguage): string {
  // Tracking number formats are configurable: keep what a file system would refuse out of the name.
  const safe = trackingNo.replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${lang === 'zh-CN' ? '客户反馈处理单' : 'feedback-form'}-${safe}.pdf`;
}

/** The visit report's PDF name: its name in its language, the tracking number and the visit's number. */
export function visitReportFileName(trackingNo: string, actionId: number, lang: FormLanguage): string {
  const safe = trackingNo.replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${lang === 'zh-CN' ? '服务报告' : 'visit-report'}-${safe}-${actionId}.pdf`;
}
