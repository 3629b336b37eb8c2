import { describe, expect, it } from 'vitest';
import type { ServiceContract } from '../../src/shared/service';
import { driveTo, openOffice, registerCase, type Office } from './helpers';
import { MONDAY_0900, movableClock } from './rule-engine-helpers';

/**
 * Service contracts through the api (issue 5, seed 001): a quotation from an out-of-warranty case,
 * sent, signed, invoiced; the signed contract covers the case at once, the customer's other open
 * case on the unit too, and a later case on the same unit; a quotation, a contract only sent, or a
 * cancelled one covers nothing. The workflow guards: closing needs the customer's acceptance, and a
 * decision on out-of-warranty work needs a contract or the customer paying with his agreement.
 */

const office = () => openOffice({ clock: movableClock('2026-11-23T01:05:00.000Z') });
const OLD_UNIT = { receivedAt: MONDAY_0900, serialNo: 'SA37A2400001' as string | null };

/**
 * A case on a unit installed long ago: the default policy (counted from installation) has run out.
 * Intake records the installation date after registration, as the office does.
 */
async function registerOld(o: Office, over: Parameters<typeof registerCase>[2] = {}, classification: 'quality' | 'non_quality' = 'quality') {
  const f = await registerCase(o, classification, { ...OLD_UNIT, ...over });
  return o.edit('sales_admin', 'complaints.update', f.id, { patch: { installationDate: '2024-01-10' } });
}

const quote = (o: Office, id: number, over: Record<string, unknown> = {}) =>
  o.edit('sales_admin', 'contracts.quote', id, {
    scope: '年度维保：每季度巡检一次，故障上门维修（含人工，不含备件）',
    serials: [OLD_UNIT.serialNo],
    models: [],
    fee: 380_000,
    validFrom: '2026-11-23',
    validTo: '2027-11-22',
    quoteValidUntil: '2026-12-31',
    note: null,
    ...over,
  } as never);

async function stepAs(o: Office, role: Parameters<Office['as']>[0], c: ServiceContract, action: string, extra: Record<string, unknown> = {}) {
  await o.as(role);
  return o.call('contracts.step', { contractId: c.id, version: c.version, action, ...extra } as never);
}
async function refuseStep(o: Office, role: Parameters<Office['as']>[0], c: ServiceContract, action: string, extra: Record<string, unknown> = {}) {
  await o.as(role);
  return o.fail('contracts.step', { contractId: c.id, version: c.version, action, ...extra });
}
const reasonCodes = (e: { issues?: Array<{ path: string; code: string }> }) => (e.issues ?? []).filter((i) => i.path === 'workflow').map((i) => i.code);

/** A case ready for the sales manager's decision, with one company-paid option. */
async function toDecision(o: Office, id: number) {
  return driveTo(o, id, 'awaiting_decision');
}

