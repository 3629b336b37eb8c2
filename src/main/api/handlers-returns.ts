import { listRmas, requestRma, stepRma } from '../services/rmas';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';
import { caseChange } from './handlers-engine';

/** Returns (RMA) on a case (issue 5): each step is a change to the case, re-evaluated by the engine. */
export type ReturnMethods = 'rma.forCase' | 'rma.request' | 'rma.step';

export function createReturnHandlers(info: AppInfo): Pick<Handlers, ReturnMethods> {
  const change = caseChange(info.engine);
  return {
    'rma.forCase': (input, ctx) => listRmas(ctx.db, input.id),
    'rma.request': change(requestRma),
    'rma.step': change(stepRma),
  };
}
