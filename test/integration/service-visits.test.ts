import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../src/shared/contract';
import type { CaseFile } from '../../src/shared/types';
import { driveTo, openOffice, openTestApp, registerCase, type Office } from './helpers';
import { movableClock } from './rule-engine-helpers';

/**
 * Issue 5, service actions and on-site visits through the api: a visit from plan to report, its
 * travel as cost lines that follow the report, the next visit and the arrival on the case, the
 * refusals, and the field calendar with an engineer booked twice.
 */

type SaveInput = Omit<MethodInput<'service.save'>, 'id' | 'version'>;

// Saturday 21 November 2026, 09:00 in Shanghai: the visits of the week of Monday 23 are planned ahead.
const NOW = '2026-11-21T01:00:00.000Z';

async function officeInService(): Promise<{ o: Office; f: CaseFile; eng: number[]; clock: ReturnType<typeof movableClock> }> {
  const clock = movableClock(NOW);
  const o = await openOffice({ clock });
  const f = await driveTo(o, (await registerCase(o)).id, 'in_service');
  await o.as('admin');
  const eng = [o.staff.production_after_sales, (await o.call('users.create', { name: '李工', role: 'production_after_sales' })).id];
  return { o, f, eng, clock };
}

const visit = (engineerIds: number[], over: Partial<SaveInput> = {}): SaveInput => ({
  actionId: null,
  mode: 'onsite_visit',
  state: 'planned',
  summary: '上门更换主控板',
  plannedStart: '2026-11-24T01:00:00.000Z',
  plannedEnd: '2026-11-24T09:00:00.000Z',
  engineerIds,
  travelFrom: '杭州',
  travelTo: '苏州',
  ...over,
});

async function save(o: Office, who: Parameters<Office['as']>[0], id: number, input: SaveInput) {
  return o.edit(who, 'service.save', id, input as never);
}

function complaintRow(o: Office, id: number) {
  return o.store.sqlite.prepare('SELECT next_visit_at, on_site_at, version FROM complaints WHERE id = ?').get(id) as {
    next_visit_at: string | null;
    on_site_at: string | null;
    version: number;
  };
}

