import { changesCover, contractsForCase, getContract, listContracts, quoteContract, reevaluateCovered, stepContract } from '../services/contracts';
import { actorOf, caseChange, emitNotified } from './handlers-engine';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/**
 * Service contracts (issue 5, seed 001). The quotation is part of the case's form (section
 * 'contract') and takes the path of every case change; the later steps belong to the contract,
 * with its own version. When a step makes the contract start or stop covering, the cases it may
 * cover are evaluated again (services/contracts.ts reevaluateCovered explains how).
 */
export type ContractMethods = 'contracts.forCase' | 'contracts.quote' | 'contracts.step' | 'contracts.list';

export function createContractHandlers(info: AppInfo): Pick<Handlers, ContractMethods> {
  const change = caseChange(info.engine);
  return {
    'contracts.forCase': (input, ctx) => contractsForCase(ctx.db, input.id),
    'contracts.quote': change(quoteContract),
    'contracts.step': async (input, ctx) => {
      const a = actorOf(ctx);
      const before = await getContract(ctx.db, input.contractId);
      const after = await stepContract(a, input);
      const ids = new Set<number>(after.complaintId !== null ? [after.complaintId] : []);
      if (changesCover(before.state, after.state)) {
        const r = await reevaluateCovered(ctx.db, info.engine, { userId: ctx.user.id, now: ctx.now }, after);
        for (const id of [...r.evaluated, ...r.deferred]) ids.add(id);
        emitNotified(ctx, ...r.notified);
      }
      if (ids.size) ctx.emit('complaints.changed', { ids: [...ids] });
      return after;
    },
    'contracts.list': (input, ctx) => listContracts(ctx.db, input),
  };
}