describe('a service contract from quotation to covering a later case', () => {
  it('quotes, sends, signs, invoices; the signed contract covers the case, the customer\'s other open case and a later one', async () => {
    const o = await office();
    const a = await registerOld(o);
    expect(a.warrantyStatus).toBe('out_of_warranty');
    // The customer's other open case on the same unit, registered before any contract.
    const other = await registerOld(o, { ...OLD_UNIT, customerId: a.customerId, newCustomer: null, receivedAt: '2026-11-23T02:00:00.000Z' });
    expect(other.warrantyStatus).toBe('out_of_warranty');

    const quoted = await quote(o, a.id);
    expect(quoted.version).toBe(a.version + 1);
    let [c] = await o.call('contracts.forCase', { id: a.id });
    expect(c).toMatchObject({
      complaintId: a.id,
      trackingNo: a.trackingNo,
      customerId: a.customerId,
      customerName: a.customerName,
      state: 'quotation',
      serials: [OLD_UNIT.serialNo],
      fee: 380_000,
      quoteValidUntil: '2026-12-31',
      version: 0,
    });
    expect(c!.contractNo).toMatch(/^SC-2026-\d{4}$/);
    // A quotation covers nothing.
    expect((await o.file(a.id)).warrantyStatus).toBe('out_of_warranty');

    c = await stepAs(o, 'sales_admin', c!, 'send');
    expect(c).toMatchObject({ state: 'sent', version: 1 });
    expect(c.sentAt).not.toBeNull();
    // Sent but not signed: still nothing covered.
    expect((await o.file(a.id)).warrantyStatus).toBe('out_of_warranty');

    c = await stepAs(o, 'branch_manager', c, 'sign', { signedBy: '周工（设备部）', signedOn: '2026-11-23' });
    expect(c).toMatchObject({ state: 'signed', signedBy: '周工（设备部）', signedAt: '2026-11-23', version: 2 });
    // The origin case and the customer's other open case on the unit are covered at once.
    for (const id of [a.id, other.id]) {
      const f = await o.file(id);
      expect(f.warrantyStatus, f.trackingNo).toBe('contract');
      const engine = await o.call('complaints.engine', { id });
      expect(engine.warranty).toMatchObject({ status: 'contract', contractId: c.contractNo, covered: true });
      expect(engine.warranty!.reason.message).toContain(`covered by service contract ${c.contractNo}`);
    }
    const warrantyEvents = o.allEvents().filter((e) => e.kind === 'warranty' && e.complaintId === other.id);
    // Installation date recorded, then the contract signed: the change is on the other case's trail, by the signer.
    expect(warrantyEvents.map((e) => (e.after as { status: string }).status)).toEqual(['out_of_warranty', 'contract']);
    expect(warrantyEvents[1]!.actorId).toBe(o.staff.branch_manager);

    c = await stepAs(o, 'finance', c, 'invoice', { invoiceNo: 'FP-2026-11-0088' });
    expect(c).toMatchObject({ state: 'invoiced', invoiceNo: 'FP-2026-11-0088', version: 3 });

    // A later case on the same unit is covered from registration, the contract named in the reason.
    const later = await registerOld(o, { ...OLD_UNIT, customerId: a.customerId, newCustomer: null, receivedAt: '2026-11-24T03:00:00.000Z' });
    expect(later.warrantyStatus).toBe('contract');
    const engine = await o.call('complaints.engine', { id: later.id });
    expect(engine.warranty).toMatchObject({ status: 'contract', contractId: c.contractNo });
    expect(engine.warranty!.reason.params).toMatchObject({ contract: c.contractNo, warranty: 'out_of_warranty' });
    expect(engine.warranty!.reason.message).toContain(c.contractNo);
    expect((await o.call('contracts.forCase', { id: later.id })).map((x) => x.contractNo)).toEqual([c.contractNo]);

    // The audit trail: every step on the origin case, who and what.
    const trail = o.allEvents().filter((e) => e.kind === 'service_contract');
    expect(trail.map((e) => [e.complaintId, e.field, (e.after as { state: string }).state])).toEqual([
      [a.id, 'quote', 'quotation'],
      [a.id, 'send', 'sent'],
      [a.id, 'sign', 'signed'],
      [a.id, 'invoice', 'invoiced'],
    ]);
    expect(trail[2]!.actorId).toBe(o.staff.branch_manager);
    expect(trail[2]!.after).toMatchObject({ contractNo: c.contractNo, signedBy: '周工（设备部）', signedOn: '2026-11-23' });
    expect(trail[3]!.before).toEqual({ contractNo: c.contractNo, state: 'signed' });
  });

  it('covers units by model for its customer only, and a cancelled contract stops covering at once', async () => {
    const o = await office();
    const a = await registerOld(o, { ...OLD_UNIT, serialNo: null });
    await quote(o, a.id, { serials: [], models: ['SA-37A'] });
    let [c] = await o.call('contracts.forCase', { id: a.id });
    c = await stepAs(o, 'sales_manager', c!, 'sign', { signedBy: '王伟', signedOn: '2026-11-23' });
    expect((await o.file(a.id)).warrantyStatus).toBe('contract');
    // Another customer's unit of the same model is not covered.
    const stranger = await registerOld(o, { ...OLD_UNIT, serialNo: null, newCustomer: { name: '无锡远航设备有限公司', region: '无锡' } });
    expect(stranger.warrantyStatus).toBe('out_of_warranty');
    expect(await o.call('contracts.forCase', { id: stranger.id })).toEqual([]);

    c = await stepAs(o, 'sales_manager', c, 'cancel', { note: '客户改为按次付费' });
    expect(c.state).toBe('cancelled');
    expect(c.note).toContain('客户改为按次付费');
    expect((await o.file(a.id)).warrantyStatus).toBe('out_of_warranty');
    const later = await registerOld(o, { ...OLD_UNIT, serialNo: null, customerId: a.customerId, newCustomer: null });
    expect(later.warrantyStatus).toBe('out_of_warranty');
  });
});

