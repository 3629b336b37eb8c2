import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../src/shared/contract';
import type { Role } from '../../src/shared/domain';
import { memorySecretStore } from '../../src/main/secrets/memory';
import { ACCEPTANCE, VERIFICATION, complaintInput, driveTo, openOffice, registerCase, type Office, type RawEvent } from './helpers';

/**
 * Audit (issue 3): every mutating method leaves exactly the events it should. Each method of the
 * contract marked `mutates: true` is called once, successfully, as the role that does it in the
 * office; the events it appends are compared in full (kind, field, before, after, who, when, which
 * case), and the events that were there before are checked to be untouched.
 */

interface Probe {
  o: Office;
  /** Calls the method under test once, as `who`; answers its value and the events it appended. */
  once<M extends MethodName>(who: Role, method: M, input: MethodInput<M>): Promise<{ value: MethodOutput<M>; events: RawEvent[] }>;
  version(id: number): Promise<number>;
}
type Scenario = (p: Probe) => Promise<void>;

const shape = (events: RawEvent[]) => events.map((e) => [e.kind, e.field, e.before, e.after]);
const dept = async (o: Office, code: string) => (await o.call('departments.list', {})).find((d) => d.code === code)!.id;

/** A spare part of the catalogue, as the production after-sales team keeps it. */
const PART = { partNo: 'BRG-6205', name: '轴承 深沟球 6205-2RS', unit: '个', unitCost: 4_550, reorderLevel: 5, active: true };
/** The part, with this many received into stock (one receipt). */
async function stocked(o: Office, onHand: number) {
  await o.as('production_after_sales');
  const part = await o.call('parts.save', { ...PART, partId: null, version: null });
  return o.call('stock.move', { partId: part.id, kind: 'receipt', delta: onHand, note: '采购入库 PO-2501', override: false });
}
/** A registered case on a unit installed long ago: out of warranty under the default policy. */
async function outOfWarranty(o: Office) {
  const f = await registerCase(o);
  await o.edit('sales_admin', 'complaints.update', f.id, { patch: { installationDate: '2024-01-10' } });
  expect((await o.file(f.id)).warrantyStatus).toBe('out_of_warranty');
  return f;
}
const QUOTE = {
  scope: '年度维保：每季度巡检一次，故障上门维修（含人工，不含备件）',
  serials: ['SA37A2512345'],
  models: [],
  fee: 380_000,
  // From the day the complaint came in: the warranty engine covers a case by the day it was received.
  validFrom: '2026-11-20',
  validTo: '2027-11-19',
  quoteValidUntil: '2026-12-31',
  note: null,
};
/** A freight invoice in US dollars (minor units), converted at the rate given. */
const COST = { costType: 'transport', incurredOn: '2026-11-20', amount: 15_000, currency: 'USD', fxRate: '7.1234', payer: 'company', description: '国际快递 主控板' } as const;
const CNY_COST = { costType: 'travel', incurredOn: '2026-11-20', amount: 86_000, currency: 'CNY', fxRate: null, payer: 'company', description: '杭州—苏州 高铁' } as const;
/** A corrective action opened from the electrical bar of a Pareto diagram, with two actions planned (the second already done). */
const CAPA_SOURCE = { dimension: 'defect_category', key: 'electrical', label: '电气', from: '2026-05-01', to: '2026-10-31' } as const;
function capaInput(o: Office, caseIds: number[], over: Partial<MethodInput<'capa.create'>> = {}): MethodInput<'capa.create'> {
  return {
    kind: 'corrective',
    title: '缺陷类别：电气 (2026-05-01 – 2026-10-31)',
    problem: '柏拉图分析：电气类缺陷居首位，主控板过载误报停机。',
    rootCause: null,
    ownerId: o.staff.production_technology,
    dueOn: '2026-12-31',
    effectivenessDueOn: '2027-03-31',
    actions: [
      { description: '更换电容供应商，来料按批做高温老化抽检', ownerId: o.staff.production_technology, dueOn: '2026-12-10' },
      { description: '更新主控板出厂检验规程', ownerId: o.staff.technical_support, dueOn: '2026-11-20', done: true },
    ],
    caseIds,
    source: CAPA_SOURCE,
    ...over,
  };
}
/** The office's SMTP server, as the sales administration keeps it (the password goes to the secret store). */
const SMTP = {
  host: 'smtp.hengda.example.com',
  port: 465,
  secure: true,
  user: 'desk@hengda.example.com',
  from: 'desk@hengda.example.com',
  recipients: ['chairman@hengda.example.com'],
  schedule: false,
};

