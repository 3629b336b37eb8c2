import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/main/services/scheduler';
import { makeTempDir, openOffice, registerCase, type Office } from './helpers';
import { activeFirings, escalations, MONDAY_0900, movableClock } from './rule-engine-helpers';

/**
 * The scheduler (issue 4): the time-based rules (SLA at 80 % and at 100 %) fire as the injected
 * clock moves; a pass with nothing changed writes nothing; after the app was closed for days, the
 * pass at start catches up and records the breach once, at the instant the target was used up.
 *
 * A normal defect received on Monday 09:00 in Shanghai has 8 business hours for the first
 * response: 80 % is used at 16:24 (6.4 h: 3 h before lunch, 3.4 h after), 100 % on Tuesday 09:00.
 */

/** Everything the engine writes, read with raw SQL: a pass that changes nothing leaves it equal. */
function snapshot(o: Office) {
  const all = (sql: string) => o.store.sqlite.prepare(sql).all();
  return {
    complaints: all(
      `SELECT id, version, sla_response_due, sla_onsite_due, sla_resolution_due, sla_due_at, sla_state, sla_breached_at,
              escalation_level, priority, management_review, warranty_status, warranty_reason, repeat_customer, engine_at
         FROM complaints ORDER BY id`,
    ),
    firings: all('SELECT * FROM rule_firings ORDER BY id'),
    events: all('SELECT * FROM events ORDER BY id'),
    notifications: all('SELECT * FROM notifications ORDER BY id'),
  };
}

describe('time-based rules', () => {
  it('fire at 80 % and at 100 % as the clock moves, each with the rule, its version and the sentence', async () => {
    const clock = movableClock('2026-11-23T01:05:00.000Z');
    const o = await openOffice({ clock });
    const f = await registerCase(o, 'quality', { receivedAt: MONDAY_0900 });
    expect(f).toMatchObject({ slaState: 'running', slaDueAt: '2026-11-24T01:00:00.000Z', escalationLevel: null });

    clock.set('2026-11-23T08:20:00.000Z'); // 16:20, 79 %
    expect(await o.scheduler.runOnce()).toMatchObject({ cases: 1, changed: 0 });
    clock.set('2026-11-23T08:30:00.000Z'); // 16:30, 81 %
    expect(await o.scheduler.runOnce()).toMatchObject({ cases: 1, changed: 1, firingsAdded: 1 });
    let row = await o.call('complaints.get', { id: f.id });
    expect(row).toMatchObject({ slaState: 'at_risk', escalationLevel: 'sales_manager', managementReview: false });
    const [[rule, version, reason]] = escalations(o, f.id) as [[string, number, string]];
    expect([rule, version]).toEqual(['sla-80', 1]);
    expect(reason).toMatch(/^SLA response at 8\d(\.\d)? % \(≥ 80 %\); SLA response clock is running$/);
    // The scheduler's changes are its own, not a person's.
    const system = o.store.sqlite.prepare(`SELECT id FROM users WHERE role = 'system'`).get() as { id: number };
    expect(o.allEvents().filter((e) => e.kind === 'escalation').every((e) => e.actorId === system.id)).toBe(true);
    await o.as('admin');
    expect((await o.call('users.list', {})).some((u) => u.id === system.id)).toBe(false);

    clock.set('2026-11-24T02:00:00.000Z'); // Tuesday 10:00: 112.5 %
    expect(await o.scheduler.runOnce()).toMatchObject({ changed: 1, firingsAdded: 1, firingsCleared: 1 });
    row = await o.call('complaints.get', { id: f.id });
    expect(row).toMatchObject({ slaState: 'breached', escalationLevel: 'branch_manager', priority: 'high', managementReview: true });
    expect(escalations(o, f.id).slice(1)).toEqual([
      ['sla-80', null, null], // the warning is lifted: the clock is past it
      ['sla-breached', 1, 'SLA response at 112.5 % (≥ 100 %)'],
    ]);
    const breach = o.allEvents().filter((e) => e.complaintId === f.id && e.kind === 'sla_breach');
    expect(breach.map((e) => [e.field, (e.after as { due: string }).due])).toEqual([['response', '2026-11-24T01:00:00.000Z']]);

    // Answering late stops the clock breached: the breach stays on the review list until management reviews it.
    await o.step('sales_manager', f.id, 'accept');
    expect(activeFirings(o, f.id)).toEqual([['sla-breached', 1, 'branch_manager']]);
    const list = await o.call('management.reviewList', { startRow: 0, endRow: 50 });
    expect(list.rows.map((r) => r.id)).toEqual([f.id]);
    await o.edit('branch_manager', 'management.markReviewed', f.id, { note: '已提醒销售经理' });
    expect((await o.call('management.reviewList', { startRow: 0, endRow: 50 })).rows).toEqual([]);
    expect(await o.file(f.id)).toMatchObject({ managementReview: false, escalationLevel: 'branch_manager' });
    expect((await o.call('complaints.engine', { id: f.id })).escalation.active[0]).toMatchObject({ ruleId: 'sla-breached', reviewedBy: 'branch_manager 1' });
    // Only management reviews, and only what is on the list.
    expect((await o.refuse('sales_admin', 'management.markReviewed', f.id, { note: 'x' })).code).toBe('FORBIDDEN');
    expect((await o.refuse('branch_manager', 'management.markReviewed', f.id, { note: 'x' })).code).toBe('CONFLICT');
  });

  it('pause while the case waits for the customer', async () => {
    const clock = movableClock('2026-11-23T01:05:00.000Z');
    const o = await openOffice({ clock });
    const f = await registerCase(o, 'quality', { receivedAt: MONDAY_0900 });
    clock.set('2026-11-23T02:00:00.000Z'); // 10:00, one hour used
    // (The test clock moves a second at each reading.)
    const around = (hhmm: string) => expect.stringMatching(new RegExp(`^${hhmm}:0\\d\\.000Z$`));
    let g = await o.edit('sales_admin', 'complaints.setWaitingCustomer', f.id, { waiting: true });
    expect(g).toMatchObject({ slaState: 'paused', slaDueAt: null, waitingCustomerSince: around('2026-11-23T02:00') });
    clock.set('2026-11-24T02:00:00.000Z'); // a day later, still waiting: nothing fires
    expect(await o.scheduler.runOnce()).toMatchObject({ changed: 0 });
    g = await o.edit('sales_admin', 'complaints.setWaitingCustomer', f.id, { waiting: false });
    // Paused for 8 business hours (Monday 10:00–17:30, Tuesday 08:30–10:00); 7 hours left from Tuesday 10:00: Wednesday 09:00.
    expect(g).toMatchObject({ slaState: 'running', slaDueAt: around('2026-11-25T01:00'), waitingCustomerSince: null });
    expect((await o.call('complaints.engine', { id: f.id })).sla.pauses).toEqual([{ from: around('2026-11-23T02:00'), to: around('2026-11-24T02:00') }]);
  });
});

