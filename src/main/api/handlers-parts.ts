import type { Handlers } from "./dispatcher";
import type { AppInfo } from "./handlers";
import { actorOf, caseChange } from "./handlers-engine";
import { listParts, moveStock, savePart, stockLedger } from "../services/parts";
import { addPartToCase, cancelPartOnCase, partsForCase } from "../services/parts-case";

/**
 * Spare parts (issue 5): the catalogue and its stock ledger, and the parts sent, used, repaired or
 * refunded on a case. Lines on a case take the path of every case change (version, section
 * 'parts', engine, events); the catalogue and the stock are the office's own.
 */
export type PartMethods =
  | "parts.list"
  | "parts.save"
  | "stock.move"
  | "stock.ledger"
  | "parts.forCase"
  | "parts.addToCase"
  | "parts.cancelOnCase";

export function createPartHandlers(info: AppInfo): Pick<Handlers, PartMethods> {
  const change = caseChange(info.engine);
  return {
    "parts.list": (input, ctx) => listParts(ctx.db, input),
    "parts.save": (input, ctx) => savePart(actorOf(ctx), input),
    "stock.move": (input, ctx) => moveStock(actorOf(ctx), input),
    "stock.ledger": (input, ctx) => stockLedger(ctx.db, input),
    "parts.forCase": (input, ctx) => partsForCase(ctx.db, input.id),
    "parts.addToCase": change(addPartToCase),
    "parts.cancelOnCase": change(cancelPartOnCase),
  };
}
