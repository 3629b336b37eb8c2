import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/shared/domain';
import { RMA_ACTIONS, RMA_DISPOSITIONS, RMA_STATES, type RmaAction, type RmaDisposition, type RmaState } from '../../src/shared/service';
import { checkRmaRequest, checkRmaStep, explainRma, type RmaStepRequest } from '../../src/main/rules/rma-steps';

/**
 * The steps of a return (RMA), every step × state × role (× disposition for closing). The expected
 * table is written out by hand from issue 5 — NOT derived from RMA_STEPS — so that an accidental
 * change to who may do what, or from where, fails here. With everything entered, `checkRmaStep`
 * must allow exactly these triples and refuse every other one with the state and/or role reason.
 */

interface Row {
  from: readonly RmaState[];
  /** For close: by disposition. */
  roles: readonly Role[] | ((d: RmaDisposition | null) => readonly Role[]);
  to: RmaState;
}

const EXPECTED: Record<RmaAction, Row> = {
  // "approval by the roles allowed": the sales manager and the branch manager.
  approve: { from: ['requested'], roles: ['sales_manager', 'branch_manager'], to: 'approved' },
  reject: { from: ['requested'], roles: ['sales_manager', 'branch_manager'], to: 'rejected' },
  // The unit comes back under the RMA number: production's after-sales team or sales administration record it.
  ship: { from: ['approved'], roles: ['production_after_sales', 'sales_admin'], to: 'shipped' },
  // Shipped, or brought in by the customer himself once approved.
  receive: { from: ['approved', 'shipped'], roles: ['production_after_sales', 'sales_admin'], to: 'received' },
  inspect: { from: ['received'], roles: ['production_after_sales'], to: 'inspected' },
  // Only Finance pays a refund out; other dispositions are closed by those who carried them out.
  close: {
    from: ['inspected'],
    roles: (d) => (d === 'refund' ? ['finance'] : ['production_after_sales', 'sales_admin']),
    to: 'closed',
  },
};

/** Everything a step's form asks for, filled in (the refund amount only where refunded). */
const complete = (d: RmaDisposition | null): RmaStepRequest => ({
  note: '客户同意',
  carrier: '顺丰速运',
  waybillNo: 'SF1234567890',
  inspectionResult: '主控板烧毁',
  disposition: 'repair',
  refundAmount: d === 'refund' ? 350_000 : null,
});

const DISPOSITIONS: Array<RmaDisposition | null> = [null, ...RMA_DISPOSITIONS];

describe('the RMA step table', () => {
  const cases = RMA_ACTIONS.flatMap((action) =>
    RMA_STATES.flatMap((state) =>
      ROLES.flatMap((role) => (action === 'close' ? DISPOSITIONS : [null]).map((d) => [action, state, role, d] as const)),
    ),
  );

  it(`covers ${RMA_ACTIONS.length} steps × ${RMA_STATES.length} states × ${ROLES.length} roles`, () => {
    expect(cases.length).toBe((RMA_ACTIONS.length - 1) * RMA_STATES.length * ROLES.length + RMA_STATES.length * ROLES.length * DISPOSITIONS.length);
  });

  it.each(cases)('%s from %s by %s (disposition %s)', (action, state, role, d) => {
    const row = EXPECTED[action];
    const roles = typeof row.roles === 'function' ? row.roles(d) : row.roles;
    const stateOk = row.from.includes(state);
    const roleOk = roles.includes(role);
    const v = checkRmaStep(action, { state, disposition: d }, role, complete(d));
    expect(v.allowed).toBe(stateOk && roleOk);
    expect(v.to).toBe(row.to);
    const codes = v.reasons.map((r) => r.code);
    if (!stateOk) expect(codes[0]).toBe('rma_wrong_state');
    if (!roleOk) {
      const code = action === 'close' && d === 'refund' ? 'rma_refund_finance_only' : 'rma_wrong_role';
      expect(codes).toContain(code);
      expect(v.reasons.find((r) => r.code === code)!.params).toEqual({ roles: roles.join(',') });
    }
    if (stateOk && roleOk) expect(codes).toEqual([]);
    if (!stateOk || !roleOk) expect(codes.filter((c) => c !== 'rma_wrong_state' && c !== 'rma_wrong_role' && c !== 'rma_refund_finance_only')).toEqual([]);
  });

  it.each(ROLES)('a return is requested by whoever is in touch with the customer, not by %s unless listed', (role) => {
    const may = ['sales_admin', 'sales_manager', 'branch_manager', 'production_after_sales'].includes(role);
    const b = checkRmaRequest(role);
    expect(b === null).toBe(may);
    if (b) expect(b).toMatchObject({ code: 'rma_wrong_role', params: { roles: 'sales_admin,sales_manager,branch_manager,production_after_sales' } });
  });
});

