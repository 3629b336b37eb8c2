import type { Role } from '../../shared/domain';
import { RMA_STEPS, rmaRoleBlocker, rmaStepsFrom } from '../../shared/rma-steps';
import type { RmaAction, RmaDisposition, RmaState } from '../../shared/service';
import type { Blocker } from '../../shared/types';

/**
 * The steps of a return (RMA) as rules the code can explain: requested → approved (the RMA number
 * is issued) or rejected → shipped → received → inspected (result and disposition) → closed (the
 * disposition carried out; a refund with its amount, by Finance). States and roles come from
 * shared/rma-steps.ts; here, what each step needs before it may be taken. Pure: facts in, verdict
 * and reasons out — the same answer the api gives when a refused step is tried.
 * Reason codes are translated under `returns.reason.<code>`.
 */

export interface RmaFacts {
  state: RmaState;
  /** Chosen at inspection. */
  disposition: RmaDisposition | null;
}

/** What the person enters with the step, as far as the rules look at it. */
export interface RmaStepRequest {
  note?: string | null;
  carrier?: string | null;
  waybillNo?: string | null;
  inspectionResult?: string | null;
  disposition?: RmaDisposition | null;
  /** Fen. */
  refundAmount?: number | null;
}

export interface RmaVerdict {
  action: RmaAction;
  to: RmaState;
  allowed: boolean;
  /** Empty when allowed; the first is the main reason. */
  reasons: Blocker[];
}

type Guard = (f: RmaFacts, r: RmaStepRequest) => Blocker | null;

const filled = (s: string | null | undefined) => !!s && s.trim() !== '';
const need = (ok: boolean, code: string, message: string): Blocker | null => (ok ? null : { code, message });

const GUARDS: Record<RmaAction, readonly Guard[]> = {
  approve: [],
  // A refused return is explained to the customer: the reason is kept with the decision.
  reject: [(_, r) => need(filled(r.note), 'rma_note_required', 'say why the return is rejected')],
  ship: [
    (_, r) => need(filled(r.carrier), 'rma_carrier_required', 'name the carrier'),
    (_, r) => need(filled(r.waybillNo), 'rma_waybill_required', 'give the waybill number'),
  ],
  receive: [],
  inspect: [
    (_, r) => need(filled(r.inspectionResult), 'rma_inspection_required', 'record the inspection result'),
    (_, r) => need(!!r.disposition, 'rma_disposition_required', 'choose what is done with the returned unit'),
  ],
  close: [
    (f, r) => need(f.disposition !== 'refund' || (r.refundAmount ?? 0) > 0, 'rma_refund_required', 'give the amount refunded'),
    // A refund amount on a return that is not refunded would turn into money nobody paid.
    (f, r) => need(f.disposition === 'refund' || r.refundAmount == null, 'rma_refund_not_refund', 'only a refund has a refund amount'),
  ],
};

/** Checks one step of one return for one person: state, role, then what must be entered; all reasons collected. */
export function checkRmaStep(action: RmaAction, facts: RmaFacts, role: Role, request: RmaStepRequest): RmaVerdict {
  const step = RMA_STEPS[action];
  const reasons: Blocker[] = [];
  if (!(step.from as readonly RmaState[]).includes(facts.state)) {
    reasons.push({ code: 'rma_wrong_state', params: { rmaState: facts.state }, message: `not possible while the return is ${facts.state}` });
  }
  const wrongRole = rmaRoleBlocker(action, facts.disposition, role);
  if (wrongRole) reasons.push(wrongRole);
  if (!reasons.length) {
    for (const g of GUARDS[action]) {
      const b = g(facts, request);
      if (b) reasons.push(b);
    }
  }
  return { action, to: step.to, allowed: reasons.length === 0, reasons };
}

/** Who may ask for a return (the case's own state is the section rule's business: rules/case-edits.ts). */
export function checkRmaRequest(role: Role): Blocker | null {
  return rmaRoleBlocker('request', null, role);
}

/**
 * The steps that leave the return's state, each with its verdict for this person. What the person
 * types into the step's form is judged as if it will be given, so the list shows what stands in
 * the way besides the form.
 */
export function explainRma(facts: RmaFacts, role: Role): RmaVerdict[] {
  const optimistic: RmaStepRequest = {
    note: 'x',
    carrier: 'x',
    waybillNo: 'x',
    inspectionResult: 'x',
    disposition: 'repair',
    refundAmount: facts.disposition === 'refund' ? 1 : null,
  };
  return rmaStepsFrom(facts.state).map((a) => checkRmaStep(a, facts, role, optimistic));
}
