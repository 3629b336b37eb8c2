import { printVisitReport, visitReportPdf } from '../print/visit-report';
import { fieldCalendar, listServiceActions, saveServiceAction, getServiceAction } from '../services/service-actions';
import { getSettings } from '../services/settings';
import type { HandlerContext, Handlers } from './dispatcher';
import type { AppInfo } from './handlers';
import { caseChange } from './handlers-engine';

/**
 * Service actions and on-site visits (issue 5): the case's list, the one save (plan, report,
 * correct, cancel) through the case's change path, the field-service calendar, the visit report.
 */
export type VisitMethods =
  | 'service.get'
  | 'service.forCase'
  | 'service.save' | 'service.fieldCalendar' | 'print.visitReport' | 'print.visitReportPdf';

export function createVisitHandlers(info: AppInfo): Pick<Handlers, VisitMethods> {
  const change = caseChange(info.engine);
  const timeZone = async (ctx: HandlerContext) => (await getSettings(ctx.db)).officeTimeZone;
  return {
    'service.get': (input, ctx) => getServiceAction(ctx.db, input.actionId),
    'service.forCase': (input, ctx) => listServiceActions(ctx.db, input.id),
    'service.save': async (input, ctx) => {
      const tz = await timeZone(ctx);
      return change((a, i: typeof input) => saveServiceAction(a, i, tz))(input, ctx);
    },
    'service.fieldCalendar': async (input, ctx) => fieldCalendar(ctx.db, input, await timeZone(ctx)),
    'print.visitReport': (input, ctx) => printVisitReport(ctx.db, info.printer, input),
    'print.visitReportPdf': (input, ctx) => visitReportPdf(ctx.db, info.printer, input),
  };
}
