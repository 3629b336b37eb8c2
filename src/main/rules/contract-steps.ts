import type { Role } from '../../shared/domain';
import { CONTRACT_STEPS } from '../../shared/contract-steps';
import type { ContractAction, ContractState } from '../../shared/service';
import type { Blocker } from '../../shared/types';

/**
 * The steps of a service contract (seed 001) and what each needs first. The states and roles are
 * shared data (shared/contract-steps.ts, which the screens read too); here, the conditions and the
 * reasons. Pure: facts in, reasons out (an empty list: allowed). The codes are translated under
 * `contracts.reason.<code>`.
 */

export { CONTRACT_STEPS };

export interface ContractFacts {
  state: ContractState;
  /** YYYY-MM-DD, or null when the quotation names no limit. */
  quoteValidUntil: string | null;
}

export interface ContractStepRequest {
  signedBy?: string | null;
  signedOn?: string | null;
  invoiceNo?: string | null;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/** Why the step cannot be taken from this state, in the words of the contract's life. */
function stateReason(action: ContractAction, state: ContractState): Blocker {
  if (state === 'cancelled') return { code: 'contract_cancelled', message: 'the contract is cancelled' };
  if (action === 'invoice' && (state === 'quotation' || state === 'sent')) {
    return { code: 'contract_not_signed', message: 'the contract must be signed before it is invoiced' };
  }
  if (action === 'cancel' && state === 'invoiced') {
    return { code: 'contract_invoiced', message: 'an invoiced contract cannot be cancelled; Finance settles it with a credit note' };
  }
  return { code: 'contract_wrong_state', params: { contractState: state }, message: `not possible while the contract is ${state}` };
}

/**
 * Checks one step for one person: the state, the role, then what the step needs. `today` is the
 * office's calendar date (YYYY-MM-DD).
 */
export function checkContractStep(action: ContractAction, facts: ContractFacts, role: Role, request: ContractStepRequest, today: string): Blocker[] {
  const step = CONTRACT_STEPS[action];
  const reasons: Blocker[] = [];
  if (!(step.from as readonly ContractState[]).includes(facts.state)) reasons.push(stateReason(action, facts.state));
  if (!(step.roles as readonly Role[]).includes(role)) {
    reasons.push({ code: 'contract_wrong_role', params: { roles: step.roles.join(',') }, message: `only ${step.roles.join(', ')} may do this` });
  }
  if (reasons.length) return reasons;
  if (action === 'sign') {
    if (blank(request.signedBy)) reasons.push({ code: 'signatory_required', message: "name the customer's signatory" });
    if (!request.signedOn) reasons.push({ code: 'signed_on_required', message: 'give the date the contract was signed' });
    else if (request.signedOn > today) reasons.push({ code: 'signed_on_future', params: { date: request.signedOn }, message: 'the signing date cannot be in the future' });
    if (facts.quoteValidUntil && (request.signedOn ?? today) > facts.quoteValidUntil) {
      reasons.push({
        code: 'quote_expired',
        params: { date: facts.quoteValidUntil },
        message: `the quotation was valid until ${facts.quoteValidUntil}: quote again`,
      });
    }
  }
  if (action === 'invoice' && blank(request.invoiceNo)) reasons.push({ code: 'invoice_no_required', message: 'give the invoice number' });
  return reasons;
}

/** The state a step leads to. */
export const contractStepTarget = (action: ContractAction): ContractState => CONTRACT_STEPS[action].to;
