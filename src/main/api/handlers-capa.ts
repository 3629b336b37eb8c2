import { capasForCase, getCapa, listCapas } from '../services/capa';
import { createCapa, stepCapa, updateCapa, type CapaWrite } from '../services/capa-write';
import type { HandlerContext, Handlers } from './dispatcher';
import { actorOf } from './handlers-engine';
import type { AppInfo } from './handlers';

/**
 * Corrective and preventive actions (issue 7). The CAPA carries its own version; linking or
 * unlinking a case writes an event on that case (its timeline changes), so the case screens reload.
 */
export type CapaMethods = 'capa.list' | 'capa.get' | 'capa.forCase' | 'capa.create' | 'capa.update' | 'capa.step';

function answer(ctx: HandlerContext, w: CapaWrite) {
  ctx.emit('capa.changed', { ids: [w.capa.id] });
  if (w.touchedCases.length) ctx.emit('complaints.changed', { ids: w.touchedCases });
  return w.capa;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- handlers.ts passes every part the app's info; CAPA needs none of it
export function createCapaHandlers(_info: AppInfo): Pick<Handlers, CapaMethods> {
  return {
    'capa.list': (input, ctx) => listCapas(ctx.db, input, ctx.now),
    'capa.get': (input, ctx) => getCapa(ctx.db, input.capaId, ctx.now),
    'capa.forCase': (input, ctx) => capasForCase(ctx.db, input.id, ctx.now),
    'capa.create': async (input, ctx) => answer(ctx, await createCapa(actorOf(ctx), input)),
    'capa.update': async (input, ctx) => answer(ctx, await updateCapa(actorOf(ctx), input)),
    'capa.step': async (input, ctx) => answer(ctx, await stepCapa(actorOf(ctx), input)),
  };
}
