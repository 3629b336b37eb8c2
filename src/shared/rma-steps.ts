import type { Role } from './domain';
import type { RmaAction, RmaDisposition, RmaState } from './service';
import type { Blocker } from './types';

/**
 * The steps of a return (RMA) as far as both sides need them: the states each step leaves from,
 * where it leads and the roles that may take it. main/rules/rma-steps.ts adds what must be filled
 * in first; the case page reads the same data to show which step is whose, so the screen and the
 * rules cannot tell different stories (as shared/workflow-steps.ts does for the case itself).
 */

/** Whoever is in touch with the customer asks for a return (seed 001: sales and production's after-sales team). */
export const RMA_REQUESTERS: readonly Role[] = ['sales_admin', 'sales_manager', 'branch_manager', 'production_after_sales'];

export interface RmaStepDef {
  action: RmaAction;
  from: readonly RmaState[];
  to: RmaState;
  roles: readonly Role[];
}

const MANAGERS: readonly Role[] = ['sales_manager', 'branch_manager'];
const WAREHOUSE: readonly Role[] = ['production_after_sales', 'sales_admin'];

export const RMA_STEPS = {
  // Issue 5: "approval by the roles allowed": the managers who decide the case decide the return.
  approve: { action: 'approve', from: ['requested'], to: 'approved', roles: MANAGERS },
  reject: { action: 'reject', from: ['requested'], to: 'rejected', roles: MANAGERS },
  // The customer ships the unit under the RMA number; the office records carrier and waybill.
  ship: { action: 'ship', from: ['approved'], to: 'shipped', roles: WAREHOUSE },
  // A customer nearby brings the unit in person: it is received without a shipment.
  receive: { action: 'receive', from: ['approved', 'shipped'], to: 'received', roles: WAREHOUSE },
  // Seed 001: production's after-sales team inspects what comes back and says what is done with it.
  inspect: { action: 'inspect', from: ['received'], to: 'inspected', roles: ['production_after_sales'] },
  // Closing carries out the disposition; money leaves the company only by Finance's hand (see closeRoles).
  close: { action: 'close', from: ['inspected'], to: 'closed', roles: ['production_after_sales', 'sales_admin', 'finance'] },
} as const satisfies { [A in RmaAction]: RmaStepDef & { action: A } };

/** Seed 002 §8: Finance vets what the company pays; a refund is paid out, so only Finance closes it. */
export function closeRoles(disposition: RmaDisposition | null): readonly Role[] {
  return disposition === 'refund' ? ['finance'] : WAREHOUSE;
}

/** The roles that may take this step on a return with this disposition. */
export function rmaStepRoles(action: RmaAction, disposition: RmaDisposition | null): readonly Role[] {
  return action === 'close' ? closeRoles(disposition) : RMA_STEPS[action].roles;
}

/**
 * Why this person may not take the step ('request' asks for a new return), or null when the role
 * may. Reason codes are translated under `returns.reason.`; `roles` lists who may.
 */
export function rmaRoleBlocker(action: RmaAction | 'request', disposition: RmaDisposition | null, role: Role): Blocker | null {
  const roles = action === 'request' ? RMA_REQUESTERS : rmaStepRoles(action, disposition);
  if (roles.includes(role)) return null;
  const params = { roles: roles.join(',') };
  if (action === 'close' && disposition === 'refund') {
    return { code: 'rma_refund_finance_only', params, message: 'only Finance closes a return that is refunded' };
  }
  return { code: 'rma_wrong_role', params, message: `only ${roles.join(', ')} may do this` };
}

/** The steps that leave this state, in the order of the procedure. */
export function rmaStepsFrom(state: RmaState): RmaAction[] {
  return Object.values(RMA_STEPS)
    .filter((s: RmaStepDef) => s.from.includes(state))
    .map((s) => s.action);
}

/** Returns that are over: the tracking table shows the latest other one first. */
export const RMA_FINISHED: readonly RmaState[] = ['rejected', 'closed'];
