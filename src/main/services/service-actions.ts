import type { Kysely, Selectable } from 'kysely';
import { addDays, calendarDateOf, startOfDayUtc } from '../../shared/dates';
import { ApiError, type FieldIssue } from '../../shared/errors';
import type { ParsedInput } from '../../shared/contract';
import {
  FIELD_MODES,
  type FieldCalendarEntry,
  type FieldCalendarWeek,
  type ServiceAction,
  type ServiceActionState,
  type ServiceEngineer,
  type ServiceMode,
  type ServiceResult,
} from '../../shared/service';
import type { ComplaintUpdate, Database, ServiceActionsTable } from '../db/schema';
import type { AuditEntry } from './audit';
import { commitChange, loadForChange, refused, type Actor } from './case-change';
import { syncSourceCosts, type WantedCost } from './cost-lines';

/**
 * Service actions on a case (seed 001: consultation and solution, remote guidance, door-to-door
 * service, on-site technical training, update of technical documents). Field modes send engineers
 * — arranged by the manufacturing department (seed 002 §7.2) — to the customer: they are planned
 * with people and dates, reported with what was done, and their travel, accommodation and allowance
 * become cost lines paid by the company (seed 002 §8.1). The first arrival on site stops the on-site
 * SLA clock; the next planned visit shows on the tracking table.
 */

export type ServiceSaveInput = ParsedInput<'service.save'>;

const isField = (m: string) => (FIELD_MODES as readonly string[]).includes(m);

type ActionRow = Selectable<ServiceActionsTable> & { created_by_name: string };

async function engineersOf(db: Kysely<Database>, actionIds: number[]): Promise<Map<number, ServiceEngineer[]>> {
  const out = new Map<number, ServiceEngineer[]>();
  if (!actionIds.length) return out;
  const rows = await db
    .selectFrom('service_action_engineers as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.action_id', 'u.id', 'u.name'])
    .where('e.action_id', 'in', actionIds)
    .orderBy('u.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.action_id) ?? [];
    list.push({ userId: r.id, name: r.name });
    out.set(r.action_id, list);
  }
  return out;
}

