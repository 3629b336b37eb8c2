import type { Classification, ComplaintState, Payer, Role, Severity, WorkflowAction } from '../../shared/domain';
import type { ActionVerdict, Blocker } from '../../shared/types';

/**
 * The procedure of a case as data the code can explain (seed 002 §4–§6, seed 001).
 *
 * Each transition names the states it leaves from, the state it reaches, the roles that may take it
 * and the conditions that must hold first. `explain` answers, for one case and one person, every
 * action with "allowed" or the reasons it is not — the same answer the api gives when a forbidden
 * step is tried. Pure: facts in, decision and reasons out.
 */

export type { WorkflowAction, ActionVerdict, Blocker };

/** What the rules need to know about a case. */
export interface CaseFacts {
  state: ComplaintState;
  classification: Classification | null;
  severity: Severity;
  escalated: boolean;
  disputeOpen: boolean;
  hasCause: boolean;
  hasCountermeasures: boolean;
  /** The option the sales manager chose, once decided. */
  chosenOption: number | null;
  /** Proposed treatment options with their estimated cost (fen) and payer. */
  options: ReadonlyArray<{ estimatedCost: number; payer: Payer }>;
  /** The customer's recorded answer on costs he is asked to bear (seed 002 §5.2): null when none recorded. */
  customerAgreed: boolean | null;
  acceptanceRecorded: boolean;
  verificationRecorded: boolean;
  /** Responsibility shares in basis points (10000 = 100 %). */
  responsibilityTotal: number;
  responsibilityCount: number;
}

/** What the person asks for, as far as the rules look at it. */
export interface ActionRequest {
  reason?: string | null;
  /** For decide: the index of the chosen treatment option. */
  optionIndex?: number | null;
  /** For verify: whether the customer confirmed the problem is solved. */
  resolved?: boolean | null;
}

/** Above this estimated cost the chairman makes the final decision (seed 002 §5.3); a setting. */
export interface WorkflowSettings {
  chairmanCostThreshold: number;
}

type Guard = (f: CaseFacts, r: ActionRequest, s: WorkflowSettings) => Blocker | null;

const need = (ok: boolean, code: string, message: string, params?: Blocker['params']): Blocker | null =>
  ok ? null : { code, message, ...(params ? { params } : {}) };

/** Why the chairman must decide, or null: escalated, a safety defect, or a cost over the threshold. */
export function chairmanReason(f: CaseFacts, optionIndex: number | null | undefined, s: WorkflowSettings): Blocker | null {
  if (f.escalated) return { code: 'chairman_escalated', message: "the chairman's decision is required because the case is escalated" };
  if (f.severity === 'safety') return { code: 'chairman_safety', message: "the chairman's decision is required for a safety defect" };
  const opt = optionIndex == null ? undefined : f.options[optionIndex];
  if (opt && opt.estimatedCost > s.chairmanCostThreshold) {
    return {
      code: 'chairman_cost',
      params: { cost: opt.estimatedCost, threshold: s.chairmanCostThreshold },
      message: "the chairman's decision is required because the cost is over the threshold",
    };
  }
  return null;
}

const G = {
  reason: ((_, r) => need(!!r.reason?.trim(), 'reason_required', 'give a reason')) as Guard,
  classified: ((f) => need(f.classification !== null, 'not_classified', 'classify the case as quality or non-quality first')) as Guard,
  investigated: ((f) =>
    need(f.hasCause && f.hasCountermeasures, 'investigation_incomplete', 'record the cause and the countermeasures first')) as Guard,
  options: ((f) => need(f.options.length > 0, 'no_options', 'propose at least one treatment option first')) as Guard,
  customerAgreement: ((f) => {
    const customerPays = f.options.some((o) => o.payer === 'customer' && o.estimatedCost > 0);
    if (!customerPays) return null;
    if (f.customerAgreed === null) return { code: 'customer_agreement_missing', message: "record the customer's agreement to the costs he is to bear first" };
    return null;
  }) as Guard,
  optionChosen: ((f, r) =>
    need(r.optionIndex != null && r.optionIndex >= 0 && r.optionIndex < f.options.length, 'option_required', 'choose one of the proposed treatment options')) as Guard,
  customerPaysOnlyIfAgreed: ((f, r) => {
    const opt = r.optionIndex == null ? undefined : f.options[r.optionIndex];
    return need(!opt || opt.payer !== 'customer' || f.customerAgreed === true, 'customer_declined', 'the customer has not agreed to bear this cost');
  }) as Guard,
  acceptance: ((f) => need(f.acceptanceRecorded, 'acceptance_missing', "record the customer's acceptance (receipt) first")) as Guard,
  verification: ((f) => need(f.verificationRecorded, 'verification_missing', 'verify the service with the customer by phone or e-mail first')) as Guard,
  responsibility: ((f) =>
    f.classification !== 'quality'
      ? null
      : need(
          f.responsibilityCount > 0 && f.responsibilityTotal === 10000,
          'responsibility_incomplete',
          'name the responsible departments or people with shares that add up to 100 %',
          { total: f.responsibilityTotal / 100 },
        )) as Guard,
  noDispute: ((f) => need(!f.disputeOpen, 'dispute_open', 'a dispute is open: settle it against the contract first')) as Guard,
} satisfies Record<string, Guard>;

