import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../../src/shared/types';
import { complaintInput, openTestApp, shanghaiPrefix } from './helpers';

/**
 * Registering and editing a complaint through the dispatcher, as the intake form does (seed 002
 * §5.1): a tracking number per case, customers and contact people remembered, every change an
 * event with before and after, and a stale save refused.
 */

const fieldEvents = (events: ComplaintEvent[]) =>
  events.filter((e) => e.kind === 'field_changed').map((e) => ({ field: e.field, before: e.before, after: e.after }));

describe('complaints.create', () => {
  it('numbers the first two complaints of the current Shanghai month 0001 and 0002', async () => {
    const app = await openTestApp();
    const prefix = shanghaiPrefix(new Date());
    const first = await app.call('complaints.create', complaintInput());
    const second = await app.call('complaints.create', complaintInput({ newCustomer: { name: '无锡华宇电子有限公司' } }));
    expect(first.trackingNo).toBe(`${prefix}0001`);
    expect(second.trackingNo).toBe(`${prefix}0002`);
    expect(first).toMatchObject({ state: 'registered', version: 0, customerName: '苏州恒达机械有限公司' });
    expect(second.customerId).not.toBe(first.customerId);
  });

  it('stores what was entered, and complaints.get returns it', async () => {
    const app = await openTestApp({ clock: () => new Date('2026-11-21T03:00:00Z') });
    const input = complaintInput({ receivedAt: '2026-11-20T10:30:00+08:00', serialNo: '  SA37A2512345  ' });
    const created = await app.call('complaints.create', input);
    const user = await app.call('session.current', {});

    expect(created).toEqual({
      id: created.id,
      trackingNo: 'CC-202611-0001',
      receivedAt: '2026-11-20T02:30:00.000Z',
      channel: 'phone',
      customerId: created.customerId,
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
      state: 'registered',
      createdAt: '2026-11-21T03:00:00.000Z',
      createdBy: user.id,
      updatedAt: '2026-11-21T03:00:00.000Z',
      version: 0,
      // A new case waits for the sales manager: not yet classified, owned or escalated.
      classification: null,
      ownerId: null,
      ownerName: null,
      escalated: false,
      disputeOpen: false,
      stateChangedAt: '2026-11-21T03:00:00.000Z',
      closedAt: null,
      // The rule engine (issue 4) on registration: no installation date for the default policy, and
      // the first-response clock (8 business hours for a normal defect) due on Monday 10:30 in Shanghai.
      installationDate: null,
      invoiceDate: null,
      warrantyExclusions: [],
      warrantySuspensions: [],
      warrantyStatus: 'unknown',
      slaDueAt: '2026-11-23T02:30:00.000Z',
      slaState: 'running',
      escalationLevel: null,
      priority: 'normal',
      managementReview: false,
      customerPressure: false,
      waitingCustomerSince: null,
      // Service work (issue 5): no return, no visit planned yet.
      rmaState: null,
      nextVisitAt: null,
    });
    expect(await app.call('complaints.get', { id: created.id })).toEqual(created);
    expect(await app.call('customers.search', { q: '恒达' })).toEqual([{ id: created.customerId, name: '苏州恒达机械有限公司', region: '苏州' }]);
    expect((await app.call('products.search', { q: 'SA-37' })).map((p) => p.model)).toEqual(['SA-37A']);

    const events = await app.call('complaints.events', { id: created.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'created', actorId: user.id, actorName: user.name, at: '2026-11-21T03:00:00.000Z' });
    expect(events[0]!.after).toMatchObject({ trackingNo: 'CC-202611-0001', customerName: '苏州恒达机械有限公司', severity: 'normal' });
  });

  it('registers for an existing customer by id, and remembers the contact person', async () => {
    const app = await openTestApp();
    const first = await app.call('complaints.create', complaintInput());
    const before = app.counts();
    const second = await app.call('complaints.create', {
      ...complaintInput({ contactName: '李娜', contactPhone: '0512-6688 5678', contactEmail: null }),
      newCustomer: null,
      customerId: first.customerId,
    });
    expect(second.customerId).toBe(first.customerId);
    expect(second.customerName).toBe('苏州恒达机械有限公司');
    expect(app.counts().customers).toBe(before.customers);
    expect(app.counts().product_models).toBe(before.product_models);

    const contacts = await app.call('customers.contacts', { customerId: first.customerId });
    expect(contacts.map(({ name, phone, email }) => ({ name, phone, email }))).toEqual([
      { name: '李娜', phone: '0512-6688 5678', email: null },
      { name: '王伟', phone: '+86 512 6688 1234', email: 'wang.wei@hengda.example.com' },
    ]);

    // The same person calling again from a new number: remembered once, with the new number.
    await app.call('complaints.create', {
      ...complaintInput({ contactName: '王伟', contactPhone: '13912345678', contactEmail: '' }),
      newCustomer: null,
      customerId: first.customerId,
    });
    const wang = (await app.call('customers.contacts', { customerId: first.customerId })).filter((c) => c.name === '王伟');
    expect(wang).toEqual([expect.objectContaining({ phone: '13912345678', email: 'wang.wei@hengda.example.com' })]);
  });

  it('reuses a customer typed again as new with exactly the same name', async () => {
    const app = await openTestApp();
    const a = await app.call('complaints.create', complaintInput());
    const b = await app.call('complaints.create', complaintInput());
    expect(b.customerId).toBe(a.customerId);
    expect(app.counts().customers).toBe(1);
  });
});