function toAction(r: ActionRow, engineers: ServiceEngineer[]): ServiceAction {
  return {
    id: r.id,
    complaintId: r.complaint_id,
    mode: r.mode as ServiceMode,
    state: r.state as ServiceActionState,
    summary: r.summary,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    engineers,
    travelFrom: r.travel_from,
    travelTo: r.travel_to,
    travelCost: r.travel_cost,
    accommodationCost: r.accommodation_cost,
    allowanceCost: r.allowance_cost,
    workDone: r.work_done,
    result: r.result as ServiceResult | null,
    customerSignoff: r.customer_signoff,
    note: r.note,
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

async function loadActions(db: Kysely<Database>, where: { complaintId?: number; actionId?: number }): Promise<ServiceAction[]> {
  let q = db
    .selectFrom('service_actions as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.name as created_by_name');
  if (where.complaintId !== undefined) q = q.where('s.complaint_id', '=', where.complaintId);
  if (where.actionId !== undefined) q = q.where('s.id', '=', where.actionId);
  const rows = await q.orderBy('s.id').execute();
  const eng = await engineersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toAction(r, eng.get(r.id) ?? []));
}

/** The case's service actions, oldest first. */
export async function listServiceActions(db: Kysely<Database>, complaintId: number): Promise<ServiceAction[]> {
  const c = await db.selectFrom('complaints').select('id').where('id', '=', complaintId).executeTakeFirst();
  if (!c) throw new ApiError('NOT_FOUND', `no complaint with id ${complaintId}`);
  return loadActions(db, { complaintId });
}

/** One service action (the visit report prints it by its own id). */
export async function getServiceAction(db: Kysely<Database>, actionId: number): Promise<ServiceAction> {
  const [a] = await loadActions(db, { actionId });
  if (!a) throw new ApiError('NOT_FOUND', `no service action with id ${actionId}`);
  return a;
}

// ------------------------------------------------------------------------------------------ save

const issue = (path: string, code: string, message: string, params?: Record<string, string | number>): FieldIssue => ({
  path,
  code,
  message,
  ...(params ? { params } : {}),
});

/** What a save must satisfy beyond the schema: the form's rules for planning and reporting. */
function checkFields(input: ServiceSaveInput, now: Date): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (input.state === 'cancelled') return out;
  const field = isField(input.mode);
  if (field) {
    if (!input.engineerIds.length) out.push(issue('engineerIds', 'engineers_required', 'a visit needs at least one engineer (the production department arranges the staff)'));
    if (!input.plannedStart) out.push(issue('plannedStart', 'required', 'a visit needs its planned start'));
    if (!input.plannedEnd) out.push(issue('plannedEnd', 'required', 'a visit needs its planned end'));
  } else if (input.travelCost || input.accommodationCost || input.allowanceCost) {
    out.push(issue('travelCost', 'no_travel', 'only on-site visits and training have travel costs'));
  }
  if (input.state === 'done') {
    if (field) {
      if (!input.actualStart) out.push(issue('actualStart', 'required', 'say when the visit really started'));
      if (!input.actualEnd) out.push(issue('actualEnd', 'required', 'say when the visit really ended'));
      if (!input.workDone) out.push(issue('workDone', 'required', 'say what work was done'));
    }
    if (!input.result) out.push(issue('result', 'result_required', 'a service action reported as done needs its result'));
  }
  // Actual times are facts: they cannot lie in the future (a planned visit is planned, not done).
  for (const k of ['actualStart', 'actualEnd'] as const) {
    const v = input[k];
    if (v && Date.parse(v) > now.getTime()) out.push(issue(k, 'in_future', 'this time has not come yet'));
  }
  return out;
}

/** A compact picture of an action for the audit trail (before → after). */
function snapshot(a: Omit<ServiceAction, 'createdBy' | 'createdAt' | 'updatedAt' | 'version' | 'complaintId'>) {
  return {
    id: a.id,
    mode: a.mode,
    state: a.state,
    summary: a.summary,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    actualStart: a.actualStart,
    actualEnd: a.actualEnd,
    engineers: a.engineers.map((e) => e.name),
    travelFrom: a.travelFrom,
    travelTo: a.travelTo,
    travelCost: a.travelCost,
    accommodationCost: a.accommodationCost,
    allowanceCost: a.allowanceCost,
    workDone: a.workDone,
    result: a.result,
    customerSignoff: a.customerSignoff,
    note: a.note,
  };
}

/** The cost lines a visit brings (seed 002 §8.1: the company pays travel, accommodation and allowances). */
export function visitCosts(a: Pick<ServiceAction, 'state' | 'summary' | 'actualStart' | 'plannedStart' | 'travelCost' | 'accommodationCost' | 'allowanceCost' | 'travelFrom' | 'travelTo'>, timeZone: string, now: Date): WantedCost[] {
  if (a.state === 'cancelled') return [];
  const when = a.actualStart ?? a.plannedStart;
  const incurredOn = calendarDateOf(when ? new Date(when) : now, timeZone);
  const route = a.travelFrom && a.travelTo ? `${a.travelFrom} → ${a.travelTo}` : null;
  const lines: WantedCost[] = [];
  const add = (costType: WantedCost['costType'], amount: number, description: string | null) => {
    if (amount > 0) lines.push({ costType, amount, incurredOn, payer: 'company', description });
  };
  add('travel', a.travelCost, route ?? a.summary.slice(0, 200));
  add('accommodation', a.accommodationCost, a.summary.slice(0, 200));
  add('allowance', a.allowanceCost, a.summary.slice(0, 200));
  return lines;
}

