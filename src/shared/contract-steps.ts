import type { Role } from './domain';
import type { ContractAction, ContractState } from './service';

/**
 * The life of a service contract (seed 001: beyond the warranty the sales staff sign an after-sales
 * service contract with the customer) as data both sides read: the states each step leaves from,
 * where it leads and who may take it. main/rules/contract-steps.ts adds what must be given first;
 * the screens show a step's button only where this table allows it, and main checks again.
 */

export interface ContractStepDef {
  action: ContractAction;
  from: readonly ContractState[];
  to: ContractState;
  roles: readonly Role[];
}

export const CONTRACT_STEPS = {
  // The quotation goes to the customer: the sales office's work.
  send: { action: 'send', from: ['quotation'], to: 'sent', roles: ['sales_admin', 'sales_manager'] },
  // Signed with the customer (a quotation accepted on the spot may be signed without being sent);
  // the branch manager signs for the branch.
  sign: { action: 'sign', from: ['quotation', 'sent'], to: 'signed', roles: ['sales_admin', 'sales_manager', 'branch_manager'] },
  // Finance or sales administration issues the invoice, only for a signed contract.
  invoice: { action: 'invoice', from: ['signed'], to: 'invoiced', roles: ['finance', 'sales_admin'] },
  // A manager withdraws a quotation or ends a signed contract; an invoiced one is settled by Finance, not cancelled.
  cancel: { action: 'cancel', from: ['quotation', 'sent', 'signed'], to: 'cancelled', roles: ['sales_manager', 'branch_manager'] },
} as const satisfies { [A in ContractAction]: ContractStepDef & { action: A } };

/** The steps a contract in this state can take, each with whether this person may take it. */
export function contractStepsFrom(state: ContractState, role: Role | null): Array<{ action: ContractAction; allowed: boolean; roles: readonly Role[] }> {
  return Object.values(CONTRACT_STEPS)
    .filter((s: ContractStepDef) => s.from.includes(state))
    .map((s: ContractStepDef) => ({ action: s.action, allowed: role !== null && s.roles.includes(role), roles: s.roles }));
}
