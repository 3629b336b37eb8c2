import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src/shared/contract';
import { openOffice, registerCase, type Office } from './helpers';
import { movableClock } from './rule-engine-helpers';

/**
 * Corrective and preventive action (issue 7): created from a Pareto bar with the cases behind it,
 * actions planned and done, the effectiveness check, closed; what is refused and why; the audit on
 * the office and on each linked case; overdue CAPAs escalated once per overdue spell by the
 * scheduler's pass, in the office's calendar (Shanghai).
 */

const SOURCE = { dimension: 'defect_category', key: 'electrical', label: '电气', from: '2026-01-01', to: '2026-11-30' } as const;

function createInput(o: Office, caseIds: number[], over: Partial<MethodInput<'capa.create'>> = {}): MethodInput<'capa.create'> {
  return {
    kind: 'corrective',
    title: '交货期缺陷：电气 (2026-01-01 – 2026-11-30)',
    problem: '电气类缺陷 2 起，占投诉的首位。',
    rootCause: null,
    ownerId: o.staff.production_technology,
    dueOn: '2026-12-31',
    effectivenessDueOn: '2027-03-31',
    actions: [],
    caseIds,
    source: SOURCE,
    ...over,
  };
}

const reasonCodes = (e: { issues?: Array<{ path: string; code: string }> }) => (e.issues ?? []).filter((i) => i.path === 'workflow').map((i) => i.code);

