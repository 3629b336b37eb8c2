import { monthlyReportPdf } from '../print/monthly-report';
import type { FormPrinter } from '../print/port';
import type { ReportSource } from './mail';
import { monthlyKpis } from './monthly-report-kpis';
import { reportPeriod, shiftMonth } from './monthly-report-period';
import { getSettings } from './settings';

/** The mail's report: the monthly report's own PDF (print/monthly-report.ts) and key figures. */
export function monthlyReportSource(printer: FormPrinter | null): ReportSource {
  return {
    async pdf(db, { month, lang }) {
      const p = await monthlyReportPdf(db, printer, month, lang);
      return { fileName: p.fileName, data: p.bytes };
    },
    async kpis(db, month) {
      const tz = (await getSettings(db)).officeTimeZone;
      return monthlyKpis(db, reportPeriod(month, tz), reportPeriod(shiftMonth(month, -1), tz));
    },
  };
}
