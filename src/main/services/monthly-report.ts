import type { Kysely } from 'kysely';
import type { MonthlyReport, ParetoDimension } from '../../shared/analysis';
import { calendarDateOf } from '../../shared/dates';
import type { Database } from '../db/schema';
import { dataVersion } from '../db/sqlite-extras';
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
  return computeReport(db, month, now, (await getSettings(db)).officeTimeZone);
}

async function computeReport(db: Kysely<Database>, month: string, now: Date, tz: string): Promise<MonthlyReport> {
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

/**
 * A report computed in the last minute, on the same data, the same office day: what the report page
 * shows is what its PDF and its mail attach. Opening the report page reads it, and "PDF" then
 * prints the report's own page in a hidden browser, which reads it again through the api; at a
 * million complaints that second read is a third of a second the person would wait for nothing.
 */
const SHARED_MS = 60_000;
const SHARED_MAX = 4;
interface Shared {
  key: string;
  at: number;
  report: Promise<MonthlyReport>;
}
const shared = new WeakMap<Kysely<Database>, Shared[]>();

/**
 * `monthlyReport`, answered from a report computed within the last minute when nothing in the store
 * has changed since (the store's data version: any insert, update or delete, the settings' and the
 * rules' included) and it is still the same day in the office (the overdue corrective actions count
 * from today); concurrent calls share one computation. The answer carries this call's instant: the
 * figures are the same as a fresh read's would be.
 */
export async function monthlyReportShared(db: Kysely<Database>, month: string, now: Date): Promise<MonthlyReport> {
  const tz = (await getSettings(db)).officeTimeZone;
  const key = `${month}|${calendarDateOf(now, tz)}|${tz}|${await dataVersion(db)}`;
  const at = performance.now();
  const list = (shared.get(db) ?? []).filter((s) => at - s.at < SHARED_MS);
  let hit = list.find((s) => s.key === key);
  if (!hit) {
    hit = { key, at, report: computeReport(db, month, now, tz) };
    // A failed computation is not kept: the next call tries again.
    const failed = hit;
    hit.report.catch(() => {
      const l = shared.get(db);
      if (l) shared.set(db, l.filter((s) => s !== failed));
    });
    list.push(hit);
  }
  shared.set(db, list.slice(-SHARED_MAX));
  const report = await hit.report;
  return { ...report, generatedAt: now.toISOString() };
}