/** The earliest planned start of the case's planned field actions: the tracking table's "next visit". */
async function nextVisitAt(db: Kysely<Database>, complaintId: number): Promise<string | null> {
  const r = await db
    .selectFrom('service_actions')
    .select((eb) => eb.fn.min('planned_start').as('next'))
    .where('complaint_id', '=', complaintId)
    .where('state', '=', 'planned')
    .where('mode', 'in', [...FIELD_MODES])
    .where('planned_start', 'is not', null)
    .executeTakeFirst();
  return (r?.next as string | null | undefined) ?? null;
}

/** When engineers first arrived at the customer: the earliest actual start of the case's field actions. */
async function firstArrival(db: Kysely<Database>, complaintId: number): Promise<string | null> {
  const r = await db
    .selectFrom('service_actions')
    .select((eb) => eb.fn.min('actual_start').as('first'))
    .where('complaint_id', '=', complaintId)
    .where('state', '!=', 'cancelled')
    .where('mode', 'in', [...FIELD_MODES])
    .executeTakeFirst();
  return (r?.first as string | null | undefined) ?? null;
}

/**
 * Plans, reports, corrects or cancels a service action, through the case's change path: the case's
 * version and the 'service' section rule first, then the record's own version and steps. Everything
 * is checked before anything is written, and the dispatcher's transaction keeps it whole.
 */