const SCENARIOS: Partial<Record<MethodName, Scenario>> = {
  // Screen preferences and the first-start choice are nobody's business: no event.
  'app.startEmpty': async ({ once }) => expect((await once('admin', 'app.startEmpty', {})).events).toEqual([]),
  'prefs.set': async ({ once }) => expect((await once('sales_admin', 'prefs.set', { key: 'grid.columns', value: ['trackingNo'] })).events).toEqual([]),
  // The office's settings and people decide who may do what: audited on no case, never with a password.
  'settings.update': async ({ once }) => {
    const { events } = await once('admin', 'settings.update', { chairmanCostThreshold: 2_000_000 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ complaintId: null, kind: 'settings_changed', field: 'settings', before: { chairmanCostThreshold: 1_000_000 }, after: { chairmanCostThreshold: 2_000_000 } });
  },
  'users.create': async ({ once }) => {
    const { value, events } = await once('admin', 'users.create', { name: '新人', role: 'finance', password: 'secret-1' });
    expect(shape(events)).toEqual([['profile_created', `user:${value.id}`, null, value]]);
    expect(JSON.stringify(events)).not.toContain('secret-1');
    expect(JSON.stringify(events)).not.toContain('scrypt');
  },
  'users.update': async ({ o, once }) => {
    const { events } = await once('admin', 'users.update', { id: o.staff.finance, name: '吴芳芳' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ complaintId: null, kind: 'profile_changed', field: `user:${o.staff.finance}`, after: { name: '吴芳芳' } });
  },
  'departments.save': async ({ once }) => {
    const { value, events } = await once('admin', 'departments.save', { name: 'Quality Department' });
    expect(shape(events)).toEqual([['department_created', `department:${value.id}`, null, value]]);
  },

  // The demo data: each demo case's own history, starting with its registration: its steps through
  // the procedure, then the service work on it (issue 5), every record's events on the record's own
  // case; on the office only its corrective and preventive actions (issue 7), each also on the cases
  // it links (its parts catalogue and stock receipts are the stock ledger's).
  'app.loadDemo': async ({ o, once }) => {
    const { value, events } = await once('admin', 'app.loadDemo', { complaints: 200 });
    expect(value.complaints).toBe(200);
    const rows = <T>(sql: string) => o.store.sqlite.prepare(sql).all() as T[];
    const cases = new Map(rows<{ id: number; state: string }>('SELECT id, state FROM complaints ORDER BY id').map((r) => [r.id, r.state]));
    expect(cases.size).toBe(200);
    expect(new Set(events.filter((e) => e.complaintId === null).map((e) => e.kind))).toEqual(new Set(['capa']));
    expect(events.every((e) => e.complaintId === null || cases.has(e.complaintId))).toBe(true);
    const people = new Set(rows<{ id: number }>('SELECT id FROM users').map((u) => u.id));
    expect(events.every((e) => people.has(e.actorId))).toBe(true);

    // Each case: registered first, nothing before it; its transitions a chain from 'registered' to the state it is in.
    for (const [id, state] of cases) {
      const mine = events.filter((e) => e.complaintId === id);
      expect(mine[0]).toMatchObject({ kind: 'created', field: null, before: null, after: { demo: true } });
      const early = mine.slice(1).filter((e) => e.kind === 'created' || e.at < mine[0]!.at);
      expect(early.map((e) => [e.kind, e.field, e.at]), `case ${id}, registered at ${mine[0]!.at}`).toEqual([]);
      let at = 'registered';
      for (const t of mine.filter((e) => e.kind === 'transition')) {
        expect(t.before, `case ${id} ${t.field}`).toBe(at);
        at = (t.after as { state: string }).state;
      }
      expect(at, `case ${id}`).toBe(state);
    }
    // The 200-case office has every kind of service record, and nothing else is written.
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['capa', 'capa_link', 'case_part', 'cost_lines', 'created', 'rma', 'service_action', 'service_contract', 'transition']);

    // Every service record's events are on its own case, and every record has its events.
    const of = (kind: string) => events.filter((e) => e.kind === kind);
    const owner = (sql: string) => new Map(rows<{ key: string | number; complaintId: number }>(sql).map((r) => [String(r.key), r.complaintId]));
    const check = (kind: string, table: Map<string, number>, key: (e: RawEvent) => string) => {
      const evs = of(kind);
      expect(evs.length, kind).toBeGreaterThan(0);
      for (const e of evs) expect(table.get(key(e)), `${kind} ${key(e)}`).toBe(e.complaintId);
      expect(new Set(evs.map(key)), kind).toEqual(new Set(table.keys()));
    };
    check('service_action', owner('SELECT id AS key, complaint_id AS complaintId FROM service_actions'), (e) => String((e.after as { id: number }).id));
    check('case_part', owner("SELECT 'case_part:' || id AS key, complaint_id AS complaintId FROM case_parts"), (e) => e.field!);
    check('rma', owner('SELECT id AS key, complaint_id AS complaintId FROM rmas'), (e) => String((e.after as { rmaId: number }).rmaId));
    check('service_contract', owner('SELECT contract_no AS key, complaint_id AS complaintId FROM service_contracts'), (e) => (e.after as { contractNo: string }).contractNo);
    check('cost_lines', owner("SELECT DISTINCT source || ':' || source_id AS key, complaint_id AS complaintId FROM cost_lines"), (e) => e.field!);
    // A return's and a contract's last event says the state it is in; a record's cost event, the lines it has.
    for (const r of rows<{ id: number; state: string }>('SELECT id, state FROM rmas')) {
      expect((of('rma').filter((e) => (e.after as { rmaId: number }).rmaId === r.id).at(-1)!.after as { state: string }).state).toBe(r.state);
    }
    for (const c of rows<{ no: string; state: string }>('SELECT contract_no AS no, state FROM service_contracts')) {
      const trail = of('service_contract').filter((e) => (e.after as { contractNo: string }).contractNo === c.no);
      expect(trail[0]!.field).toBe('quote');
      expect((trail.at(-1)!.after as { state: string }).state).toBe(c.state);
    }
    // The CAPAs: every office event names a demo CAPA by id and number, each CAPA's trail starts with
    // its creation and ends in the state it is in; its links are on the cases it links, one each.
    const capas = new Map(rows<{ id: number; no: string; state: string }>('SELECT id, capa_no AS no, state FROM capas').map((r) => [r.id, r]));
    expect(capas.size).toBeGreaterThan(0);
    const named = (e: RawEvent) => (e.after ?? e.before) as { capaId: number; capaNo: string; state?: string };
    for (const e of events.filter((x) => x.complaintId === null)) expect(capas.get(named(e).capaId)?.no, JSON.stringify(e)).toBe(named(e).capaNo);
    for (const [id, c] of capas) {
      const trail = of('capa').filter((e) => named(e).capaId === id);
      expect(trail[0]?.field, c.no).toBe('create');
      expect(trail.filter((e) => e.field === 'create'), c.no).toHaveLength(1);
      expect(named(trail.filter((e) => named(e).state !== undefined).at(-1)!).state, c.no).toBe(c.state);
    }
    const linked = rows<{ capaId: number; complaintId: number }>('SELECT capa_id AS capaId, complaint_id AS complaintId FROM capa_cases');
    expect(linked.length).toBeGreaterThan(0);
    for (const e of of('capa_link')) {
      expect(e.field).toBe('link'); // the demo unlinks nothing
      expect(capas.get(named(e).capaId)?.no).toBe(named(e).capaNo);
    }
    const pairs = (l: Array<{ capaId: number; complaintId: number | null }>) => l.map((x) => `${x.capaId}:${x.complaintId}`).sort();
    expect(pairs(of('capa_link').map((e) => ({ capaId: named(e).capaId, complaintId: e.complaintId })))).toEqual(pairs(linked));

    const lines = rows<{ key: string; costType: string; amount: number }>("SELECT source || ':' || source_id AS key, cost_type AS costType, amount FROM cost_lines ORDER BY id");
    for (const e of of('cost_lines')) {
      const sort = (l: Array<{ costType: string; amount: number }>) => [...l].sort((x, y) => x.costType.localeCompare(y.costType) || x.amount - y.amount);
      const now = lines.filter((l) => l.key === e.field).map(({ costType, amount }) => ({ costType, amount }));
      expect(sort(e.after as Array<{ costType: string; amount: number }>), e.field!).toEqual(sort(now));
    }
  },

  'complaints.create': async ({ o, once }) => {
    const { value, events } = await once('sales_admin', 'complaints.create', complaintInput());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ complaintId: value.id, actorId: o.staff.sales_admin, kind: 'created', field: null, before: null });
    expect(events[0]!.after).toEqual({
      trackingNo: value.trackingNo,
      receivedAt: value.receivedAt,
      channel: 'phone',
      customerId: value.customerId,
      customerName: '苏州恒达机械有限公司',
      contactName: '王伟',
      contactPhone: '+86 512 6688 1234',
      contactEmail: 'wang.wei@hengda.example.com',
      productModel: 'SA-37A',
      serialNo: 'SA37A2512345',
      deliveryDate: '2025-12-01',
      description: '设备开机后主控板报过载故障，无法正常启动。',
      defectCategory: 'electrical',
      severity: 'normal',
    });
  },
  'complaints.update': async ({ o, once, version }) => {
    const f = await registerCase(o);
    const { events } = await once('sales_admin', 'complaints.update', { id: f.id, version: await version(f.id), patch: { severity: 'major', description: '主控板烧毁' } });
    expect(shape(events)).toEqual([
      ['field_changed', 'description', '设备开机后主控板报过载故障，无法正常启动。', '主控板烧毁'],
      ['field_changed', 'severity', 'normal', 'major'],
      // The rule engine (issue 4): a major defect's first response (4 business hours) was due on Friday.
      ['sla_breach', 'response', null, expect.objectContaining({ clock: 'response', due: '2026-11-20T07:30:00.000Z', rule: 'major' })],
      ['escalation', 'sla-breached', null, expect.objectContaining({ rule: 'sla-breached', version: 1, level: 'branch_manager', reason: 'SLA response at 150 % (≥ 100 %)' })],
      ['escalation', 'major-defect', null, expect.objectContaining({ rule: 'major-defect', version: 1, level: 'sales_manager', reason: 'severity is major' })],
    ]);
  },

  'complaints.transition': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'awaiting_decision');
    const { events } = await once('sales_manager', 'complaints.transition', { id: f.id, version: await version(f.id), action: 'decide', optionIndex: 0, reason: '同意' });
    expect(shape(events)).toEqual([['transition', 'decide', 'awaiting_decision', { state: 'in_service', reason: '同意', option: 0 }]]);
  },
  'complaints.classify': async ({ o, once, version }) => {
    const f = await registerCase(o, null);
    const { events } = await once('sales_admin', 'complaints.classify', { id: f.id, version: await version(f.id), classification: 'non_quality' });
    expect(shape(events)).toEqual([['field_changed', 'classification', null, 'non_quality']]);
  },
  'complaints.assign': async ({ o, once, version }) => {
    const f = await registerCase(o);
    const { events } = await once('branch_manager', 'complaints.assign', { id: f.id, version: await version(f.id), ownerId: o.staff.production_after_sales });
    expect(shape(events)).toEqual([['field_changed', 'owner', null, o.staff.production_after_sales]]);
  },
  'complaints.saveInvestigation': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    await o.edit('production_technology', 'complaints.saveInvestigation', f.id, { cause: '电容批次不良', countermeasures: '更换主控板', method: 'free' });
    const { events } = await once('technical_support', 'complaints.saveInvestigation', {
      id: f.id,
      version: await version(f.id),
      cause: '电容批次不良，高温下容量衰减',
      countermeasures: '更换主控板',
      method: 'free',
      containment: '隔离同批次库存',
    });
    expect(shape(events)).toEqual([
      ['field_changed', 'investigation.cause', '电容批次不良', '电容批次不良，高温下容量衰减'],
      ['field_changed', 'investigation.containment', null, '隔离同批次库存'],
    ]);
  },
  'complaints.saveOptions': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    const option = { kind: 'repair', description: '上门维修', estimatedCost: 120_000, payer: 'company' } as const;
    const { events } = await once('production_technology', 'complaints.saveOptions', { id: f.id, version: await version(f.id), options: [option] });
    expect(shape(events)).toEqual([['field_changed', 'options', [], [option]]]);
  },
  'complaints.recordAgreement': async ({ o, once, version }) => {
    const f = await registerCase(o, 'non_quality');
    await o.step('sales_manager', f.id, 'accept');
    const agreement = { agreed: true, customerPerson: '王伟', agreedOn: '2026-11-21', amount: 30_000, note: null };
    const { events } = await once('sales_admin', 'complaints.recordAgreement', { id: f.id, version: await version(f.id), ...agreement });
    expect(shape(events)).toEqual([['field_changed', 'agreement', null, agreement]]);
  },
  'complaints.saveResponsibility': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    const production = await dept(o, 'production');
    const { events } = await once('sales_admin', 'complaints.saveResponsibility', {
      id: f.id,
      version: await version(f.id),
      entries: [
        { departmentId: production, shareBp: 6000 },
        { personName: '张三', shareBp: 4000, note: '装配' },
      ],
    });
    expect(shape(events)).toEqual([
      [
        'field_changed',
        'responsibility',
        [],
        [
          { departmentId: production, personName: null, shareBp: 6000, note: null },
          { departmentId: null, personName: '张三', shareBp: 4000, note: '装配' },
        ],
      ],
    ]);
  },
  'complaints.setEscalation': async ({ o, once, version }) => {
    const f = await registerCase(o);
    const { events } = await once('sales_manager', 'complaints.setEscalation', { id: f.id, version: await version(f.id), escalated: true, reason: '客户多次投诉' });
    expect(shape(events)).toEqual([['field_changed', 'escalation', { escalated: false, reason: null }, { escalated: true, reason: '客户多次投诉' }]]);
  },
  'complaints.setDispute': async ({ o, once, version }) => {
    const f = await registerCase(o);
    const { events } = await once('sales_admin', 'complaints.setDispute', { id: f.id, version: await version(f.id), open: true, note: '合同第8条' });
    expect(shape(events)).toEqual([
      ['field_changed', 'dispute', { open: false, note: null }, { open: true, note: '合同第8条' }],
      ['escalation', 'dispute-open', null, expect.objectContaining({ rule: 'dispute-open', version: 1, reason: 'a dispute is open' })],
    ]);
  },
  'complaints.recordAcceptance': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    const { events } = await once('production_after_sales', 'complaints.recordAcceptance', { id: f.id, version: await version(f.id), ...ACCEPTANCE });
    expect(shape(events)).toEqual([['field_changed', 'acceptance', null, { ...ACCEPTANCE, receiptAttachmentId: null }]]);
  },
  'complaints.recordVerification': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'awaiting_verification');
    const { events } = await once('sales_admin', 'complaints.recordVerification', { id: f.id, version: await version(f.id), ...VERIFICATION, note: '电话回访' });
    expect(shape(events)).toEqual([['verification', 'verification', null, { ...VERIFICATION, note: '电话回访' }]]);
  },
  // The rule engine (issue 4): rules and calendar days are the office's, audited on no case.
  'rules.save': async ({ o, once }) => {
    const [repeat] = await o.call('rules.list', { kind: 'repeat' });
    const data = { ...(repeat!.data as object), windowDays: 60 };
    const { events } = await once('admin', 'rules.save', { kind: 'repeat', key: 'default', data, expectedVersion: 1 });
    expect(shape(events)).toEqual([['rule_saved', 'repeat:default', { version: 1, data: repeat!.data }, { version: 2, data }]]);
  },
  'rules.setEnabled': async ({ o, once }) => {
    const before = (await o.call('rules.history', { kind: 'escalation', key: 'dispute-open' }))[0]!;
    const { events } = await once('sales_manager', 'rules.setEnabled', { kind: 'escalation', key: 'dispute-open', enabled: false });
    expect(shape(events)).toEqual([
      ['rule_saved', 'escalation:dispute-open', { version: 1, data: before.data }, { version: 2, data: { ...(before.data as object), enabled: false, version: 2 } }],
    ]);
  },
  'calendar.setDay': async ({ once }) => {
    const { value, events } = await once('admin', 'calendar.setDay', { date: '2026-12-24', kind: 'holiday', note: '公司年会' });
    expect(shape(events)).toEqual([['calendar_changed', '2026-12-24', null, value]]);
    expect(value).toEqual({ date: '2026-12-24', kind: 'holiday', holiday: null, note: '公司年会', source: 'office' });
  },
  'calendar.removeDay': async ({ once }) => {
    const { events } = await once('admin', 'calendar.removeDay', { date: '2026-10-01' });
    expect(shape(events)).toEqual([['calendar_changed', '2026-10-01', { date: '2026-10-01', kind: 'holiday', holiday: 'national_day', note: null, source: 'chinese-days' }, null]]);
  },
  'complaints.setWaitingCustomer': async ({ o, once, version }) => {
    const f = await registerCase(o);
    const { events } = await once('sales_admin', 'complaints.setWaitingCustomer', { id: f.id, version: await version(f.id), waiting: true });
    expect(shape(events)).toEqual([['field_changed', 'waitingCustomer', null, events[0]!.at]]);
  },
  'complaints.setCustomerPressure': async ({ o, once, version }) => {
    const f = await registerCase(o);
    const { events } = await once('sales_manager', 'complaints.setCustomerPressure', { id: f.id, version: await version(f.id), pressure: true, note: '客户威胁停付货款' });
    expect(shape(events)).toEqual([
      ['field_changed', 'customerPressure', { pressure: false, note: null }, { pressure: true, note: '客户威胁停付货款' }],
      ['escalation', 'customer-pressure', null, expect.objectContaining({ rule: 'customer-pressure', version: 1, level: 'branch_manager' })],
    ]);
  },
  // Reading one's notifications is one's own business, like screen preferences: no event.
  'notifications.markRead': async ({ o, once }) => {
    const f = await registerCase(o);
    await o.edit('sales_admin', 'complaints.setDispute', f.id, { open: true, note: '合同第8条' });
    await o.as('sales_manager');
    const { items } = await o.call('notifications.list', {});
    const { value, events } = await once('sales_manager', 'notifications.markRead', { ids: items.map((n) => n.id) });
    expect(value).toEqual({ updated: 1, unread: 0 });
    expect(events).toEqual([]);
  },
  'management.markReviewed': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await o.edit('sales_admin', 'complaints.setDispute', f.id, { open: true, note: '合同第8条' });
    const { events } = await once('branch_manager', 'management.markReviewed', { id: f.id, version: await version(f.id), note: '已与客户总经理沟通' });
    expect(shape(events)).toEqual([['management_review', 'reviewed', [{ rule: 'dispute-open', version: 1 }], { note: '已与客户总经理沟通' }]]);
  },
  'attachments.add': async ({ o, once }) => {
    const f = await registerCase(o);
    const { value, events } = await once('sales_admin', 'attachments.add', { complaintId: f.id, name: 'photo.jpg', mime: 'image/jpeg', purpose: 'photo', data: Buffer.from('jpeg').toString('base64') });
    expect(shape(events)).toEqual([['attachment_added', 'attachments', null, { id: value.id, name: 'photo.jpg', size: 4, sha256: value.sha256, purpose: 'photo' }]]);
  },

  // Service work (issue 5): each record's change is an event on its case, with what it cost (cost_lines).
  'service.save': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    // The engineer went to the customer the afternoon of the call (14:00–17:00 in Shanghai) to see the fault.
    const visit = {
      actionId: null,
      mode: 'onsite_visit' as const,
      state: 'done' as const,
      summary: '上门检查主控板过载故障',
      plannedStart: '2026-11-20T06:00:00.000Z',
      plannedEnd: '2026-11-20T09:00:00.000Z',
      actualStart: '2026-11-20T06:00:00.000Z',
      actualEnd: '2026-11-20T09:00:00.000Z',
      engineerIds: [o.staff.production_after_sales],
      travelFrom: '杭州',
      travelTo: '苏州',
      travelCost: 68_000,
      accommodationCost: 0,
      allowanceCost: 20_000,
      workDone: '检查主控板，确认电容鼓包',
      result: 'partly_resolved' as const,
      customerSignoff: '王伟',
      note: null,
    };
    const { events } = await once('production_after_sales', 'service.save', { id: f.id, version: await version(f.id), ...visit });
    const [action] = await o.call('service.forCase', { id: f.id });
    const { actionId, engineerIds, ...rest } = visit;
    void actionId;
    void engineerIds;
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([
      ['service_action', 'onsite_visit', null, { id: action!.id, ...rest, engineers: ['production_after_sales 1'] }],
      // The first arrival on site stops the on-site clock.
      ['on_site', 'on_site_at', null, '2026-11-20T06:00:00.000Z'],
      // Travel and allowance become pending cost lines paid by the company; no accommodation, no line.
      ['cost_lines', `visit:${action!.id}`, [], [{ costType: 'travel', amount: 68_000 }, { costType: 'allowance', amount: 20_000 }]],
    ]);
  },
  'rma.request': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    const { events } = await once('sales_admin', 'rma.request', { id: f.id, version: await version(f.id), quantity: 1, serialNo: 'SA37A2512345', reason: '主控板需返厂检测' });
    const [rma] = await o.call('rma.forCase', { id: f.id });
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([
      ['rma', 'request', null, { rmaId: rma!.id, rmaNo: null, state: 'requested', quantity: 1, serialNo: 'SA37A2512345', reason: '主控板需返厂检测' }],
    ]);
  },
  'rma.step': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('sales_admin', 'rma.request', f.id, { quantity: 1, serialNo: 'SA37A2512345', reason: '整机退货' });
    const rma = async () => (await o.call('rma.forCase', { id: f.id }))[0]!;
    const step = async (who: Role, action: 'approve' | 'receive' | 'inspect', extra: object = {}) =>
      o.edit(who, 'rma.step', f.id, { rmaId: (await rma()).id, rmaVersion: (await rma()).version, action, ...extra });
    await step('sales_manager', 'approve', { note: '同意退货' });
    await step('sales_admin', 'receive');
    await step('production_after_sales', 'inspect', { inspectionResult: '主板烧毁，无法修复', disposition: 'refund' });
    const r = await rma();
    // Finance closes a refunded return: the refund becomes a cost line of the return.
    const { events } = await once('finance', 'rma.step', { id: f.id, version: await version(f.id), rmaId: r.id, rmaVersion: r.version, action: 'close', note: '已退款', refundAmount: 120_000 });
    expect(r.rmaNo).toMatch(/^RMA-202611-\d{4}$/);
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([
      ['rma', 'close', 'inspected', { rmaId: r.id, rmaNo: r.rmaNo, state: 'closed', refundAmount: 120_000, disposition: 'refund', note: '已退款' }],
      ['cost_lines', `rma:${r.id}`, [], [{ costType: 'other', amount: 120_000 }]],
    ]);
  },
  // The parts catalogue and the stock are the office's: audited on no case; the ledger itself is append-only.
  'parts.save': async ({ o, once }) => {
    await o.as('production_after_sales');
    const part = await o.call('parts.save', { ...PART, partId: null, version: null });
    expect(o.allEvents().filter((e) => e.kind === 'part_saved').map((e) => [e.complaintId, e.field, e.before])).toEqual([[null, `part:${part.id}`, null]]);
    const { value, events } = await once('production_after_sales', 'parts.save', { ...PART, partId: part.id, version: part.version, unitCost: 4_800, reorderLevel: 8 });
    expect(value).toMatchObject({ id: part.id, unitCost: 4_800, reorderLevel: 8, version: part.version + 1 });
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    const view = { partNo: 'BRG-6205', name: '轴承 深沟球 6205-2RS', unit: '个', unitCost: 4_550, reorderLevel: 5, active: true };
    expect(shape(events)).toEqual([['part_saved', `part:${part.id}`, view, { ...view, unitCost: 4_800, reorderLevel: 8 }]]);
  },
  'stock.move': async ({ o, once }) => {
    const part = await stocked(o, 2);
    // A receipt is the ledger's own record: a move, no event (the only event is the part's creation).
    expect(o.allEvents().filter((e) => e.kind !== 'profile_created').map((e) => e.kind)).toEqual(['part_saved']);
    expect((await o.call('stock.ledger', { partId: part.id })).rows).toEqual([expect.objectContaining({ kind: 'receipt', delta: 2, onHandAfter: 2, override: false })]);
    // A count finds three missing of two on hand: below zero only with override, and that is audited.
    const { value, events } = await once('production_after_sales', 'stock.move', { partId: part.id, kind: 'adjustment', delta: -3, note: '盘点短缺，账实不符待查', override: true });
    expect(value.onHand).toBe(-1);
    const [move] = (await o.call('stock.ledger', { partId: part.id })).rows;
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    expect(shape(events)).toEqual([
      ['stock_override', `part:${part.id}`, { onHand: 2 }, { onHand: -1, delta: -3, partNo: 'BRG-6205', moveId: move!.id, kind: 'adjustment', note: '盘点短缺，账实不符待查' }],
    ]);
  },
  'parts.addToCase': async ({ o, once, version }) => {
    const part = await stocked(o, 5);
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    const { events } = await once('production_after_sales', 'parts.addToCase', {
      id: f.id,
      version: await version(f.id),
      partId: part.id,
      actionId: null,
      usage: 'used',
      quantity: 2,
      fromStock: true,
      faultySerial: 'BRG-12345',
      replacementSerial: 'BRG-24037',
      note: '现场更换',
    });
    const [line] = await o.call('parts.forCase', { id: f.id });
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    // Issued from stock (three left, no override: no stock event), costed at the catalogue's price.
    expect((await o.call('parts.list', {})).rows[0]!.onHand).toBe(3);
    expect(shape(events)).toEqual([
      [
        'case_part',
        `case_part:${line!.id}`,
        null,
        { partNo: 'BRG-6205', usage: 'used', quantity: 2, fromStock: true, faultySerial: 'BRG-12345', replacementSerial: 'BRG-24037', actionId: null, unitCost: 4_550 },
      ],
      ['cost_lines', `part:${line!.id}`, [], [{ costType: 'spare_parts', amount: 9_100 }]],
    ]);
  },
  'parts.cancelOnCase': async ({ o, once, version }) => {
    const part = await stocked(o, 5);
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('production_after_sales', 'parts.addToCase', f.id, { partId: part.id, usage: 'sent', quantity: 2 });
    const [line] = await o.call('parts.forCase', { id: f.id });
    const { events } = await once('production_after_sales', 'parts.cancelOnCase', { id: f.id, version: await version(f.id), casePartId: line!.id, note: '客户自行采购' });
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([
      [
        'case_part',
        `case_part:${line!.id}`,
        { partNo: 'BRG-6205', usage: 'sent', quantity: 2, cancelled: false },
        { partNo: 'BRG-6205', usage: 'sent', quantity: 2, cancelled: true, note: '客户自行采购', returnedToStock: true },
      ],
      ['cost_lines', `part:${line!.id}`, [{ costType: 'spare_parts', amount: 9_100 }], []],
    ]);
  },
  'contracts.quote': async ({ o, once, version }) => {
    const f = await outOfWarranty(o);
    const { events } = await once('sales_admin', 'contracts.quote', { id: f.id, version: await version(f.id), ...QUOTE });
    const [c] = await o.call('contracts.forCase', { id: f.id });
    expect(c!.contractNo).toMatch(/^SC-2026-\d{4}$/);
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    const { note, ...quoted } = QUOTE;
    void note;
    expect(shape(events)).toEqual([['service_contract', 'quote', null, { contractNo: c!.contractNo, state: 'quotation', ...quoted }]]);
  },
  'contracts.step': async ({ o, once }) => {
    const f = await outOfWarranty(o);
    await o.edit('sales_admin', 'contracts.quote', f.id, QUOTE);
    const [c] = await o.call('contracts.forCase', { id: f.id });
    const { value, events } = await once('sales_manager', 'contracts.step', { contractId: c!.id, version: c!.version, action: 'sign', signedBy: '周工（设备部）', signedOn: '2026-11-21' });
    expect(value.state).toBe('signed');
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([
      ['service_contract', 'sign', { contractNo: c!.contractNo, state: 'quotation' }, { contractNo: c!.contractNo, state: 'signed', signedBy: '周工（设备部）', signedOn: '2026-11-21' }],
      // The signed contract covers the case at once: the warranty decision changes on its trail, by the signer.
      [
        'warranty',
        'warranty',
        { status: 'out_of_warranty', reason: expect.any(String) },
        expect.objectContaining({ status: 'contract', reason: expect.stringContaining(`covered by service contract ${c!.contractNo}`) }),
      ],
    ]);
  },
  // Costs (issue 6): lines typed in on a case, Finance's vetting and reversals, the class map, the periods.
  'costs.add': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    const { events } = await once('production_after_sales', 'costs.add', { id: f.id, version: await version(f.id), ...COST });
    const [line] = await o.call('costs.forCase', { id: f.id });
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    // USD 150.00 at 7.1234: ¥1,068.51 in the base currency.
    expect(shape(events)).toEqual([['cost_line', 'add', null, { id: line!.id, ...COST, baseAmount: 106_851, receiptAttachmentId: null, state: 'pending' }]]);
  },
  'costs.update': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('production_after_sales', 'costs.add', f.id, COST);
    const [line] = await o.call('costs.forCase', { id: f.id });
    const { events } = await once('production_after_sales', 'costs.update', { id: f.id, version: await version(f.id), lineId: line!.id, ...COST, amount: 18_000 });
    const was = { id: line!.id, ...COST, baseAmount: 106_851, receiptAttachmentId: null, state: 'pending' };
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([['cost_line', 'update', was, { ...was, amount: 18_000, baseAmount: 128_221 }]]);
  },
  'costs.remove': async ({ o, once, version }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('production_after_sales', 'costs.add', f.id, COST);
    const [line] = await o.call('costs.forCase', { id: f.id });
    const { events } = await once('production_after_sales', 'costs.remove', { id: f.id, version: await version(f.id), lineId: line!.id });
    expect(await o.call('costs.forCase', { id: f.id })).toEqual([]);
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([['cost_line', 'remove', { id: line!.id, ...COST, baseAmount: 106_851, receiptAttachmentId: null, state: 'pending' }, null]]);
  },
  'costs.vet': async ({ o, once }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('production_after_sales', 'costs.add', f.id, CNY_COST);
    const [line] = await o.call('costs.forCase', { id: f.id });
    const { value, events } = await once('finance', 'costs.vet', { lineId: line!.id, decision: 'approve', comment: null });
    expect(value).toMatchObject({ id: line!.id, state: 'approved', costClass: 'after_sales_expense', vettedBy: 'finance 1' });
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([['cost_line', 'approve', { id: line!.id, state: 'pending' }, { id: line!.id, state: 'approved', costClass: 'after_sales_expense', comment: null }]]);
  },
  'costs.reverse': async ({ o, once }) => {
    const f = await registerCase(o);
    await driveTo(o, f.id, 'in_service');
    await o.edit('production_after_sales', 'costs.add', f.id, CNY_COST);
    const [line] = await o.call('costs.forCase', { id: f.id });
    await o.as('finance');
    await o.call('costs.vet', { lineId: line!.id, decision: 'approve', comment: null });
    const { value, events } = await once('finance', 'costs.reverse', { lineId: line!.id, reason: '重复报销' });
    expect(value).toMatchObject({ reversesId: line!.id, amount: -86_000, baseAmount: -86_000, state: 'approved' });
    expect(events.every((e) => e.complaintId === f.id)).toBe(true);
    expect(shape(events)).toEqual([
      ['cost_line', 'reverse', { id: line!.id, amount: 86_000, baseAmount: 86_000 }, { id: value.id, reverses: line!.id, amount: -86_000, baseAmount: -86_000, reason: '重复报销' }],
    ]);
  },
  'costClasses.save': async ({ o, once }) => {
    await o.as('finance');
    const map = await o.call('costClasses.get', {});
    expect(map.travel.company).toBe('after_sales_expense');
    const { events } = await once('finance', 'costClasses.save', { map: { ...map, travel: { ...map.travel, company: 'manufacturing_cost' } } });
    // Only the pairs that changed, on no case.
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    expect(shape(events)).toEqual([['cost_classes', 'map', { 'travel.company': 'after_sales_expense' }, { 'travel.company': 'manufacturing_cost' }]]);
  },
  'periods.close': async ({ once }) => {
    const { value, events } = await once('finance', 'periods.close', { period: '2026-10' });
    expect(value).toMatchObject({ period: '2026-10', closed: true, closedBy: 'finance 1' });
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    expect(shape(events)).toEqual([['period_closed', 'period:2026-10', null, { period: '2026-10', closedAt: value.closedAt }]]);
  },
  // Corrective and preventive actions (issue 7): the record is the office's, audited on no case (kind
  // capa); each case linked or unlinked gets a capa_link event for its timeline, and keeps its version.
  'capa.create': async ({ o, once }) => {
    const a = await registerCase(o);
    const b = await registerCase(o, 'quality', { serialNo: 'SA37A2599999' });
    const { value, events } = await once('production_technology', 'capa.create', capaInput(o, [a.id, b.id]));
    expect(value).toMatchObject({ capaNo: 'CAPA-2026-001', state: 'open', version: 0, caseIds: [a.id, b.id] });
    expect(events.map((e) => e.complaintId)).toEqual([null, a.id, b.id]);
    const ref = { capaId: value.id, capaNo: 'CAPA-2026-001', title: '缺陷类别：电气 (2026-05-01 – 2026-10-31)', kind: 'corrective' };
    expect(shape(events)).toEqual([
      [
        'capa',
        'create',
        null,
        {
          capaId: value.id,
          capaNo: 'CAPA-2026-001',
          kind: 'corrective',
          title: '缺陷类别：电气 (2026-05-01 – 2026-10-31)',
          state: 'open',
          ownerId: o.staff.production_technology,
          dueOn: '2026-12-31',
          source: CAPA_SOURCE,
          actions: [
            { description: '更换电容供应商，来料按批做高温老化抽检', ownerId: o.staff.production_technology, dueOn: '2026-12-10', done: false },
            { description: '更新主控板出厂检验规程', ownerId: o.staff.technical_support, dueOn: '2026-11-20', done: true },
          ],
          caseIds: [a.id, b.id],
        },
      ],
      ['capa_link', 'link', null, ref],
      ['capa_link', 'link', null, ref],
    ]);
    expect((await o.file(a.id)).version).toBe(a.version);
    expect((await o.file(b.id)).version).toBe(b.version);
  },
  'capa.update': async ({ o, once }) => {
    const a = await registerCase(o);
    const b = await registerCase(o, 'quality', { serialNo: 'SA37A2599999' });
    await o.as('production_technology');
    const c = await o.call('capa.create', capaInput(o, [a.id]));
    const [first, second] = c.actions;
    // The root cause found, the date moved, the first action done, the second dropped, a third added; the CAPA moves from case a to case b.
    const { value, events } = await once('production_technology', 'capa.update', {
      capaId: c.id,
      version: c.version,
      kind: c.kind,
      title: c.title,
      problem: c.problem,
      rootCause: '主控板电容批次耐温不足',
      ownerId: c.ownerId,
      dueOn: '2027-01-15',
      effectivenessDueOn: c.effectivenessDueOn,
      actions: [
        { id: first!.id, description: first!.description, ownerId: first!.ownerId, dueOn: first!.dueOn, done: true },
        { description: '对在用设备发布紧固件检查服务通知', ownerId: o.staff.production_after_sales, dueOn: '2026-12-20' },
      ],
      caseIds: [b.id],
    });
    expect(value).toMatchObject({ version: 1, caseIds: [b.id], rootCause: '主控板电容批次耐温不足' });
    expect(events.map((e) => e.complaintId)).toEqual([null, b.id, a.id]);
    const ref = { capaId: c.id, capaNo: c.capaNo, title: c.title, kind: 'corrective' };
    const was = (x: typeof first) => ({ description: x!.description, ownerId: x!.ownerId, dueOn: x!.dueOn, done: x!.state === 'done' });
    expect(shape(events)).toEqual([
      [
        'capa',
        'update',
        { capaId: c.id, capaNo: c.capaNo, rootCause: null, dueOn: '2026-12-31', actions: [was(first), was(second)], caseIds: [a.id] },
        {
          capaId: c.id,
          capaNo: c.capaNo,
          rootCause: '主控板电容批次耐温不足',
          dueOn: '2027-01-15',
          actions: [
            { ...was(first), done: true },
            { description: '对在用设备发布紧固件检查服务通知', ownerId: o.staff.production_after_sales, dueOn: '2026-12-20', done: false },
          ],
          caseIds: [b.id],
        },
      ],
      ['capa_link', 'link', null, ref],
      ['capa_link', 'unlink', ref, null],
    ]);
    expect((await o.file(a.id)).version).toBe(a.version);
    expect((await o.file(b.id)).version).toBe(b.version);
  },
  'capa.step': async ({ o, once }) => {
    const a = await registerCase(o);
    await o.as('production_technology');
    const done = { description: '更换电容供应商', ownerId: o.staff.production_technology, dueOn: '2026-11-20', done: true };
    let c = await o.call('capa.create', capaInput(o, [a.id], { rootCause: '主控板电容批次耐温不足', actions: [done] }));
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'start' });
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'to_check' });
    // Management judges the check: the result, its date and how it was checked are on the trail; the linked case gets nothing.
    const note = '新批次电容投用后一个月内，同类过载误报投诉为零。';
    const { value, events } = await once('sales_manager', 'capa.step', { capaId: c.id, version: c.version, action: 'close', effectiveness: 'effective', checkedOn: '2026-11-21', note });
    expect(value).toMatchObject({ state: 'closed', effectiveness: 'effective', version: c.version + 1 });
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    expect(shape(events)).toEqual([
      ['capa', 'close', { capaId: c.id, capaNo: c.capaNo, state: 'effectiveness_check' }, { capaId: c.id, capaNo: c.capaNo, state: 'closed', effectiveness: 'effective', checkedOn: '2026-11-21', note }],
    ]);
  },
  // The mail settings (issue 7) are the office's: audited on no case, saying whether a password is set, never which.
  'report.saveMailSettings': async ({ o, once }) => {
    const OLD = 'Old-SMTP-口令-0815';
    const NEW = 'Zx9-SMTP-geheim-密码-4711';
    await o.as('sales_admin');
    await o.call('report.saveMailSettings', { ...SMTP, password: OLD });
    const first = o.allEvents().filter((e) => e.kind === 'mail_settings_changed');
    expect(shape(first)).toEqual([
      ['mail_settings_changed', 'mail', { host: '', port: 587, secure: false, user: null, from: '', recipients: [], schedule: false, passwordSet: false }, { ...SMTP, passwordSet: true }],
    ]);
    // A recipient added and the password changed.
    const recipients = ['chairman@hengda.example.com', 'production@hengda.example.com'];
    const { value, events } = await once('sales_admin', 'report.saveMailSettings', { ...SMTP, recipients, password: NEW });
    expect(value).toMatchObject({ ...SMTP, recipients, passwordSet: true, secretStore: 'os' });
    expect(value).not.toHaveProperty('password');
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    expect(shape(events)).toEqual([['mail_settings_changed', 'mail', { ...SMTP, passwordSet: true }, { ...SMTP, recipients, passwordSet: true }]]);
    // Neither password anywhere in the trail, nor anywhere in the settings table.
    const trail = JSON.stringify(o.allEvents());
    const stored = JSON.stringify(o.store.sqlite.prepare('SELECT * FROM settings').all());
    for (const p of [OLD, NEW]) {
      expect(trail).not.toContain(p);
      expect(stored).not.toContain(p);
    }
  },
  // ---- backup (issue 8): the backup settings are the office's, audited on no case, before and after.
  'backup.saveSettings': async ({ once }) => {
    const folder = tmpdir();
    const { value, events } = await once('admin', 'backup.saveSettings', { folder, daily: true, keep: 14 });
    expect(value).toMatchObject({ folder, daily: true, keep: 14 });
    expect(events.map((e) => e.complaintId)).toEqual([null]);
    expect(shape(events)).toEqual([['backup_settings_changed', 'backup', { folder: null, daily: false, keep: 7 }, { folder, daily: true, keep: 14 }]]);
  },
  // ---- end backup
};

