import type { MonthlyReport } from '../../shared/analysis';
import type { Department } from '../../shared/types';
import { call } from '../api/client';

/** What the monthly report draws: its figures, the departments (for their names), the office's time zone. */
export interface ReportData {
  report: MonthlyReport;
  departments: Department[];
  timeZone: string;
}

export async function loadReport(month: string): Promise<ReportData> {
  const [report, departments, settings] = await Promise.all([call('report.get', { month }), call('departments.list', {}), call('settings.get', {})]);
  return { report, departments, timeZone: settings.officeTimeZone };
}

/** The previous month of today's, `YYYY-MM`: the report the chairman gets at the start of a month. */
export function previousMonth(now = new Date()): string {
  const y = now.getFullYear();
  const m = now.getMonth(); // 0-based: this is already the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
