import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/domain';
import { CONTRACT_ACTIONS, CONTRACT_STATES, type ContractAction, type ContractState } from '../../src/shared/service';
import { contractStepsFrom } from '../../src/shared/contract-steps';
import { checkContractStep, contractStepTarget, type ContractStepRequest } from '../../src/main/rules/contract-steps';

/**
 * The life of a service contract (seed 001, issue 5): every step × state × role against a table
 * written out by hand from the procedure — not derived from CONTRACT_STEPS — so an accidental change
 * to who may do what, or from where, fails here. Then what each step needs first.
 */

const EXPECTED: Record<ContractAction, { from: ContractState[]; to: ContractState; roles: Role[] }> = {
  send: { from: ['quotation'], to: 'sent', roles: ['sales_admin', 'sales_manager'] },
  sign: { from: ['quotation', 'sent'], to: 'signed', roles: ['sales_admin', 'sales_manager', 'branch_manager'] },
  invoice: { from: ['signed'], to: 'invoiced', roles: ['finance', 'sales_admin'] },
  cancel: { from: ['quotation', 'sent', 'signed'], to: 'cancelled', roles: ['sales_manager', 'branch_manager'] },
};

const TODAY = '2026-11-25';
/** Everything a step may ask for, given. */
const FULL: ContractStepRequest = { signedBy: '张经理', signedOn: '2026-11-24', invoiceNo: 'INV-88001' };
const facts = (state: ContractState) => ({ state, quoteValidUntil: null });

describe('contract steps × states × roles', () => {
  it('allows exactly the table, and refuses everything else by state and/or role', () => {
    const allowed: string[] = [];
    for (const action of CONTRACT_ACTIONS) {
      for (const state of CONTRACT_STATES) {
        for (const role of ROLES) {
          const codes = checkContractStep(action, facts(state), role, FULL, TODAY).map((r) => r.code);
          const stateOk = EXPECTED[action].from.includes(state);
          const roleOk = EXPECTED[action].roles.includes(role);
          const label = `${action} from ${state} by ${role}`;
          if (stateOk && roleOk) {
            expect(codes, label).toEqual([]);
            allowed.push(label);
          } else {
            expect(codes.length, label).toBeGreaterThan(0);
            expect(codes.includes('contract_wrong_role'), label).toBe(!roleOk);
            // A wrong state is named by the contract's own reason: cancelled, not signed, invoiced, or the state.
            const stateCodes = codes.filter((c) => c !== 'contract_wrong_role');
            expect(stateCodes.length > 0, label).toBe(!stateOk);
          }
        }
      }
      expect(contractStepTarget(action)).toBe(EXPECTED[action].to);
    }
    const count = Object.values(EXPECTED).reduce((n, e) => n + e.from.length * e.roles.length, 0);
    expect(allowed).toHaveLength(count);
  });

  it('lets nobody step a cancelled contract, nor the administrator or the chairman step any', () => {
    for (const action of CONTRACT_ACTIONS) {
      for (const role of ROLES) expect(checkContractStep(action, facts('cancelled'), role, FULL, TODAY)[0]?.code).toBe('contract_cancelled');
      for (const state of CONTRACT_STATES) {
        for (const role of ['admin', 'chairman', 'production_after_sales'] as const) {
          expect(checkContractStep(action, facts(state), role, FULL, TODAY).map((r) => r.code)).toContain('contract_wrong_role');
        }
      }
    }
  });

  it('answers the screens the same table (shared/contract-steps.ts)', () => {
    for (const state of CONTRACT_STATES) {
      for (const role of ROLES) {
        const steps = contractStepsFrom(state, role);
        const expected = CONTRACT_ACTIONS.filter((a) => EXPECTED[a].from.includes(state));
        expect(steps.map((s) => s.action), `${state}`).toEqual(expected);
        for (const s of steps) expect(s.allowed, `${s.action} ${state} ${role}`).toBe(EXPECTED[s.action].roles.includes(role));
      }
    }
    expect(contractStepsFrom('quotation', null).every((s) => !s.allowed)).toBe(true);
  });
});

describe('what each step needs', () => {
  const codes = (action: ContractAction, state: ContractState, req: ContractStepRequest, quoteValidUntil: string | null = null) =>
    checkContractStep(action, { state, quoteValidUntil }, action === 'invoice' ? 'finance' : 'sales_manager', req, TODAY).map(
      (r) => r.code,
    );

  it.each([
    ['sign', 'sent', { signedOn: '2026-11-24' }, ['signatory_required']],
    ['sign', 'sent', { signedBy: '  ', signedOn: '2026-11-24' }, ['signatory_required']],
    ['sign', 'sent', { signedBy: '张经理' }, ['signed_on_required']],
    ['sign', 'quotation', {}, ['signatory_required', 'signed_on_required']],
    ['sign', 'sent', { signedBy: '张经理', signedOn: '2026-11-26' }, ['signed_on_future']],
    ['invoice', 'signed', { invoiceNo: '' }, ['invoice_no_required']],
    ['invoice', 'signed', {}, ['invoice_no_required']],
    ['invoice', 'quotation', FULL, ['contract_not_signed']],
    ['invoice', 'sent', FULL, ['contract_not_signed']],
    ['invoice', 'invoiced', FULL, ['contract_wrong_state']],
    ['cancel', 'invoiced', FULL, ['contract_invoiced']],
    ['send', 'sent', FULL, ['contract_wrong_state']],
    ['sign', 'signed', FULL, ['contract_wrong_state']],
  ] as const)('%s from %s with %j: %j', (action, state, req, expected) => {
    expect(codes(action, state, req)).toEqual(expected);
  });

  it('refuses to sign a quotation after it expired, and names the date', () => {
    expect(codes('sign', 'sent', FULL, '2026-11-24')).toEqual([]);
    const r = checkContractStep('sign', { state: 'sent', quoteValidUntil: '2026-11-23' }, 'sales_admin', FULL, TODAY);
    expect(r).toEqual([expect.objectContaining({ code: 'quote_expired', params: { date: '2026-11-23' } })]);
  });

  it('gives the contract state, not a complaint state, in its wrong-state reason', () => {
    const [r] = checkContractStep('send', facts('signed'), 'sales_admin', FULL, TODAY);
    expect(r).toMatchObject({ code: 'contract_wrong_state', params: { contractState: 'signed' } });
  });
});