describe('service actions and visits', () => {
  it('plans a visit, reports it, and its travel follows as pending cost lines until it is cancelled', async () => {
    const { o, f, eng, clock } = await officeInService();
    const v0 = (await o.file(f.id)).version;
    await save(o, 'production_after_sales', f.id, visit(eng));
    const [planned] = await o.call('service.forCase', { id: f.id });
    expect(planned).toMatchObject({ mode: 'onsite_visit', state: 'planned', version: 0, travelFrom: '杭州' });
    expect(planned!.engineers.map((e) => e.name).sort()).toEqual(['production_after_sales 1', '李工'].sort());
    expect(complaintRow(o, f.id).version).toBe(v0 + 1);
    expect(complaintRow(o, f.id).next_visit_at).toBe('2026-11-24T01:00:00.000Z');
    expect(await o.call('costs.forCase', { id: f.id })).toEqual([]);

    // A later second visit does not move "next visit"; an earlier one does.
    await save(o, 'branch_manager', f.id, visit([eng[1]!], { plannedStart: '2026-11-27T01:00:00.000Z', plannedEnd: '2026-11-27T05:00:00.000Z' }));
    expect(complaintRow(o, f.id).next_visit_at).toBe('2026-11-24T01:00:00.000Z');

    // The engineers could go on Saturday morning after all (reported in the afternoon), with their expenses.
    clock.set('2026-11-21T08:00:00.000Z');
    expect(complaintRow(o, f.id).on_site_at).toBeNull();
    await save(o, 'production_after_sales', f.id, {
      ...visit(eng),
      actionId: planned!.id,
      actionVersion: 0,
      state: 'done',
      actualStart: '2026-11-21T02:00:00.000Z',
      actualEnd: '2026-11-21T06:30:00.000Z',
      workDone: '更换主控板，试机运行两小时正常',
      result: 'resolved',
      customerSignoff: '王伟',
      travelCost: 86_000,
      accommodationCost: 32_000,
      allowanceCost: 20_000,
    });
    const row = complaintRow(o, f.id);
    expect(row.on_site_at).toBe('2026-11-21T02:00:00.000Z');
    expect(row.next_visit_at).toBe('2026-11-27T01:00:00.000Z');
    const lines = await o.call('costs.forCase', { id: f.id });
    expect(lines.map((l) => [l.costType, l.amount, l.payer, l.state, l.source, l.sourceId, l.incurredOn])).toEqual([
      ['travel', 86_000, 'company', 'pending', 'visit', planned!.id, '2026-11-21'],
      ['accommodation', 32_000, 'company', 'pending', 'visit', planned!.id, '2026-11-21'],
      ['allowance', 20_000, 'company', 'pending', 'visit', planned!.id, '2026-11-21'],
    ]);
    // The on-site SLA clock (a repair sends someone) is stopped by the arrival: the engine re-evaluated.
    const engine = await o.call('complaints.engine', { id: f.id });
    expect(engine.sla.clocks.find((c) => c.clock === 'onsite')?.stoppedAt).toBe('2026-11-21T02:00:00.000Z');

    // A corrected report: the lines follow, no second entry.
    let done = (await o.call('service.forCase', { id: f.id })).find((a) => a.id === planned!.id)!;
    expect(done).toMatchObject({ state: 'done', version: 1, result: 'resolved' });
    await save(o, 'production_after_sales', f.id, {
      ...visit(eng),
      actionId: done.id,
      actionVersion: done.version,
      state: 'done',
      actualStart: done.actualStart,
      actualEnd: done.actualEnd,
      workDone: done.workDone,
      result: 'resolved',
      travelCost: 90_000,
      accommodationCost: 0,
      allowanceCost: 20_000,
    });
    expect((await o.call('costs.forCase', { id: f.id })).map((l) => [l.costType, l.amount])).toEqual([
      ['travel', 90_000],
      ['allowance', 20_000],
    ]);

    // Recorded by mistake: cancelled, its costs go and the arrival it gave goes with it.
    done = (await o.call('service.forCase', { id: f.id })).find((a) => a.id === planned!.id)!;
    await save(o, 'production_after_sales', f.id, { ...visit(eng), actionId: done.id, actionVersion: done.version, state: 'cancelled' });
    expect(await o.call('costs.forCase', { id: f.id })).toEqual([]);
    expect(complaintRow(o, f.id).on_site_at).toBeNull();

    // The audit trail: each save with before → after, and the cost lines' changes.
    const kinds = o.allEvents().filter((e) => e.complaintId === f.id && ['service_action', 'cost_lines', 'on_site'].includes(e.kind));
    const svc = kinds.filter((e) => e.kind === 'service_action');
    expect(svc).toHaveLength(5);
    expect(svc[0]!.before).toBeNull();
    expect((svc[2]!.before as { state: string }).state).toBe('planned');
    expect((svc[2]!.after as { state: string; result: string }).state).toBe('done');
    expect((svc[4]!.after as { state: string }).state).toBe('cancelled');
    expect(kinds.filter((e) => e.kind === 'cost_lines')).toHaveLength(3);
    expect(kinds.filter((e) => e.kind === 'on_site').map((e) => e.after)).toEqual(['2026-11-21T02:00:00.000Z', null]);
  });

  it('records a consultation or remote guidance directly as done, without engineers or dates', async () => {
    const { o, f } = await officeInService();
    await save(o, 'technical_support', f.id, {
      actionId: null,
      mode: 'remote_guidance',
      state: 'done',
      summary: '电话指导客户复位过载保护',
      engineerIds: [],
      result: 'partly_resolved',
    });
    const [a] = await o.call('service.forCase', { id: f.id });
    expect(a).toMatchObject({ mode: 'remote_guidance', state: 'done', result: 'partly_resolved', engineers: [] });
    expect(complaintRow(o, f.id).next_visit_at).toBeNull();
  });

  it('refuses what the rules do not allow, and writes nothing', async () => {
    const { o, f, eng } = await officeInService();
    const count = () => (o.store.sqlite.prepare('SELECT count(*) AS n FROM service_actions').get() as { n: number }).n;

    // Wrong role: finance does not arrange service.
    const role = await o.refuse('finance', 'service.save', f.id, visit(eng) as never);
    expect(role.code).toBe('FORBIDDEN');

    // Wrong state: a registered case is not served yet.
    const fresh = await registerCase(o);
    const state = await o.refuse('production_after_sales', 'service.save', fresh.id, visit(eng) as never);
    expect(state.code).toBe('FORBIDDEN');
    expect(state.issues?.[0]?.path).toBe('workflow');

    // A visit without engineers; a done report without result, times or work.
    const noEng = await o.refuse('production_after_sales', 'service.save', f.id, visit([]) as never);
    expect(noEng.code).toBe('VALIDATION');
    expect(noEng.issues?.map((i) => [i.path, i.code])).toEqual([['engineerIds', 'engineers_required']]);
    const noResult = await o.refuse('production_after_sales', 'service.save', f.id, visit(eng, { state: 'done' }) as never);
    expect(noResult.issues?.map((i) => [i.path, i.code])).toEqual([
      ['actualStart', 'required'],
      ['actualEnd', 'required'],
      ['workDone', 'required'],
      ['result', 'result_required'],
    ]);
    const consult = await o.refuse('sales_admin', 'service.save', f.id, { actionId: null, mode: 'consultation', state: 'done', summary: '咨询', engineerIds: [] } as never);
    expect(consult.issues?.map((i) => i.code)).toEqual(['result_required']);
    // Arrival in the future; an inactive engineer.
    const future = await o.refuse(
      'production_after_sales',
      'service.save',
      f.id,
      visit(eng, { state: 'done', actualStart: '2026-12-01T01:00:00.000Z', actualEnd: '2026-12-01T05:00:00.000Z', workDone: 'x', result: 'resolved' }) as never,
    );
    expect(future.issues?.map((i) => [i.path, i.code])).toEqual([
      ['actualStart', 'in_future'],
      ['actualEnd', 'in_future'],
    ]);
    await o.as('admin');
    await o.call('users.update', { id: eng[1]!, active: false } as never);
    const inactive = await o.refuse('production_after_sales', 'service.save', f.id, visit(eng) as never);
    expect(inactive.issues?.map((i) => [i.path, i.code, i.params?.name])).toEqual([['engineerIds', 'engineer_inactive', '李工']]);
    expect(count()).toBe(0);

    // A stale case version, and a stale record version.
    await save(o, 'production_after_sales', f.id, visit([eng[0]!]));
    const [a] = await o.call('service.forCase', { id: f.id });
    await o.as('production_after_sales');
    const staleCase = await o.fail('service.save', { ...visit([eng[0]!]), id: f.id, version: (await o.file(f.id)).version - 1, actionId: a!.id, actionVersion: 0 });
    expect(staleCase.code).toBe('CONFLICT');
    await save(o, 'production_after_sales', f.id, { ...visit([eng[0]!]), summary: '改期', actionId: a!.id, actionVersion: 0 });
    const staleRecord = await o.refuse('production_after_sales', 'service.save', f.id, { ...visit([eng[0]!]), actionId: a!.id, actionVersion: 0 } as never);
    expect(staleRecord.code).toBe('CONFLICT');

    // Done cannot go back to planned; cancelled is final.
    await save(o, 'production_after_sales', f.id, {
      ...visit([eng[0]!]),
      actionId: a!.id,
      actionVersion: 1,
      state: 'done',
      actualStart: '2026-11-20T06:00:00.000Z',
      actualEnd: '2026-11-20T08:00:00.000Z',
      workDone: '已修复',
      result: 'resolved',
    });
    const back = await o.refuse('production_after_sales', 'service.save', f.id, { ...visit([eng[0]!]), actionId: a!.id, actionVersion: 2 } as never);
    expect(back.issues?.map((i) => [i.path, i.code])).toEqual([['workflow', 'service_done']]);
    await save(o, 'production_after_sales', f.id, { ...visit([eng[0]!]), actionId: a!.id, actionVersion: 2, state: 'cancelled' });
    const again = await o.refuse('production_after_sales', 'service.save', f.id, { ...visit([eng[0]!]), actionId: a!.id, actionVersion: 3 } as never);
    expect(again.issues?.map((i) => [i.path, i.code])).toEqual([['workflow', 'service_cancelled']]);
    expect((await o.call('service.forCase', { id: f.id }))[0]).toMatchObject({ state: 'cancelled', version: 3 });
  });

  it('shows each engineer’s week on the field calendar, with double bookings marked', async () => {
    const { o, f, eng } = await officeInService();
    const other = await driveTo(o, (await registerCase(o, 'quality', { newCustomer: { name: '无锡精密铸造厂', region: '无锡' } })).id, 'in_service');
    // Li: Tuesday at f, and Tuesday afternoon at the other customer: a conflict.
    await save(o, 'production_after_sales', f.id, visit(eng));
    await save(o, 'production_after_sales', other.id, visit([eng[1]!], { plannedStart: '2026-11-24T06:00:00.000Z', plannedEnd: '2026-11-24T10:00:00.000Z' }));
    // Next week's training and a cancelled visit do not show.
    await save(o, 'production_after_sales', other.id, visit([eng[1]!], { mode: 'onsite_training', plannedStart: '2026-11-30T01:00:00.000Z', plannedEnd: '2026-11-30T05:00:00.000Z' }));
    await save(o, 'production_after_sales', f.id, visit([eng[1]!], { plannedStart: '2026-11-25T01:00:00.000Z', plannedEnd: '2026-11-25T05:00:00.000Z' }));
    const cancelled = (await o.call('service.forCase', { id: f.id })).at(-1)!;
    await save(o, 'production_after_sales', f.id, { ...visit([eng[1]!]), actionId: cancelled.id, actionVersion: 0, state: 'cancelled' });

    const [first, second] = await o.call('service.forCase', { id: f.id });
    const [atOther] = await o.call('service.forCase', { id: other.id });
    // Any day of the week gives the same week, Monday to Sunday in Shanghai.
    const week = await o.call('service.fieldCalendar', { weekOf: '2026-11-29' });
    expect(week.weekStart).toBe('2026-11-23');
    expect(await o.call('service.fieldCalendar', { weekOf: '2026-11-23' })).toEqual(week);
    expect(week.conflicts).toBe(1);
    const li = week.engineers.find((e) => e.name === '李工')!;
    expect(li.entries.map((e) => [e.actionId, e.conflictsWith, e.customerName])).toEqual([
      [first!.id, [atOther!.id], '苏州恒达机械有限公司'],
      [atOther!.id, [first!.id], '无锡精密铸造厂'],
    ]);
    const pas = week.engineers.find((e) => e.userId === eng[0])!;
    expect(pas.entries.map((e) => [e.actionId, e.conflictsWith])).toEqual([[first!.id, []]]);
    expect(second!.state).toBe('cancelled');

    // The next week holds the training only; a chosen engineer only.
    const next = await o.call('service.fieldCalendar', { weekOf: '2026-11-30', engineerIds: [eng[1]!] });
    expect(next.engineers.map((e) => [e.name, e.entries.map((x) => x.mode)])).toEqual([['李工', ['onsite_training']]]);
    expect(next.conflicts).toBe(0);
  });

  it('prints the visit report through the shell’s printer', async () => {
    const { o, f, eng } = await officeInService();
    await save(o, 'production_after_sales', f.id, visit(eng));
    const [a] = await o.call('service.forCase', { id: f.id });
    // The test app has no printer: print falls back to the page, a PDF is refused plainly.
    expect(await o.call('print.visitReport', { actionId: a!.id, lang: 'zh-CN' })).toEqual({ dialog: false });
    expect((await o.fail('print.visitReportPdf', { actionId: a!.id, lang: 'en' })).code).toBe('INTERNAL');
    expect((await o.fail('print.visitReport', { actionId: 999_999, lang: 'en' })).code).toBe('NOT_FOUND');
  });
});