describe('what each step needs entered', () => {
  const blank = { note: null, carrier: null, waybillNo: null, inspectionResult: null, disposition: null, refundAmount: null };
  const codes = (action: RmaAction, state: RmaState, role: Role, r: RmaStepRequest, d: RmaDisposition | null = null) =>
    checkRmaStep(action, { state, disposition: d }, role, r).reasons.map((x) => x.code);

  it('approving needs nothing more; rejecting needs a reason, blank or spaces are not one', () => {
    expect(codes('approve', 'requested', 'sales_manager', blank)).toEqual([]);
    expect(codes('reject', 'requested', 'sales_manager', blank)).toEqual(['rma_note_required']);
    expect(codes('reject', 'requested', 'branch_manager', { note: '   ' })).toEqual(['rma_note_required']);
  });

  it('shipping needs the carrier and the waybill number; receiving nothing', () => {
    expect(codes('ship', 'approved', 'sales_admin', blank)).toEqual(['rma_carrier_required', 'rma_waybill_required']);
    expect(codes('ship', 'approved', 'sales_admin', { carrier: '德邦' })).toEqual(['rma_waybill_required']);
    expect(codes('receive', 'shipped', 'production_after_sales', blank)).toEqual([]);
  });

  it('inspecting needs the result and the disposition', () => {
    expect(codes('inspect', 'received', 'production_after_sales', blank)).toEqual(['rma_inspection_required', 'rma_disposition_required']);
    expect(codes('inspect', 'received', 'production_after_sales', { inspectionResult: '外壳破损', disposition: 'scrap' })).toEqual([]);
  });

  it('closing a refund needs an amount above zero; other dispositions refuse one', () => {
    expect(codes('close', 'inspected', 'finance', blank, 'refund')).toEqual(['rma_refund_required']);
    expect(codes('close', 'inspected', 'finance', { refundAmount: 0 }, 'refund')).toEqual(['rma_refund_required']);
    expect(codes('close', 'inspected', 'finance', { refundAmount: 1 }, 'refund')).toEqual([]);
    expect(codes('close', 'inspected', 'sales_admin', blank, 'repair')).toEqual([]);
    expect(codes('close', 'inspected', 'sales_admin', { refundAmount: 100 }, 'replace')).toEqual(['rma_refund_not_refund']);
  });

  it('does not ask for the form while the state or the role already forbids the step', () => {
    expect(codes('reject', 'approved', 'sales_manager', blank)).toEqual(['rma_wrong_state']);
    expect(codes('close', 'inspected', 'sales_admin', blank, 'refund')).toEqual(['rma_refund_finance_only']);
  });
});

describe('explainRma', () => {
  it('lists the steps out of the state with their verdict for the person', () => {
    expect(explainRma({ state: 'requested', disposition: null }, 'sales_manager').map((v) => [v.action, v.allowed])).toEqual([
      ['approve', true],
      ['reject', true],
    ]);
    expect(explainRma({ state: 'approved', disposition: null }, 'finance').map((v) => [v.action, v.allowed, v.reasons[0]?.code])).toEqual([
      ['ship', false, 'rma_wrong_role'],
      ['receive', false, 'rma_wrong_role'],
    ]);
    expect(explainRma({ state: 'inspected', disposition: 'refund' }, 'finance').map((v) => [v.action, v.allowed])).toEqual([['close', true]]);
    expect(explainRma({ state: 'closed', disposition: 'refund' }, 'finance')).toEqual([]);
    expect(explainRma({ state: 'rejected', disposition: null }, 'sales_manager')).toEqual([]);
  });
});
