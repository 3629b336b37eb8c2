import {
  addCost,
  caseCostDetail,
  getCostClassMap,
  removeCost,
  reverseCost,
  saveCostClassMap,
  updateCost,
  vetCost,
  vettingQueue,
} from '../services/costs';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';
import { actorOf, caseChange } from './handlers-engine';

/**
 * Cost lines on a case, Finance's vetting and the cost-class map (issue 6). Lines typed in on a case
 * take the case's change path (section 'costs'); vetting and reversal are Finance's and are audited
 * on the case without changing its version. `costs.changed` tells Finance's lists and the
 * amortisation views to reload.
 */
export type CostMethods =
  | 'costs.caseDetail'
  | 'costs.add'
  | 'costs.update'
  | 'costs.remove'
  | 'costs.vet'
  | 'costs.reverse'
  | 'costs.vettingQueue'
  | 'costClasses.get'
  | 'costClasses.save';

export function createCostHandlers(info: AppInfo): Pick<Handlers, CostMethods> {
  const change = caseChange(info.engine);
  /** A change to the lines of a case: the case path, then Finance's lists are told. */
  const onCase =
    <I extends { id: number }>(fn: Parameters<typeof change<I>>[0]) =>
    async (input: I, ctx: Parameters<ReturnType<typeof change<I>>>[1]) => {
      const file = await change(fn)(input, ctx);
      ctx.emit('costs.changed', { complaintIds: [input.id] });
      return file;
    };
  return {
    'costs.caseDetail': (input, ctx) => caseCostDetail(ctx.db, input.id),
    'costs.add': onCase(addCost),
    'costs.update': onCase(updateCost),
    'costs.remove': onCase(removeCost),
    'costs.vet': async (input, ctx) => {
      const line = await vetCost(actorOf(ctx), input);
      ctx.emit('costs.changed', { complaintIds: [line.complaintId] });
      ctx.emit('complaints.changed', { ids: [line.complaintId] });
      return line;
    },
    'costs.reverse': async (input, ctx) => {
      const line = await reverseCost(actorOf(ctx), input);
      ctx.emit('costs.changed', { complaintIds: [line.complaintId] });
      ctx.emit('complaints.changed', { ids: [line.complaintId] });
      return line;
    },
    'costs.vettingQueue': (input, ctx) => vettingQueue(ctx.db, input),
    'costClasses.get': (_, ctx) => getCostClassMap(ctx.db),
    'costClasses.save': async (input, ctx) => {
      const map = await saveCostClassMap(actorOf(ctx), input);
      ctx.emit('costs.changed', { complaintIds: [] });
      return map;
    },
  };
}