describe('demo visits', () => {
  it('adds planned and done visits to demo cases in service, with a conflict this week', async () => {
    const now = new Date('2026-11-25T04:00:00.000Z');
    const o = await openTestApp({ clock: () => now });
    await o.call('app.loadDemo', { complaints: 200 });
    // Loading the demo office adds its visits, once (services/demo-service.ts calls addDemoVisits):
    // what is counted here is the demo office's, not a second run's.
    const n = (sql: string) => (o.store.sqlite.prepare(sql).get() as { n: number }).n;
    const week = await o.call('service.fieldCalendar', { weekOf: '2026-11-25' });
    // One engineer booked twice on Wednesday morning: one pair, not a visit overlapping its own copy.
    expect(week.conflicts).toBe(1);
    expect(week.engineers.flatMap((e) => e.entries).length).toBeGreaterThanOrEqual(3);
    expect(n('SELECT count(*) AS n FROM service_actions')).toBe(5);
    expect(n("SELECT count(*) AS n FROM service_actions WHERE state = 'done'")).toBe(2);
    expect(n("SELECT count(*) AS n FROM cost_lines WHERE source = 'visit'")).toBe(3);
    expect(n('SELECT count(*) AS n FROM complaints WHERE next_visit_at IS NOT NULL')).toBeGreaterThanOrEqual(1);
  });
});
