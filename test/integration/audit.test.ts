import { describe, expect, it } from 'vitest';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../src/shared/contract';
import type { Role } from '../../src/shared/domain';
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

  // The demo data: each demo case's own history, starting with its registration; nothing else.
  'app.loadDemo': async ({ o, once }) => {
    const { value, events } = await once('admin', 'app.loadDemo', { complaints: 12 });
    expect(value.complaints).toBe(12);
    const ids = (o.store.sqlite.prepare('SELECT id FROM complaints ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    expect(ids).toHaveLength(12);
    expect(events.every((e) => e.complaintId !== null && ids.includes(e.complaintId))).toBe(true);
    for (const id of ids) {
      const mine = events.filter((e) => e.complaintId === id);
      expect(mine[0]).toMatchObject({ kind: 'created', field: null, before: null });
      expect(mine.slice(1).every((e) => e.kind === 'transition')).toBe(true);
    }
    const people = new Set((o.store.sqlite.prepare('SELECT id FROM users').all() as Array<{ id: number }>).map((u) => u.id));
    expect(events.every((e) => people.has(e.actorId))).toBe(true);
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
};

const MUTATING = (Object.keys(contract) as MethodName[]).filter((m) => contract[m].mutates);

describe('the audit trail of every mutating method', () => {
  it('has a scenario for every mutating method of the contract, and for no other', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...MUTATING].sort());
  });

  it.each(MUTATING)('%s', async (method) => {
    const scenario = SCENARIOS[method];
    expect(scenario, `no audit scenario for ${method}`).toBeDefined();
    const o = await openOffice();
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
