import type { Kysely } from 'kysely';
import type { MonthlyReport, ParetoDimension } from '../../shared/analysis';
import { calendarDateOf } from '../../shared/dates';
import type { Database } from '../db/schema';
import { paretoOf } from './analysis';
import { monthlyKpis } from './monthly-report-kpis';
import { awaitingChairman, costsByDepartment, mainIssues, openCapas } from './monthly-report-lists';
import { reportPeriod, shiftMonth } from './monthly-report-period';
import { getSettings } from './settings';

/**
 * The monthly report for the chairman (issue 7; seed 001: the results of the statistical analysis
 * are reported to management as the basis for corrective and preventive action). One read of the
 * store per part: the month's key figures against the previous month, the Pareto diagrams of the
 * month (the analysis service's own aggregation, so the report and the analysis screen cannot
 * disagree), the main issues, the decisions waiting for the chairman now, the month's costs by
 * department, and the corrective actions still open.
 */

/** What fails, on which product, what comes back, and what it costs: the four diagrams of seed 001's "maintenance, return of products". */
export const REPORT_PARETOS: readonly ParetoDimension[] = ['defect_category', 'product_model', 'return_reason', 'cost_type'];
/** Bars per diagram before the rest is one "other" bar: legible at a quarter of an A4 page. */
export const REPORT_PARETO_BARS = 8;

export async function monthlyReport(db: Kysely<Database>, month: string, now: Date): Promise<MonthlyReport> {
  const tz = (await getSettings(db)).officeTimeZone;
  const period = reportPeriod(month, tz);
  const previous = reportPeriod(shiftMonth(month, -1), tz);
  const paretos = [];
  for (const dimension of REPORT_PARETOS) {
    paretos.push(
      await paretoOf(db, { dimension, from: period.from, to: period.to, severities: [], classifications: [], productLine: null, limit: REPORT_PARETO_BARS }),
    );
  }
  return {
    month,
    generatedAt: now.toISOString(),
    kpis: await monthlyKpis(db, period, previous),
    paretos,
    mainIssues: await mainIssues(db, period),
    awaitingChairman: await awaitingChairman(db),
    costsByDepartment: await costsByDepartment(db, period),
    capa: await openCapas(db, calendarDateOf(now, tz)),
  };
}