export interface Transition {
  action: WorkflowAction;
  from: readonly ComplaintState[];
  /** A function where the target depends on the facts (decide: to the chairman or to service). */
  to: ComplaintState | ((f: CaseFacts, r: ActionRequest, s: WorkflowSettings) => ComplaintState);
  roles: readonly Role[];
  guards: readonly Guard[];
}

const MANAGER: readonly Role[] = ['sales_manager'];
const ANALYSTS: readonly Role[] = ['production_after_sales', 'production_technology', 'technical_support', 'sales_admin'];
const OFFICE: readonly Role[] = ['sales_admin', 'sales_manager'];
const SERVICE: readonly Role[] = ['sales_admin', 'production_after_sales', 'branch_manager'];

export const TRANSITIONS: readonly Transition[] = [
  // §6.1: the sales manager decides whether to accept a complaint.
  { action: 'accept', from: ['registered'], to: 'investigating', roles: MANAGER, guards: [G.classified] },
  { action: 'reject', from: ['registered'], to: 'rejected', roles: MANAGER, guards: [G.reason] },
  // §5.3: production technology analyses the cause, develops countermeasures and treatment options.
  {
    action: 'submit_for_decision',
    from: ['investigating'],
    to: 'awaiting_decision',
    roles: ANALYSTS,
    guards: [G.classified, G.investigated, G.options, G.customerAgreement],
  },
  // §5.3 and §6.1: the sales manager decides; the chairman makes the final decision where it matters.
  {
    action: 'decide',
    from: ['awaiting_decision'],
    to: (f, r, s) => (chairmanReason(f, r.optionIndex, s) ? 'awaiting_chairman' : 'in_service'),
    roles: MANAGER,
    guards: [G.optionChosen, G.customerPaysOnlyIfAgreed],
  },
  { action: 'return_to_investigation', from: ['awaiting_decision'], to: 'investigating', roles: MANAGER, guards: [G.reason] },
  { action: 'chairman_decide', from: ['awaiting_chairman'], to: 'in_service', roles: ['chairman'], guards: [G.optionChosen, G.customerPaysOnlyIfAgreed, G.reason] },
  { action: 'chairman_return', from: ['awaiting_chairman'], to: 'awaiting_decision', roles: ['chairman'], guards: [G.reason] },
  // Seed 001: the service is accepted by the customer, whose receipt goes back to Finance.
  { action: 'record_acceptance', from: ['in_service'], to: 'awaiting_verification', roles: SERVICE, guards: [G.acceptance] },
  // Seed 001: verified by telephone or e-mail; a customer who is not satisfied sends it back to service.
  {
    action: 'verify',
    from: ['awaiting_verification'],
    to: (_, r) => (r.resolved === false ? 'in_service' : 'verified'),
    roles: OFFICE,
    guards: [G.verification],
  },
  // §5.1: sales administration is responsible for finally dealing with the case.
  { action: 'close', from: ['verified'], to: 'closed', roles: OFFICE, guards: [G.responsibility, G.noDispute] },
  { action: 'reopen', from: ['closed', 'rejected'], to: 'investigating', roles: MANAGER, guards: [G.reason] },
];

/** Checks one step for one person: state, role, then every condition; all reasons are collected. */
export function check(
  action: WorkflowAction,
  facts: CaseFacts,
  role: Role,
  request: ActionRequest,
  settings: WorkflowSettings,
): ActionVerdict {
  const t = TRANSITIONS.find((x) => x.action === action)!;
  const reasons: Blocker[] = [];
  if (!t.from.includes(facts.state)) {
    // Waiting for the chairman, say why he must decide rather than only "wrong state".
    const chairman = facts.state === 'awaiting_chairman' ? chairmanReason(facts, facts.chosenOption, settings) : null;
    reasons.push(chairman ?? { code: 'wrong_state', params: { state: facts.state }, message: `not possible while the case is ${facts.state}` });
  }
  if (!t.roles.includes(role)) {
    reasons.push({ code: 'wrong_role', params: { roles: t.roles.join(',') }, message: `only ${t.roles.join(', ')} may do this` });
  }
  if (!reasons.length) {
    for (const g of t.guards) {
      const b = g(facts, request, settings);
      if (b) reasons.push(b);
    }
  }
  const to = typeof t.to === 'function' ? t.to(facts, request, settings) : t.to;
  const note = action === 'decide' ? chairmanReason(facts, request.optionIndex, settings) : null;
  return { action, to, allowed: reasons.length === 0, reasons, ...(note ? { note } : {}) };
}

/**
 * The actions that leave the case's state, each with its verdict for this person. Guards that need
 * the person's input (a reason, a chosen option) are judged as if it will be given, so the list
 * shows what stands in the way besides the form itself.
 */
export function explain(facts: CaseFacts, role: Role, settings: WorkflowSettings): ActionVerdict[] {
  const optimistic: ActionRequest = { reason: 'x', optionIndex: facts.options.length ? 0 : null, resolved: true };
  return TRANSITIONS.filter((t) => t.from.includes(facts.state)).map((t) => check(t.action, facts, role, optimistic, settings));
}

/** The next step a person should take, for the tracking table's "next step" column. */
export function nextStep(state: ComplaintState): { action: WorkflowAction; roles: readonly Role[] } | null {
  const t = TRANSITIONS.find((x) => x.from.includes(state) && x.action !== 'reject' && x.action !== 'return_to_investigation' && x.action !== 'chairman_return');
  return t ? { action: t.action, roles: t.roles } : null;
}