const MUTATING = (Object.keys(contract) as MethodName[]).filter((m) => contract[m].mutates);

describe('the audit trail of every mutating method', () => {
  it('has a scenario for every mutating method of the contract, and for no other', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...MUTATING].sort());
  });

  it.each(MUTATING)('%s', async (method) => {
    const scenario = SCENARIOS[method];
    expect(scenario, `no audit scenario for ${method}`).toBeDefined();
    // A secret store in memory: the mail settings keep their SMTP password there (report.saveMailSettings).
    const o = await openOffice({ mail: { secrets: memorySecretStore() } });
    const called: string[] = [];
    await scenario!({
      o,
      version: async (id) => (await o.file(id)).version,
      async once(who, m, input) {
        called.push(m);
        await o.as(who);
        const before = o.allEvents();
        const value = await o.call(m, input);
        const after = o.allEvents();
        // Appended only: every earlier event is still there, unchanged.
        expect(after.slice(0, before.length)).toEqual(before);
        const events = after.slice(before.length);
        // Who and when: the person working, one instant per call (the demo's history has its own people and times).
        if (m !== 'app.loadDemo') {
          for (const e of events) expect(e.actorId).toBe(o.staff[who]);
          expect(new Set(events.map((e) => e.at)).size).toBeLessThanOrEqual(1);
        }
        return { value, events };
      },
    });
    expect(called).toEqual([method]);
  });
});