describe('refusals', () => {
  it('wrong role, stale version, invoice before signing, missing signatory or invoice number, cancel after invoice', async () => {
    const o = await office();
    const a = await registerOld(o);
    // Only the roles of the case's contract part quote (finance may not).
    const notYours = await o.refuse('finance', 'contracts.quote', a.id, {
      scope: 'x',
      serials: ['S1'],
      models: [],
      fee: 1,
      validFrom: '2026-11-23',
      validTo: '2026-12-23',
      quoteValidUntil: null,
      note: null,
    } as never);
    expect(notYours.code).toBe('FORBIDDEN');
    const noUnits = await o.refuse('sales_admin', 'contracts.quote', a.id, {
      scope: 'x', serials: [], models: [], fee: 1, validFrom: '2026-11-23', validTo: '2026-12-23', quoteValidUntil: null, note: null,
    } as never);
    expect(noUnits).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ code: 'units_required' })] });

    await quote(o, a.id);
    let [c] = await o.call('contracts.forCase', { id: a.id });

    const role = await refuseStep(o, 'finance', c!, 'send');
    expect(role.code).toBe('FORBIDDEN'); // the method's roles let finance in; the step's do not
    expect(reasonCodes(role)).toEqual(['contract_wrong_role']);
    const early = await refuseStep(o, 'finance', c!, 'invoice', { invoiceNo: 'FP-1' });
    expect(reasonCodes(early)).toEqual(['contract_not_signed']);
    const chairman = await o.as('chairman').then(() => o.fail('contracts.step', { contractId: c!.id, version: 0, action: 'send' }));
    expect(chairman.code).toBe('FORBIDDEN');

    c = await stepAs(o, 'sales_admin', c!, 'send');
    const stale = await refuseStep(o, 'sales_admin', { ...c, version: 0 }, 'sign', { signedBy: '王伟', signedOn: '2026-11-23' });
    expect(stale.code).toBe('CONFLICT');
    const unsigned = await refuseStep(o, 'sales_admin', c, 'sign', { signedOn: '2026-11-23' });
    expect(reasonCodes(unsigned)).toEqual(['signatory_required']);
    const undated = await refuseStep(o, 'sales_admin', c, 'sign', { signedBy: '王伟' });
    expect(reasonCodes(undated)).toEqual(['signed_on_required']);
    // Nothing of a refused step was written.
    expect((await o.call('contracts.forCase', { id: a.id }))[0]).toMatchObject({ state: 'sent', version: 1 });

    c = await stepAs(o, 'sales_admin', c, 'sign', { signedBy: '王伟', signedOn: '2026-11-23' });
    expect(reasonCodes(await refuseStep(o, 'finance', c, 'invoice', { invoiceNo: '  ' }))).toEqual(['invoice_no_required']);
    c = await stepAs(o, 'sales_admin', c, 'invoice', { invoiceNo: 'FP-2' });
    const settled = await refuseStep(o, 'branch_manager', c, 'cancel');
    expect(reasonCodes(settled)).toEqual(['contract_invoiced']);
    expect(settled.message).toContain('invoiced');
  });
});

