import { monthlyReportPdf, printMonthlyReport } from '../print/monthly-report';
import { monthlyReportShared } from '../services/monthly-report';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/** The monthly report for the chairman (issue 7): its figures, paper and PDF. Sending it is handlers-mail.ts. */
export type ReportMethods = 'report.get' | 'report.print' | 'report.pdf';

export function createReportHandlers(info: AppInfo): Pick<Handlers, ReportMethods> {
  return {
    'report.get': (input, ctx) => {
      // Whoever reads the report may well want its PDF next: the printer gets ready meanwhile.
      info.printer?.warm?.();
      return monthlyReportShared(ctx.db, input.month, ctx.now);
    },
    'report.print': (input, ctx) => printMonthlyReport(ctx.db, info.printer, input),
    'report.pdf': async (input, ctx) => {
      const pdf = await monthlyReportPdf(ctx.db, info.printer, input.month, input.lang);
      return { fileName: pdf.fileName, data: pdf.bytes.toString('base64') };
    },
  };
}