describe('complaints.update', () => {
  it('changes the fields, bumps the version and writes one event per changed field', async () => {
    let now = new Date('2026-11-21T03:00:00Z');
    const app = await openTestApp({ clock: () => now });
    const c = await app.call('complaints.create', complaintInput());
    now = new Date('2026-11-22T06:15:00Z');

    const updated = await app.call('complaints.update', {
      id: c.id,
      version: 0,
      // channel is sent unchanged: no event for it.
      patch: { severity: 'safety', description: '接线盒冒烟，客户已停机。', channel: 'phone', serialNo: '', productModel: 'SA-55A' },
    });
    expect(updated).toMatchObject({
      version: 1,
      severity: 'safety',
      description: '接线盒冒烟，客户已停机。',
      serialNo: null,
      productModel: 'SA-55A',
      channel: 'phone',
      updatedAt: '2026-11-22T06:15:00.000Z',
      createdAt: '2026-11-21T03:00:00.000Z',
      trackingNo: c.trackingNo,
    });
    expect(await app.call('complaints.get', { id: c.id })).toEqual(updated);

    const events = await app.call('complaints.events', { id: c.id });
    // Now a safety defect whose first response (2 business hours) was due on Friday: the rule engine
    // records the breach and two escalations (issue 4) after the four field changes.
    expect(events.map((e) => e.kind)).toEqual(['created', 'field_changed', 'field_changed', 'field_changed', 'field_changed', 'sla_breach', 'escalation', 'escalation']);
    expect(fieldEvents(events)).toEqual(
      expect.arrayContaining([
        { field: 'severity', before: 'normal', after: 'safety' },
        { field: 'description', before: c.description, after: '接线盒冒烟，客户已停机。' },
        { field: 'serialNo', before: 'SA37A2512345', after: null },
        { field: 'productModel', before: 'SA-37A', after: 'SA-55A' },
      ]),
    );
    expect(events.filter((e) => e.kind === 'field_changed').every((e) => e.at === '2026-11-22T06:15:00.000Z')).toBe(true);

    // The quick search sees the new text and no longer the old serial number.
    expect((await app.call('complaints.page', { startRow: 0, endRow: 10, quickSearch: '冒烟' })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await app.call('complaints.count', { quickSearch: 'sa37a2512345' })).count).toBe(0);
  });

  it('moves a case to another customer, recording id and name', async () => {
    const app = await openTestApp();
    const a = await app.call('complaints.create', complaintInput());
    const b = await app.call('complaints.create', complaintInput({ newCustomer: { name: '杭州瑞丰包装有限公司' } }));
    const moved = await app.call('complaints.update', { id: a.id, version: 0, patch: { customerId: b.customerId } });
    expect(moved).toMatchObject({ customerId: b.customerId, customerName: '杭州瑞丰包装有限公司', version: 1 });
    expect(fieldEvents(await app.call('complaints.events', { id: a.id }))).toEqual([
      { field: 'customerId', before: a.customerId, after: b.customerId },
      { field: 'customerName', before: '苏州恒达机械有限公司', after: '杭州瑞丰包装有限公司' },
    ]);
  });

  it('refuses a save from a stale version with CONFLICT and changes nothing', async () => {
    const app = await openTestApp();
    const c = await app.call('complaints.create', complaintInput());
    await app.call('complaints.update', { id: c.id, version: 0, patch: { severity: 'major' } });
    const current = await app.call('complaints.get', { id: c.id });
    const before = app.counts();

    const error = await app.fail('complaints.update', { id: c.id, version: 0, patch: { severity: 'minor', description: '另一个人的修改' } });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(c.trackingNo);
    expect(await app.call('complaints.get', { id: c.id })).toEqual(current);
    expect(current).toMatchObject({ severity: 'major', version: 1 });
    expect(app.counts()).toEqual(before);
  });

  it('answers NOT_FOUND for a case that does not exist', async () => {
    const app = await openTestApp();
    expect((await app.fail('complaints.update', { id: 999, version: 0, patch: { severity: 'major' } })).code).toBe('NOT_FOUND');
    expect((await app.fail('complaints.get', { id: 999 })).code).toBe('NOT_FOUND');
  });
});

