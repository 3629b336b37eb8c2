import type { ComplaintState, Role, WorkflowAction } from './domain';

/**
 * The steps of the procedure as far as both sides need them: the states each step leaves from and
 * the roles that may take it (seed 002 §4–§6, seed 001). main/rules/workflow.ts adds where each step
 * leads and what must be filled in first; the tracking table reads "who acts next" from here, so the
 * screen and the rules cannot tell different stories.
 */

export interface StepDef {
  action: WorkflowAction;
  from: readonly ComplaintState[];
  roles: readonly Role[];
}

const MANAGER: readonly Role[] = ['sales_manager'];
const ANALYSTS: readonly Role[] = ['production_after_sales', 'production_technology', 'technical_support', 'sales_admin'];
const OFFICE: readonly Role[] = ['sales_admin', 'sales_manager'];
const SERVICE: readonly Role[] = ['sales_admin', 'production_after_sales', 'branch_manager'];
const CHAIRMAN: readonly Role[] = ['chairman'];

export const WORKFLOW_STEPS = {
  // §6.1: the sales manager decides whether to accept a complaint.
  accept: { action: 'accept', from: ['registered'], roles: MANAGER },
  reject: { action: 'reject', from: ['registered'], roles: MANAGER },
  // §5.3: production technology analyses the cause, develops countermeasures and treatment options.
  submit_for_decision: { action: 'submit_for_decision', from: ['investigating'], roles: ANALYSTS },
  // §5.3 and §6.1: the sales manager decides; the chairman makes the final decision where it matters.
  decide: { action: 'decide', from: ['awaiting_decision'], roles: MANAGER },
  return_to_investigation: { action: 'return_to_investigation', from: ['awaiting_decision'], roles: MANAGER },
  chairman_decide: { action: 'chairman_decide', from: ['awaiting_chairman'], roles: CHAIRMAN },
  chairman_return: { action: 'chairman_return', from: ['awaiting_chairman'], roles: CHAIRMAN },
  // Seed 001: the service is accepted by the customer, whose receipt goes back to Finance.
  record_acceptance: { action: 'record_acceptance', from: ['in_service'], roles: SERVICE },
  // Seed 001: verified by telephone or e-mail.
  verify: { action: 'verify', from: ['awaiting_verification'], roles: OFFICE },
  // §5.1: sales administration is responsible for finally dealing with the case.
  close: { action: 'close', from: ['verified'], roles: OFFICE },
  reopen: { action: 'reopen', from: ['closed', 'rejected'], roles: MANAGER },
} as const satisfies { [A in WorkflowAction]: StepDef & { action: A } };

/** Steps that send a case back or out rather than forward: never "the next step". */
const SIDE_STEPS: ReadonlySet<WorkflowAction> = new Set(['reject', 'return_to_investigation', 'chairman_return']);

/** The next step a person should take in this state, and who may take it. */
export function nextStep(state: ComplaintState): { action: WorkflowAction; roles: readonly Role[] } | null {
  const s = Object.values(WORKFLOW_STEPS).find(
    (x: StepDef) => x.from.includes(state) && !SIDE_STEPS.has(x.action),
  );
  return s ? { action: s.action, roles: s.roles } : null;
}