export async function saveServiceAction(a: Actor, input: ServiceSaveInput, timeZone: string): Promise<void> {
  const file = await loadForChange(a, input.id, input.version, 'service');

  let before: ServiceAction | null = null;
  if (input.actionId !== null) {
    before = await getServiceAction(a.db, input.actionId).catch(() => null);
    if (!before || before.complaintId !== file.id) throw new ApiError('NOT_FOUND', `complaint ${file.trackingNo} has no service action ${input.actionId}`);
    if (input.actionVersion === null) {
      throw new ApiError('VALIDATION', 'name the version of the service action you changed', [
        issue('actionVersion', 'required', 'name the version of the service action you changed'),
      ]);
    }
    if (before.version !== input.actionVersion) {
      throw new ApiError(
        'CONFLICT',
        `service action ${before.id} of ${file.trackingNo} was changed by someone else (version ${before.version}, you edited ${input.actionVersion}); reload it and make your change again`,
      );
    }
    if (before.state === 'cancelled') {
      throw refused([{ code: 'service_cancelled', message: 'a cancelled service action is final; plan a new one instead' }]);
    }
    if (before.state === 'done' && input.state === 'planned') {
      throw refused([{ code: 'service_done', message: 'a service action reported as done cannot go back to planned; correct the report, or cancel it if it was recorded by mistake' }]);
    }
    if (before.mode !== input.mode) {
      throw new ApiError('VALIDATION', 'the mode of a recorded service action cannot change; cancel it and record a new one', [
        issue('mode', 'mode_fixed', 'the mode of a recorded service action cannot change'),
      ]);
    }
  } else if (input.state === 'cancelled') {
    throw new ApiError('VALIDATION', 'there is nothing to cancel: the service action is not recorded yet', [
      issue('state', 'invalid_choice', 'a new service action is planned or done'),
    ]);
  }

  const issues = checkFields(input, a.now);

  // Engineers are profiles of the office; one newly put on a visit must be active (one already on it
  // may have left since, and the visit can still be reported or cancelled).
  const engineerIds = [...new Set(input.engineerIds)];
  const people = engineerIds.length
    ? await a.db.selectFrom('users').select(['id', 'name', 'active', 'role']).where('id', 'in', engineerIds).execute()
    : [];
  const already = new Set(before?.engineers.map((e) => e.userId) ?? []);
  for (const idv of engineerIds) {
    const p = people.find((x) => x.id === idv);
    if (!p || p.role === 'system') issues.push(issue('engineerIds', 'not_found', `no profile with id ${idv}`, { id: idv }));
    else if (p.active !== 1 && !already.has(idv)) issues.push(issue('engineerIds', 'engineer_inactive', `${p.name} is no longer active`, { name: p.name }));
  }
  if (issues.length) throw new ApiError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);

  const now = a.now.toISOString();
  const values = {
    mode: input.mode,
    state: input.state,
    summary: input.summary,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: input.actualStart,
    actual_end: input.actualEnd,
    travel_from: input.travelFrom,
    travel_to: input.travelTo,
    travel_cost: input.travelCost,
    accommodation_cost: input.accommodationCost,
    allowance_cost: input.allowanceCost,
    work_done: input.workDone,
    result: input.result,
    customer_signoff: input.customerSignoff,
    note: input.note,
    updated_by: a.userId,
    updated_at: now,
  };
  let actionId: number;
  if (before) {
    actionId = before.id;
    const r = await a.db
      .updateTable('service_actions')
      .set({ ...values, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `service action ${before.id} was changed by someone else; reload it`);
    await a.db.deleteFrom('service_action_engineers').where('action_id', '=', actionId).execute();
  } else {
    const r = await a.db
      .insertInto('service_actions')
      .values({ ...values, complaint_id: file.id, created_by: a.userId, created_at: now, version: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    actionId = r.id;
  }
  if (engineerIds.length) {
    await a.db
      .insertInto('service_action_engineers')
      .values(engineerIds.map((user_id) => ({ action_id: actionId, user_id })))
      .execute();
  }

  const after = await getServiceAction(a.db, actionId);
  const events: AuditEntry[] = [
    {
      complaintId: file.id,
      kind: 'service_action',
      field: after.mode,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
    },
  ];

  const set: ComplaintUpdate = {};
  const next = await nextVisitAt(a.db, file.id);
  const row = await a.db.selectFrom('complaints').select(['next_visit_at', 'on_site_at']).where('id', '=', file.id).executeTakeFirstOrThrow();
  if (row.next_visit_at !== next) set.next_visit_at = next;
  // The first arrival on site stops the on-site SLA clock (rules/sla.ts reads on_site_at; the engine
  // re-evaluates the case after this change). A visit cancelled as recorded by mistake gives it back.
  const first = await firstArrival(a.db, file.id);
  const cancelledArrival = before?.actualStart && after.state === 'cancelled' && before.actualStart === row.on_site_at;
  const onSite =
    first && (!row.on_site_at || Date.parse(first) < Date.parse(row.on_site_at)) ? first : cancelledArrival ? first : row.on_site_at;
  if (onSite !== row.on_site_at) {
    set.on_site_at = onSite;
    events.push({ complaintId: file.id, kind: 'on_site', field: 'on_site_at', before: row.on_site_at, after: onSite });
  }

  events.push(
    ...(await syncSourceCosts(a.db, {
      complaintId: file.id,
      source: 'visit',
      sourceId: actionId,
      wanted: visitCosts(after, timeZone, a.now),
      userId: a.userId,
      now: a.now,
    })),
  );
  await commitChange(a, file, set, events);
}

// ------------------------------------------------------------------------------- field calendar

/** How far a visit's planned start may lie from the week and still show in it (multi-day visits, reports off the plan). */
const CALENDAR_MARGIN_DAYS = 31;

/** Monday of the week of a calendar date. */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

/** Where an action sits on the calendar: when it really happened once reported, else its plan. */
export function calendarSpan(a: { state: string; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null }) {
  if (a.actualStart && a.actualEnd) return { start: a.actualStart, end: a.actualEnd };
  if (a.plannedStart && a.plannedEnd) return { start: a.plannedStart, end: a.plannedEnd };
  return null;
}

const overlaps = (x: { start: string; end: string }, y: { start: string; end: string }) =>
  Date.parse(x.start) < Date.parse(y.end) && Date.parse(y.start) < Date.parse(x.end);

/**
 * Every engineer's field actions of one week (Monday to Sunday in the office time zone), planned or
 * done, with the same engineer's overlapping actions marked. The production after-sales staff are
 * listed even on a free week, so the planner sees who is available. `conflicts` counts the pairs of
 * overlapping visits of one engineer.
 */
export async function fieldCalendar(
  db: Kysely<Database>,
  input: ParsedInput<'service.fieldCalendar'>,
  timeZone: string,
): Promise<FieldCalendarWeek> {
  const weekStart = mondayOf(input.weekOf);
  const from = startOfDayUtc(weekStart, timeZone).toISOString();
  const to = startOfDayUtc(addDays(weekStart, 7), timeZone).toISOString();
  const margin = CALENDAR_MARGIN_DAYS * 86_400_000;
  // A range on planned_start (its index); the exact overlap with the week is decided below.
  let q = db
    .selectFrom('service_actions as s')
    .innerJoin('service_action_engineers as e', 'e.action_id', 's.id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .innerJoin('complaints as c', 'c.id', 's.complaint_id')
    .select([
      's.id',
      's.complaint_id',
      's.mode',
      's.state',
      's.planned_start',
      's.planned_end',
      's.actual_start',
      's.actual_end',
      'u.id as user_id',
      'u.name as user_name',
      'c.tracking_no',
      'c.customer_name',
    ])
    .where('s.planned_start', '>=', new Date(Date.parse(from) - margin).toISOString())
    .where('s.planned_start', '<', new Date(Date.parse(to) + margin).toISOString())
    .where('s.mode', 'in', [...FIELD_MODES])
    .where('s.state', '!=', 'cancelled');
  if (input.engineerIds) q = q.where('e.user_id', 'in', input.engineerIds.length ? input.engineerIds : [-1]);
  const rows = await q.orderBy('s.planned_start').orderBy('s.id').execute();

  const week = { start: from, end: to };
  const byEngineer = new Map<number, ServiceEngineer & { entries: FieldCalendarEntry[] }>();
  for (const r of rows) {
    const span = calendarSpan({ state: r.state, plannedStart: r.planned_start, plannedEnd: r.planned_end, actualStart: r.actual_start, actualEnd: r.actual_end });
    if (!span || !overlaps(span, week)) continue;
    const eng = byEngineer.get(r.user_id) ?? { userId: r.user_id, name: r.user_name, entries: [] };
    eng.entries.push({
      actionId: r.id,
      complaintId: r.complaint_id,
      trackingNo: r.tracking_no,
      customerName: r.customer_name,
      mode: r.mode as ServiceMode,
      state: r.state as ServiceActionState,
      start: span.start,
      end: span.end,
      conflictsWith: [],
    });
    byEngineer.set(r.user_id, eng);
  }

  // The staff the production department sends, shown even when free (unless a selection was asked for).
  const staff = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .$if(input.engineerIds === null, (qq) => qq.where('role', '=', 'production_after_sales'))
    .$if(input.engineerIds !== null, (qq) => qq.where('id', 'in', input.engineerIds?.length ? input.engineerIds : [-1]))
    .execute();
  for (const s of staff) if (!byEngineer.has(s.id)) byEngineer.set(s.id, { userId: s.id, name: s.name, entries: [] });

  let conflicts = 0;
  for (const eng of byEngineer.values()) {
    eng.entries.sort((x, y) => x.start.localeCompare(y.start) || x.actionId - y.actionId);
    for (let i = 0; i < eng.entries.length; i++) {
      for (let j = i + 1; j < eng.entries.length; j++) {
        const x = eng.entries[i]!;
        const y = eng.entries[j]!;
        if (overlaps(x, y)) {
          x.conflictsWith.push(y.actionId);
          y.conflictsWith.push(x.actionId);
          conflicts++;
        }
      }
    }
  }
  const engineers = [...byEngineer.values()].sort((x, y) => x.name.localeCompare(y.name, 'zh-CN') || x.userId - y.userId);
  return { weekStart, engineers, conflicts };
}
