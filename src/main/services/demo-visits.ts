import type { Kysely } from 'kysely';
import { appendEvents } from './audit';
import { addDays, calendarDateOf, startOfDayUtc } from '../../shared/dates';
import type { Database } from '../db/schema';
import { syncSourceCosts, type WantedCost } from './cost-lines';
import { mondayOf, visitCosts } from './service-actions';
import { getSettings } from './settings';

/**
 * Demo service work (issue 5): on-site visits by the production after-sales staff on demo cases in
 * service — one done last week with its travel as cost lines, some planned for this week, and one
 * engineer booked twice on Wednesday (a conflict on the field calendar), plus a remote guidance.
 * Written straight to the store, as the rest of the demo data is.
 */

const PLACES = ['苏州', '无锡', '宁波', '合肥', '南京', '常州'];
const TASKS = ['上门检查主控板过载故障', '现场更换变频器并调试', '客户现场技术培训：日常保养', '复查设备运行情况'];

export async function addDemoVisits(db: Kysely<Database>, o: { until: Date; userId: number }): Promise<void> {
  const tz = (await getSettings(db)).officeTimeZone;
  const engineers = await db.selectFrom('users').select(['id', 'name']).where('role', '=', 'production_after_sales').where('active', '=', 1).orderBy('id').execute();
  const cases = await db.selectFrom('complaints').select(['id', 'version', 'next_visit_at', 'on_site_at']).where('state', '=', 'in_service').orderBy('id', 'desc').limit(5).execute();
  if (!engineers.length || !cases.length) return;

  const monday = mondayOf(calendarDateOf(o.until, tz));
  const at = (day: string, hour: number) => new Date(startOfDayUtc(day, tz).getTime() + hour * 3_600_000).toISOString();
  const now = o.until.toISOString();
  const e0 = engineers[0]!;
  const e1 = engineers[1] ?? e0;

  interface Plan {
    mode: 'onsite_visit' | 'onsite_training' | 'remote_guidance';
    state: 'planned' | 'done';
    day: string;
    from: number;
    to: number;
    who: number[];
    costs?: [number, number, number];
  }
  const plans: Plan[] = [
    { mode: 'onsite_visit', state: 'done', day: addDays(monday, -5), from: 9, to: 16, who: [e0.id, e1.id], costs: [68_000, 36_000, 20_000] },
    { mode: 'onsite_visit', state: 'planned', day: addDays(monday, 2), from: 9, to: 12, who: [e0.id] },
    // The same engineer on another customer's site the same Wednesday morning: a conflict to sort out.
    { mode: 'onsite_visit', state: 'planned', day: addDays(monday, 2), from: 10, to: 15, who: [e0.id] },
    { mode: 'onsite_training', state: 'planned', day: addDays(monday, 4), from: 13, to: 17, who: [e1.id] },
    { mode: 'remote_guidance', state: 'done', day: addDays(monday, -3), from: 10, to: 11, who: [] },
  ];

  for (const [i, p] of plans.entries()) {
    const c = cases[i % cases.length]!;
    const field = p.mode !== 'remote_guidance';
    const plannedStart = field ? at(p.day, p.from) : null;
    const plannedEnd = field ? at(p.day, p.to) : null;
    // A done visit happened as planned, unless "now" is earlier (then it is left planned).
    const done = p.state === 'done' && (!field || Date.parse(plannedEnd!) < o.until.getTime());
    const [travel, stay, allowance] = done && p.costs ? p.costs : [0, 0, 0];
    const action = {
      complaint_id: c.id,
      mode: p.mode,
      state: done ? 'done' : 'planned',
      summary: field ? TASKS[i % TASKS.length]! : '电话远程指导客户复位过载保护并检查接线',
      planned_start: plannedStart,
      planned_end: plannedEnd,
      actual_start: done && field ? plannedStart : null,
      actual_end: done && field ? plannedEnd : null,
      travel_from: field ? '杭州' : null,
      travel_to: field ? PLACES[i % PLACES.length]! : null,
      travel_cost: travel,
      accommodation_cost: stay,
      allowance_cost: allowance,
      work_done: done && field ? '更换主控板，试机两小时运行正常，已向客户说明日常保养要点。' : null,
      result: done ? 'resolved' : null,
      customer_signoff: done && field ? '王伟' : null,
      note: null,
      created_by: o.userId,
      created_at: now,
      updated_by: o.userId,
      updated_at: now,
      version: 0,
    };
    if (!done && p.state === 'done') continue;
    const { id } = await db.insertInto('service_actions').values(action).returning('id').executeTakeFirstOrThrow();
    if (p.who.length) await db.insertInto('service_action_engineers').values(p.who.map((user_id) => ({ action_id: id, user_id }))).execute();
    const wanted: WantedCost[] = visitCosts(
      {
        state: action.state as 'done' | 'planned',
        summary: action.summary,
        actualStart: action.actual_start,
        plannedStart,
        travelCost: travel,
        accommodationCost: stay,
        allowanceCost: allowance,
        travelFrom: action.travel_from,
        travelTo: action.travel_to,
      },
      tz,
      o.until,
    );
    const costEvents = await syncSourceCosts(db, { complaintId: c.id, source: 'visit', sourceId: id, wanted, userId: o.userId, now: o.until });

    const row = await db.selectFrom('complaints').select(['next_visit_at', 'on_site_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
    const set: { next_visit_at?: string | null; on_site_at?: string | null; version: number } = { version: c.version + 1 };
    c.version += 1;
    if (action.state === 'planned' && field && (!row.next_visit_at || plannedStart! < row.next_visit_at)) set.next_visit_at = plannedStart;
    if (action.actual_start && (!row.on_site_at || action.actual_start < row.on_site_at)) set.on_site_at = action.actual_start;
    await db.updateTable('complaints').set(set).where('id', '=', c.id).execute();
    await appendEvents(
      db,
      o.userId,
      new Date(now),
      [{ kind: 'service_action', field: p.mode, after: { id, mode: p.mode, state: action.state, summary: action.summary } }, ...costEvents].map((e) => ({
        ...e,
        complaintId: c.id,
      })),
    );
  }
}