describe('tracking numbers under load and after deletion', () => {
  it('gives twenty saves that race twenty distinct, consecutive numbers', async () => {
    const app = await openTestApp({ clock: () => new Date('2026-11-21T03:00:00Z') });
    const saved = await Promise.all(
      Array.from({ length: 20 }, (_, i) => app.call('complaints.create', complaintInput({ newCustomer: { name: `客户 ${i}` } }))),
    );
    const numbers = saved.map((c) => c.trackingNo).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `CC-202611-${String(i + 1).padStart(4, '0')}`));
    expect(app.counts()).toMatchObject({ complaints: 20, customers: 20, sequenceTotal: 20 });
  });

  it('never gives a deleted case’s number to the next one: numbers come from the counter, not max(tracking_no)', async () => {
    const app = await openTestApp({ clock: () => new Date('2026-11-21T03:00:00Z') });
    await app.call('complaints.create', complaintInput());
    const second = await app.call('complaints.create', complaintInput());
    expect(second.trackingNo).toBe('CC-202611-0002');

    // Remove the newest case behind the app's back (its events stay: the trail is append-only).
    const sqlite = app.store.sqlite;
    sqlite.pragma('foreign_keys = OFF');
    try {
      expect(sqlite.prepare('DELETE FROM complaints WHERE id = ?').run(second.id).changes).toBe(1);
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
    const third = await app.call('complaints.create', complaintInput());
    expect(third.trackingNo).toBe('CC-202611-0003');
  });

  it('skips a number already taken outside the counter (an imported case)', async () => {
    const app = await openTestApp({ clock: () => new Date('2026-11-21T03:00:00Z') });
    const first = await app.call('complaints.create', complaintInput());
    app.store.sqlite.prepare(`UPDATE complaints SET tracking_no = 'CC-202611-0002' WHERE id = ?`).run(first.id);
    const next = await app.call('complaints.create', complaintInput());
    expect(next.trackingNo).toBe('CC-202611-0003');
  });
});