describe('the scheduler', () => {
  it('counts repeats again when the window changes, and lifts what no longer holds', async () => {
    const o = await openOffice({ clock: movableClock('2026-11-23T01:05:00.000Z') });
    await registerCase(o, 'quality', { receivedAt: '2026-10-14T02:00:00.000Z' });
    const second = await registerCase(o, 'quality', { receivedAt: MONDAY_0900 });
    expect(activeFirings(o, second.id).map(([r]) => r)).toContain('repeat-complaint');
    await o.as('sales_manager');
    const [repeat] = await o.call('rules.list', { kind: 'repeat' });
    await o.call('rules.save', { kind: 'repeat', key: 'default', data: { ...(repeat!.data as object), windowDays: 30 }, expectedVersion: 1 });
    expect(await o.scheduler.runOnce()).toMatchObject({ full: 2 });
    expect(o.store.sqlite.prepare('SELECT repeat_serial AS n, repeat_window AS w FROM complaints WHERE id = ?').get(second.id)).toEqual({ n: 1, w: 30 });
    expect(activeFirings(o, second.id).map(([r]) => r)).not.toContain('repeat-complaint');
    expect((await o.call('complaints.engine', { id: second.id })).repeat).toMatchObject({ windowDays: 30, sameSerial: { count: 1 } });
  });


  it('writes nothing on a second pass with nothing changed', async () => {
    const clock = movableClock('2026-11-23T01:05:00.000Z');
    const o = await openOffice({ clock });
    for (const severity of ['normal', 'major', 'safety', 'minor'] as const) await registerCase(o, 'quality', { receivedAt: MONDAY_0900, severity });
    clock.set('2026-11-25T06:00:00.000Z');
    const first = await o.scheduler.runOnce();
    expect(first.changed).toBeGreaterThan(0);
    const before = snapshot(o);
    clock.set('2026-11-25T06:00:00.000Z');
    const second = await o.scheduler.runOnce();
    expect(second).toMatchObject({ cases: 4, changed: 0, firingsAdded: 0, firingsCleared: 0, events: 0 });
    expect(snapshot(o)).toEqual(before);
    // A minute later the percentages moved, but no rule, state or due time changed: still nothing.
    clock.set('2026-11-25T06:01:00.000Z');
    expect((await o.scheduler.runOnce()).changed).toBe(0);
    expect(snapshot(o)).toEqual(before);
    expect(await o.scheduler.lastRun()).toMatchObject({ at: '2026-11-25T06:01:01.000Z', cases: 4, changed: 0 });
    // Its own transactions commit without waiting for the disk; everyone else's still wait (synchronous=FULL).
    expect(o.store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('writes a catch-up in transactions as small as one case when each costs more than its budget', async () => {
    const clock = movableClock('2026-11-23T01:05:00.000Z');
    const o = await openOffice({ clock });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      for (const severity of ['normal', 'major', 'safety', 'minor', 'safety'] as const) {
        ids.push((await registerCase(o, 'quality', { receivedAt: MONDAY_0900, severity })).id);
      }
    }
    // As after loading data the engine never saw (demo data, an older database): every case waits for its full evaluation.
    o.store.sqlite.prepare('UPDATE complaints SET engine_at = NULL').run();
    o.store.sqlite.prepare('DELETE FROM rule_firings').run();
    o.store.sqlite.prepare("UPDATE complaints SET escalation_level = NULL, priority = 'normal', management_review = 0").run();
    clock.set('2026-11-25T06:00:00.000Z');
    const written: number[][] = [];
    const tiny = createScheduler({
      db: o.store.db,
      engine: o.engine,
      clock,
      publish: (event, payload) => event === 'complaints.changed' && written.push((payload as { ids: number[] }).ids),
      writeBudgetMs: 0,
    });
    const pass = await tiny.runOnce();
    expect(pass).toMatchObject({ cases: 20, full: 20, changed: 20, skipped: 0 });
    // Over budget from the first transaction on (a budget of 0 ms): one case per transaction after it.
    expect(written.length).toBeGreaterThan(2);
    expect(written.slice(1).every((w) => w.length === 1)).toBe(true);
    expect(written.flat().sort((a, b) => a - b)).toEqual(ids);
    for (const id of ids.filter((_, i) => i % 5 === 2 || i % 5 === 4)) expect(activeFirings(o, id).map(([r]) => r)).toContain('safety-defect');
    // What it wrote is what the engine holds: the ordinary scheduler finds nothing to change.
    expect(await o.scheduler.runOnce()).toMatchObject({ cases: 20, full: 0, changed: 0 });
  });

  it('catches up at start after the app was closed for days, recording the breach once at its due instant', async () => {
    const dataDir = makeTempDir();
    const monday = movableClock('2026-11-23T01:05:00.000Z');
    const o = await openOffice({ dataDir, clock: monday });
    const f = await registerCase(o, 'quality', { receivedAt: MONDAY_0900 });
    const id = f.id;
    await o.close();

    // Thursday: the app starts again with its scheduler on; its first pass is the catch-up.
    const thursday = movableClock('2026-11-26T03:00:00.000Z');
    const again = await openOffice({ dataDir, clock: thursday, scheduler: { intervalMs: 60_000 } });
    const after = await again.scheduler.runOnce(); // queued behind the catch-up pass
    expect(after.changed).toBe(0);
    const row = await again.call('complaints.get', { id });
    expect(row).toMatchObject({ slaState: 'breached', escalationLevel: 'branch_manager', managementReview: true });
    const breaches = again.allEvents().filter((e) => e.complaintId === id && e.kind === 'sla_breach');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.after).toMatchObject({ clock: 'response', due: '2026-11-24T01:00:00.000Z' });
    expect(again.store.sqlite.prepare('SELECT sla_breached_at AS b FROM complaints WHERE id = ?').get(id)).toEqual({ b: '2026-11-24T01:00:00.000Z' });
    // The warning at 80 % was missed while closed: the catch-up goes straight to the breach
    // (26 of 8 business hours used by Thursday 11:00).
    expect(escalations(again, id)).toEqual([['sla-breached', 1, 'SLA response at 325 % (≥ 100 %)']]);

    // Days later, still unanswered: the breach is not recorded again.
    thursday.set('2026-11-30T03:00:00.000Z');
    await again.scheduler.runOnce();
    expect(again.allEvents().filter((e) => e.complaintId === id && e.kind === 'sla_breach')).toHaveLength(1);
  });
});
