import type { Classification, ComplaintState, Payer, Role, Severity, WorkflowAction } from '../../shared/domain';
import type { RuleReason } from '../../shared/schemas/rules-escalation';
import type { WarrantyStatus } from '../../shared/schemas/rules-policies';
import type { ActionVerdict, Blocker } from '../../shared/types';
import { nextStep, WORKFLOW_STEPS as S } from '../../shared/workflow-steps';

/**
 * The procedure of a case as data the code can explain (seed 002 §4–§6, seed 001).
 *
 * Each transition names the states it leaves from, the state it reaches, the roles that may take it
 * and the conditions that must hold first. `explain` answers, for one case and one person, every
 * action with "allowed" or the reasons it is not — the same answer the api gives when a forbidden
 * step is tried. Pure: facts in, decision and reasons out.
 */

export type { WorkflowAction, ActionVerdict, Blocker };
/** Who acts next, for the tracking table: the step data is shared with the renderer. */
export { nextStep };

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
  /**
   * An escalation rule whose action requires the chairman's decision holds for the case (issue 4),
   * with the rule, its version and the reason sentence; null or absent when none does.
   */
  chairmanRequiredBy?: ChairmanRuleRequirement | null;
  /**
   * The customer's acceptance of this round of service is on file (seed 001): an acceptance with the
   * name and the date, or a receipt attached, since the case last went into service. Closing needs
   * it; absent counts as not on file.
   */
  acceptanceOnFile?: boolean;
  /** The rule engine's warranty status of the case (issue 4); absent or null when not decided. */
  warrantyStatus?: WarrantyStatus | null;
  /** A signed or invoiced service contract quoted from the case or covering its unit now (issue 5), by number. */
  coveringContract?: string | null;
}

/** Warranty statuses under which service is paid work (seed 001): a contract or the customer pays. */
export const PAID_SERVICE_STATUSES: readonly WarrantyStatus[] = ['out_of_warranty', 'excluded'];

/** The escalation rule that requires the chairman, as the workflow explains it. */
export interface ChairmanRuleRequirement {
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  reason: RuleReason;
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

/**
 * Why the chairman must decide, or null: escalated, a safety defect, a cost over the threshold, or an
 * escalation rule that requires him (after the built-in reasons, which read more plainly).
 */
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
  const byRule = f.chairmanRequiredBy;
  if (byRule) {
    return {
      code: 'chairman_rule',
      params: { rule: byRule.ruleId, name: byRule.ruleName, version: byRule.ruleVersion, reason: byRule.reason.message },
      message: `the chairman's decision is required by the escalation rule «${byRule.ruleName}» (version ${byRule.ruleVersion}): ${byRule.reason.message}`,
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
  // Seed 001: after-sale service shall be accepted by the customer; the receipt goes back to Finance.
  acceptedBeforeClose: ((f) =>
    need(
      f.acceptanceOnFile === true,
      'close_without_acceptance',
      "the case cannot be closed without the customer's acceptance: record who accepted the service and when, or attach the customer's signed receipt",
    )) as Guard,
  // Seed 001 / issue 4: beyond the warranty the service is paid — by a signed service contract, or by
  // the customer for the option chosen, with his recorded agreement (seed 002 §5.2).
  paidOutOfWarranty: ((f, r) => {
    const status = f.warrantyStatus;
    if (!status || !PAID_SERVICE_STATUSES.includes(status) || f.coveringContract) return null;
    const opt = r.optionIndex == null ? undefined : f.options[r.optionIndex];
    if (opt && opt.payer === 'customer' && f.customerAgreed === true) return null;
    return {
      code: 'out_of_warranty_unpaid',
      params: { warranty: status },
      message:
        status === 'excluded'
          ? 'the failure is excluded from the warranty: quote a service contract on the case and have it signed, or choose an option the customer pays with his recorded agreement'
          : 'the unit is out of warranty: quote a service contract on the case and have it signed, or choose an option the customer pays with his recorded agreement',
    };
  }) as Guard,
} satisfies Record<string, Guard>;

export interface Transition {
  action: WorkflowAction;
  from: readonly ComplaintState[];
  /** A function where the target depends on the facts (decide: to the chairman or to service). */
  to: ComplaintState | ((f: CaseFacts, r: ActionRequest, s: WorkflowSettings) => ComplaintState);
  roles: readonly Role[];
  guards: readonly Guard[];
}

/** Each step's states and roles come from shared/workflow-steps.ts; here, where it leads and its conditions. */
export const TRANSITIONS: readonly Transition[] = [
  { ...S.accept, to: 'investigating', guards: [G.classified] },
  { ...S.reject, to: 'rejected', guards: [G.reason] },
  { ...S.submit_for_decision, to: 'awaiting_decision', guards: [G.classified, G.investigated, G.options, G.customerAgreement] },
  // The chairman makes the final decision where it matters (§5.3): escalated, safety, or over the threshold.
  {
    ...S.decide,
    to: (f, r, s) => (chairmanReason(f, r.optionIndex, s) ? 'awaiting_chairman' : 'in_service'),
    guards: [G.optionChosen, G.customerPaysOnlyIfAgreed, G.paidOutOfWarranty],
  },
  { ...S.return_to_investigation, to: 'investigating', guards: [G.reason] },
  { ...S.chairman_decide, to: 'in_service', guards: [G.optionChosen, G.customerPaysOnlyIfAgreed, G.paidOutOfWarranty, G.reason] },
  { ...S.chairman_return, to: 'awaiting_decision', guards: [G.reason] },
  { ...S.record_acceptance, to: 'awaiting_verification', guards: [G.acceptance] },
  // Seed 001: a customer who is not satisfied sends the case back to service.
  { ...S.verify, to: (_, r) => (r.resolved === false ? 'in_service' : 'verified'), guards: [G.verification] },
  { ...S.close, to: 'closed', guards: [G.acceptedBeforeClose, G.responsibility, G.noDispute] },
  // A rejected case was never accepted: it goes back to registration, to be classified, accepted and routed.
  { ...S.reopen, to: (f) => (f.state === 'rejected' ? 'registered' : 'investigating'), guards: [G.reason] },
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
