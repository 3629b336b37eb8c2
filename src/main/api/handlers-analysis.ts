import { dashboardOf } from '../services/analysis-dashboard';
import { paretoOf } from '../services/analysis';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

export type AnalysisMethods = 'analysis.pareto' | 'analysis.dashboard';

/** Pareto diagrams and the dashboard (issue 7): read-only aggregates in SQL. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- handlers.ts passes every part the app's info; analysis needs none of it
export function createAnalysisHandlers(_info: AppInfo): Pick<Handlers, AnalysisMethods> {
  return {
    'analysis.pareto': (input, ctx) => paretoOf(ctx.db, input),
    'analysis.dashboard': (_, ctx) => dashboardOf(ctx.db, ctx.now),
  };
}