describe('transitions in the audit trail', () => {
  it('leaves one transition event per step, field = action, before = the old state, after.state = the new one', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await driveTo(o, f.id, 'closed');
    const transitions = (await o.call('complaints.events', { id: f.id })).filter((e) => e.kind === 'transition');
    expect(transitions.map((e) => [e.field, e.before, (e.after as { state: string }).state])).toEqual([
      ['accept', 'registered', 'investigating'],
      ['submit_for_decision', 'investigating', 'awaiting_decision'],
      ['decide', 'awaiting_decision', 'in_service'],
      ['record_acceptance', 'in_service', 'awaiting_verification'],
      ['verify', 'awaiting_verification', 'verified'],
      ['close', 'verified', 'closed'],
    ]);
    const actors = transitions.map((e) => e.actorName);
    expect(actors).toEqual(['sales_manager 1', 'production_technology 1', 'sales_manager 1', 'production_after_sales 1', 'sales_admin 1', 'sales_admin 1']);
  });

  it('records the first investigation as one event per field filled in', async () => {
    const o = await openOffice();
    const f = await registerCase(o);
    await o.step('sales_manager', f.id, 'accept');
    const n = o.allEvents().length;
    await o.edit('production_technology', 'complaints.saveInvestigation', f.id, { cause: 'A', countermeasures: 'B', method: 'five_why', whys: ['为什么1', ''] });
    expect(shape(o.allEvents().slice(n))).toEqual([
      ['field_changed', 'investigation.cause', null, 'A'],
      ['field_changed', 'investigation.countermeasures', null, 'B'],
      ['field_changed', 'investigation.method', null, 'five_why'],
      ['field_changed', 'investigation.whys', [], ['为什么1']],
    ]);
  });
});
