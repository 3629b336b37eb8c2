import { closePeriod, listPeriods } from '../services/amortisation-periods';
import { amortisationDrill, amortisationPivot } from '../services/amortisation-views';
import { pivotWorkbook } from '../services/amortisation-xlsx';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/** Accounting periods and the amortisation views (issue 6). */
export type AmortisationMethods =
  | 'periods.list'
  | 'periods.close'
  | 'amortisation.pivot'
  | 'amortisation.drill'
  | 'amortisation.exportXlsx';

export function createAmortisationHandlers(info: AppInfo): Pick<Handlers, AmortisationMethods> {
  void info; // the periods and views need the store only
  return {
    'periods.list': (input, ctx) => listPeriods(ctx.db, input.year),
    'periods.close': async (input, ctx) => {
      const p = await closePeriod(ctx.db, { period: input.period, userId: ctx.user.id, now: ctx.now });
      ctx.emit('costs.changed', { complaintIds: [] });
      return p;
    },
    'amortisation.pivot': (input, ctx) => amortisationPivot(ctx.db, input.year, input.dimension),
    'amortisation.drill': (input, ctx) => amortisationDrill(ctx.db, input),
    'amortisation.exportXlsx': async (input, ctx) => pivotWorkbook(await amortisationPivot(ctx.db, input.year, input.dimension)),
  };
}