describe('CAPA', () => {
  it('goes from a Pareto bar with linked cases through its actions and the effectiveness check to closed', async () => {
    const o = await openOffice();
    const a = await registerCase(o);
    const b = await registerCase(o, 'quality', { serialNo: 'SA37A2599999' });

    await o.as('production_technology');
    let c = await o.call('capa.create', createInput(o, [a.id, b.id]));
    expect(c).toMatchObject({ capaNo: 'CAPA-2026-001', state: 'open', kind: 'corrective', source: SOURCE, ownerName: 'production_technology 1', version: 0, overdue: false });
    expect(c.caseIds).toEqual([a.id, b.id]);
    expect(c.trackingNos).toEqual([a.trackingNo, b.trackingNo]);
    expect((await o.call('capa.create', createInput(o, [], { kind: 'preventive', source: null }))).capaNo).toBe('CAPA-2026-002');

    // Nothing planned yet: starting is refused with the reason.
    expect(reasonCodes(await o.fail('capa.step', { capaId: c.id, version: c.version, action: 'start' }))).toEqual(['capa_no_actions']);

    c = await o.call('capa.update', {
      capaId: c.id,
      version: c.version,
      kind: c.kind,
      title: c.title,
      problem: c.problem,
      rootCause: '主控板电容批次耐温不足',
      ownerId: c.ownerId,
      dueOn: c.dueOn,
      effectivenessDueOn: c.effectivenessDueOn,
      caseIds: [a.id],
      actions: [
        { description: '更换电容供应商并做来料高温测试', ownerId: o.staff.production_technology, dueOn: '2026-12-10' },
        { description: '更新主控板检验规程', ownerId: o.staff.technical_support, dueOn: '2026-12-15' },
      ],
    });
    expect(c.version).toBe(1);
    expect(c.caseIds).toEqual([a.id]);
    expect(c.actions.map((x) => [x.description, x.ownerName, x.state])).toEqual([
      ['更换电容供应商并做来料高温测试', 'production_technology 1', 'open'],
      ['更新主控板检验规程', 'technical_support 1', 'open'],
    ]);
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'start' });
    expect(c.state).toBe('in_progress');

    // Effectiveness cannot be checked while actions are open.
    expect(reasonCodes(await o.fail('capa.step', { capaId: c.id, version: c.version, action: 'to_check' }))).toEqual(['capa_actions_open']);
    const done = c.actions.map((x) => ({ id: x.id, description: x.description, ownerId: x.ownerId, dueOn: x.dueOn, done: true }));
    c = await o.call('capa.update', { ...c, capaId: c.id, actions: done });
    expect(c.actions.every((x) => x.state === 'done' && x.doneOn === '2026-11-21')).toBe(true);
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'to_check' });
    expect(c.state).toBe('effectiveness_check');

    // Closing needs the check: result, date and how it was checked; only management judges it.
    const noCheck = await o.fail('capa.step', { capaId: c.id, version: c.version, action: 'close' });
    expect(noCheck.code).toBe('FORBIDDEN');
    expect(reasonCodes(noCheck)).toEqual(['capa_wrong_role']);
    await o.as('sales_manager');
    expect(reasonCodes(await o.fail('capa.step', { capaId: c.id, version: c.version, action: 'close' }))).toEqual([
      'capa_effectiveness_required',
      'capa_checked_on_required',
      'capa_check_note_required',
    ]);
    // Not effective: back to work, the check's result kept on the record.
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'close', effectiveness: 'not_effective', checkedOn: '2026-11-21', note: '12 月仍有 2 起同类投诉' });
    expect(c).toMatchObject({ state: 'in_progress', effectiveness: 'not_effective', effectivenessCheckedOn: '2026-11-21' });
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'to_check' });
    c = await o.call('capa.step', { capaId: c.id, version: c.version, action: 'close', effectiveness: 'effective', checkedOn: '2026-11-21', note: '三个月内无同类投诉' });
    expect(c).toMatchObject({ state: 'closed', effectiveness: 'effective', effectivenessNote: '三个月内无同类投诉', version: 7 });

    // A closed CAPA is not edited; reopening brings it back to work.
    expect(reasonCodes(await o.fail('capa.update', { ...c, capaId: c.id, actions: done }))).toEqual(['capa_locked']);

    // The audit: the office's events, and the case timeline of each case linked or unlinked.
    const ev = o.allEvents();
    expect(ev.filter((e) => e.kind === 'capa').map((e) => e.field)).toEqual(['create', 'create', 'update', 'start', 'update', 'to_check', 'close', 'to_check', 'close']);
    expect(ev.filter((e) => e.kind === 'capa').every((e) => e.complaintId === null)).toBe(true);
    const links = ev.filter((e) => e.kind === 'capa_link').map((e) => [e.complaintId, e.field, ((e.after ?? e.before) as { capaNo: string }).capaNo]);
    expect(links).toEqual([
      [a.id, 'link', 'CAPA-2026-001'],
      [b.id, 'link', 'CAPA-2026-001'],
      [b.id, 'unlink', 'CAPA-2026-001'],
    ]);
    expect((await o.call('complaints.events', { id: b.id })).map((e) => e.kind)).toContain('capa_link');
    // Linking does not change the case: nobody editing it gets a conflict.
    expect((await o.file(b.id)).version).toBe(b.version);

    // Reading: by case, the list with search, state and overdue filters.
    expect((await o.call('capa.forCase', { id: a.id })).map((x) => x.capaNo)).toEqual(['CAPA-2026-001']);
    expect(await o.call('capa.forCase', { id: b.id })).toEqual([]);
    expect((await o.call('capa.list', { q: a.trackingNo })).rows.map((x) => x.capaNo)).toEqual(['CAPA-2026-001']);
    expect((await o.call('capa.list', { states: ['open'] })).rows.map((x) => x.capaNo)).toEqual(['CAPA-2026-002']);
    expect(await o.call('capa.list', { q: '电容' })).toMatchObject({ total: 0 });
    expect((await o.call('capa.list', { q: '交货期' })).total).toBe(2);
  });

  it('refuses a stale version, unknown cases and owners, a wrong role, cancelling without a reason', async () => {
    const o = await openOffice();
    const a = await registerCase(o);
    await o.as('sales_admin');
    const c = await o.call('capa.create', createInput(o, [a.id]));

    const unknown = await o.fail('capa.create', createInput(o, [a.id, 999_999]));
    expect(unknown).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'caseIds', code: 'unknown_case', params: { ids: '999999' } }] });
    expect((await o.fail('capa.create', createInput(o, [], { ownerId: 999_999 }))).issues).toMatchObject([{ path: 'ownerId', code: 'unknown_user' }]);

    const upd = { capaId: c.id, version: c.version, kind: c.kind, title: '改', problem: c.problem, rootCause: null, ownerId: null, dueOn: null, effectivenessDueOn: null, caseIds: [a.id] };
    await o.call('capa.update', upd);
    const stale = await o.fail('capa.update', upd);
    expect(stale.code).toBe('CONFLICT');
    expect((await o.fail('capa.step', { capaId: c.id, version: c.version, action: 'cancel', note: '重复' })).code).toBe('CONFLICT');

    // Finance does not edit CAPAs at all (the contract's roles); production may not cancel (the step's).
    await o.as('finance');
    expect((await o.fail('capa.create', createInput(o, []))).code).toBe('FORBIDDEN');
    await o.as('production_after_sales');
    expect(reasonCodes(await o.fail('capa.step', { capaId: c.id, version: 1, action: 'cancel', note: '重复' }))).toEqual(['capa_wrong_role']);
    await o.as('branch_manager');
    expect(reasonCodes(await o.fail('capa.step', { capaId: c.id, version: 1, action: 'cancel' }))).toEqual(['capa_cancel_reason_required']);
    const cancelled = await o.call('capa.step', { capaId: c.id, version: 1, action: 'cancel', note: '与 CAPA-2026-002 重复' });
    expect(cancelled.state).toBe('cancelled');
    expect(o.allEvents().at(-1)).toMatchObject({ kind: 'capa', field: 'cancel', after: { state: 'cancelled', note: '与 CAPA-2026-002 重复' } });
    expect(reasonCodes(await o.fail('capa.step', { capaId: c.id, version: 2, action: 'start' }))).toEqual(['capa_cancelled']);
    expect((await o.call('capa.step', { capaId: c.id, version: 2, action: 'reopen' })).state).toBe('open');
    expect((await o.fail('capa.get', { capaId: 12345 })).code).toBe('NOT_FOUND');
  });

  it('escalates an overdue CAPA once per overdue spell, to its owners and the sales manager', async () => {
    const clock = movableClock('2026-11-23T01:00:00.000Z'); // Monday 09:00 in Shanghai
    const o = await openOffice({ clock });
    await o.as('production_technology');
    const c = await o.call(
      'capa.create',
      createInput(o, [], {
        dueOn: '2026-12-31',
        actions: [{ description: '来料高温测试', ownerId: o.staff.technical_support, dueOn: '2026-11-24' }],
      }),
    );
    const notices = () =>
      o.store.sqlite.prepare(`SELECT user_id AS userId, role, kind, payload FROM notifications WHERE kind = 'capa_overdue' ORDER BY id`).all() as Array<{
        userId: number | null;
        role: string;
        kind: string;
        payload: string;
      }>;
    const notifiedAt = () => (o.store.sqlite.prepare('SELECT overdue_notified_at AS at FROM capas WHERE id = ?').get(c.id) as { at: string | null }).at;

    // Tuesday 23:59 in Shanghai: the action is due today, not overdue.
    clock.set('2026-11-24T15:59:00.000Z');
    await o.scheduler.runOnce();
    expect(notices()).toEqual([]);
    expect((await o.call('capa.get', { capaId: c.id })).overdue).toBe(false);

    // Wednesday 00:01 in Shanghai (still Tuesday in UTC): overdue; the owner, the action's owner and the sales manager are told once.
    clock.set('2026-11-24T16:01:00.000Z');
    await o.scheduler.runOnce();
    const first = notices();
    expect(first.map((n) => n.userId).sort()).toEqual([o.staff.sales_manager, o.staff.production_technology, o.staff.technical_support].sort());
    expect(JSON.parse(first[0]!.payload)).toMatchObject({ capaId: c.id, capaNo: c.capaNo, overdueActions: [{ description: '来料高温测试', dueOn: '2026-11-24' }] });
    expect(notifiedAt()).toMatch(/^2026-11-24T16:01:0/);
    const got = await o.call('capa.get', { capaId: c.id });
    expect(got.overdue).toBe(true);
    expect(got.actions[0]!.overdue).toBe(true);
    expect((await o.call('capa.list', { overdueOnly: true })).rows.map((x) => x.id)).toEqual([c.id]);
    const events = o.allEvents().filter((e) => e.kind === 'capa' && e.field === 'overdue');
    expect(events).toHaveLength(1);

    // The sales manager reads it in his list.
    await o.as('sales_manager');
    expect((await o.call('notifications.list', { unreadOnly: true, limit: 20, offset: 0 })).items.map((n) => n.kind)).toEqual(['capa_overdue']);

    // Still overdue an hour and a day later: nothing more.
    clock.set('2026-11-25T02:00:00.000Z');
    await o.scheduler.runOnce();
    await o.scheduler.runOnce();
    expect(notices()).toHaveLength(3);

    // The action's date moved: no longer overdue, the mark is cleared...
    await o.as('production_technology');
    let cur = await o.call('capa.get', { capaId: c.id });
    cur = await o.call('capa.update', {
      ...cur,
      capaId: cur.id,
      actions: cur.actions.map((x) => ({ id: x.id, description: x.description, ownerId: x.ownerId, dueOn: '2026-11-30', done: false })),
    });
    await o.scheduler.runOnce();
    expect(notifiedAt()).toBeNull();
    expect(notices()).toHaveLength(3);

    // ...and the next spell is told again.
    clock.set('2026-12-01T01:00:00.000Z');
    await o.scheduler.runOnce();
    expect(notices()).toHaveLength(6);
    expect(o.allEvents().filter((e) => e.kind === 'capa' && e.field === 'overdue')).toHaveLength(2);

    // Done: nothing overdue, the mark cleared, no more notices.
    cur = await o.call('capa.get', { capaId: c.id });
    await o.call('capa.update', { ...cur, capaId: cur.id, actions: cur.actions.map((x) => ({ id: x.id, description: x.description, ownerId: x.ownerId, dueOn: x.dueOn, done: true })) });
    await o.scheduler.runOnce();
    await o.scheduler.runOnce();
    expect(notifiedAt()).toBeNull();
    expect(notices()).toHaveLength(6);
  });
});