describe('the contracts list', () => {
  it('pages newest first, searches by number, customer or case, filters by state', async () => {
    const o = await office();
    const a = await registerOld(o);
    const b = await registerOld(o, { ...OLD_UNIT, serialNo: 'SB-2', newCustomer: { name: '无锡远航设备有限公司', region: '无锡' } });
    await quote(o, a.id);
    await quote(o, a.id, { serials: ['SA37A2400009'] });
    await quote(o, b.id, { serials: ['SB-2'] });
    const all = await o.call('contracts.list', { q: '', states: [], offset: 0, limit: 2 } as never);
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.customerName)).toEqual(['无锡远航设备有限公司', a.customerName]);
    const page2 = await o.call('contracts.list', { q: '', states: [], offset: 2, limit: 2 } as never);
    expect(page2.rows).toHaveLength(1);
    const byCustomer = await o.call('contracts.list', { q: '远航', states: [], offset: 0, limit: 50 } as never);
    expect(byCustomer.rows.map((r) => r.complaintId)).toEqual([b.id]);
    const no = all.rows[0]!.contractNo;
    expect((await o.call('contracts.list', { q: no, states: [], offset: 0, limit: 50 } as never)).rows.map((r) => r.contractNo)).toEqual([no]);
    expect((await o.call('contracts.list', { q: a.trackingNo, states: [], offset: 0, limit: 50 } as never)).total).toBe(2);
    await stepAs(o, 'sales_admin', all.rows[0]!, 'send');
    const sent = await o.call('contracts.list', { q: '', states: ['sent'], offset: 0, limit: 50 } as never);
    expect(sent.rows.map((r) => r.contractNo)).toEqual([no]);
    expect((await o.call('contracts.list', { q: '', states: ['quotation', 'sent'], offset: 0, limit: 50 } as never)).total).toBe(3);
    expect((await o.call('contracts.list', { q: '%', states: [], offset: 0, limit: 50 } as never)).total).toBe(0);
  });
});

describe('workflow guards of issue 5', () => {
  it('refuses to close without the customer\'s acceptance, with the reason; a receipt attached is acceptance too', async () => {
    const o = await office();
    const f = await registerCase(o, 'non_quality');
    await driveTo(o, f.id, 'verified');
    // A case that reached "verified" without its acceptance (an imported or repaired record).
    o.store.sqlite.prepare('DELETE FROM acceptances WHERE complaint_id = ?').run(f.id);
    const e = await o.refuse('sales_admin', 'complaints.transition', f.id, { action: 'close' } as never);
    expect(e.code).toBe('FORBIDDEN');
    expect(reasonCodes(e)).toEqual(['close_without_acceptance']);
    expect(e.message).toContain("without the customer's acceptance");
    const wf = await o.as('sales_admin').then(() => o.call('complaints.workflow', { id: f.id }));
    expect(wf.actions.find((x) => x.action === 'close')).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ code: 'close_without_acceptance' })] });

    await o.call('attachments.add', { complaintId: f.id, name: '验收单.pdf', mime: 'application/pdf', purpose: 'receipt', data: Buffer.from('%PDF-1.4 receipt').toString('base64') });
    expect((await o.step('sales_admin', f.id, 'close')).state).toBe('closed');
  });

  it('an out-of-warranty decision needs a signed contract, or an option the customer pays with his agreement', async () => {
    const o = await office();
    const a = await registerOld(o);
    await toDecision(o, a.id);
    const e = await o.refuse('sales_manager', 'complaints.transition', a.id, { action: 'decide', optionIndex: 0, reason: '同意维修' } as never);
    expect(reasonCodes(e)).toEqual(['out_of_warranty_unpaid']);
    expect(e.message).toContain('quote a service contract');

    // A quotation is not enough; once signed, the decision goes through.
    await quote(o, a.id);
    const [c] = await o.call('contracts.forCase', { id: a.id });
    expect(reasonCodes(await o.refuse('sales_manager', 'complaints.transition', a.id, { action: 'decide', optionIndex: 0, reason: 'x' } as never))).toEqual([
      'out_of_warranty_unpaid',
    ]);
    await stepAs(o, 'sales_manager', c!, 'sign', { signedBy: '王伟', signedOn: '2026-11-23' });
    expect((await o.step('sales_manager', a.id, 'decide', { optionIndex: 0, reason: '按合同维修' })).state).toBe('in_service');

    // Without a contract: the customer pays, with his recorded agreement.
    const b = await registerOld(o, { ...OLD_UNIT, serialNo: 'SA37A2400777' });
    await o.step('sales_manager', b.id, 'accept');
    await o.edit('production_technology', 'complaints.saveInvestigation', b.id, { cause: '轴承磨损', countermeasures: '更换轴承', method: 'free' } as never);
    await o.edit('production_technology', 'complaints.saveOptions', b.id, {
      options: [
        { kind: 'repair', description: '公司承担维修', estimatedCost: 90_000, payer: 'company' },
        { kind: 'repair', description: '客户付费维修', estimatedCost: 90_000, payer: 'customer' },
      ],
    } as never);
    await o.edit('sales_admin', 'complaints.recordAgreement', b.id, { agreed: true, customerPerson: '王伟', agreedOn: '2026-11-23', amount: 90_000, note: null } as never);
    await o.step('production_technology', b.id, 'submit_for_decision');
    expect(reasonCodes(await o.refuse('sales_manager', 'complaints.transition', b.id, { action: 'decide', optionIndex: 0, reason: 'x' } as never))).toEqual([
      'out_of_warranty_unpaid',
    ]);
    expect((await o.step('sales_manager', b.id, 'decide', { optionIndex: 1, reason: '客户同意付费' })).state).toBe('in_service');
  });
});

describe('demo contracts', () => {
  it('adds a quotation, a sent, a signed and invoiced contracts to recent out-of-warranty demo cases, each step on the trail', async () => {
    const o = await openOffice({ clock: movableClock('2026-11-23T01:05:00.000Z') });
    await o.as('admin');
    // Loading the demo office adds its contracts (services/demo-service.ts calls loadDemoContracts once,
    // with the clock's instant, a few seconds after 01:05, as the demo's end).
    await o.call('app.loadDemo', { complaints: 400 } as never);
    const list = await o.call('contracts.list', { q: '', states: [], offset: 0, limit: 50 } as never);
    expect(list.rows.map((c) => c.state).sort()).toEqual(['invoiced', 'invoiced', 'quotation', 'sent', 'signed']);
    for (const c of list.rows) {
      expect(c.contractNo).toMatch(/^SC-2026-\d{4}$/);
      expect(c.complaintId).not.toBeNull();
      const trail = o.allEvents().filter((e) => e.kind === 'service_contract' && (e.after as { contractNo: string }).contractNo === c.contractNo);
      expect(trail.map((e) => e.field)).toEqual(['quote', 'send', 'sign', 'invoice'].slice(0, ['quotation', 'sent', 'signed', 'invoiced'].indexOf(c.state) + 1));
      expect(trail.every((e) => e.complaintId === c.complaintId && e.at <= '2026-11-23T01:10:00.000Z')).toBe(true);
    }
    // The scheduler's next pass reads the signed contracts: their origin cases are covered.
    await o.scheduler.runOnce();
    for (const c of list.rows.filter((x) => x.state === 'signed' || x.state === 'invoiced')) {
      expect((await o.file(c.complaintId!)).warrantyStatus, c.contractNo).toBe('contract');
    }
    for (const c of list.rows.filter((x) => x.state === 'quotation' || x.state === 'sent')) {
      expect((await o.file(c.complaintId!)).warrantyStatus, c.contractNo).not.toBe('contract');
    }
  });
});
