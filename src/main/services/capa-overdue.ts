import type { Kysely } from 'kysely';
import type { DeskEventName } from '../../shared/contract';
import type { Database } from '../db/schema';
import { appendEvents } from './audit';
import { officeToday, overdueSql } from './capa';
import { roleDirectory } from './notifications';
import { ensureSystemUser } from './users';

/**
 * Overdue CAPAs escalate like cases do (issue 7): on each scheduler pass, a CAPA that has become
 * overdue (rules/capa-steps.ts isCapaOverdue, in the office's calendar) is notified once to its
 * owner, the owners of its overdue actions and the sales manager role (seed 002: the sales
 * department organises after-sales work and follows it up), and the instant is kept in
 * `overdue_notified_at`. While it stays overdue nothing more is sent; once it is no longer overdue
 * (done, dates moved, closed) the mark is cleared, so the next overdue spell is told again.
 * Idempotent: a second pass at the same instant writes nothing. The scheduler's own profile is the
 * actor of the audit event.
 */

/** The notification kind (the notification list puts it into words). */
export const CAPA_OVERDUE_KIND = 'capa_overdue';
/** Who hears of every overdue CAPA besides its owners. */
const OVERSEER_ROLE = 'sales_manager';

export interface CapaOverdueResult {
  notified: number[];
  cleared: number[];
}

export async function checkOverdueCapas(
  db: Kysely<Database>,
  now: Date,
  publish: (event: DeskEventName, payload: unknown) => void,
): Promise<CapaOverdueResult> {
  const result = await db.transaction().execute(async (trx) => {
    const today = await officeToday(trx, now);
    const fresh = await trx
      .selectFrom('capas')
      .select(['id', 'capa_no', 'title', 'owner_id', 'due_on', 'effectiveness_due_on', 'state'])
      .where('overdue_notified_at', 'is', null)
      .where(overdueSql(today))
      .orderBy('id')
      .execute();
    const stale = await trx
      .selectFrom('capas')
      .select('id')
      .where('overdue_notified_at', 'is not', null)
      .where((eb) => eb.not(overdueSql(today)))
      .execute();
    const cleared = stale.map((r) => r.id);
    if (cleared.length) await trx.updateTable('capas').set({ overdue_notified_at: null }).where('id', 'in', cleared).execute();
    if (!fresh.length) return { notified: [], cleared, roles: [] as string[], userIds: [] as number[] };

    const late = await trx
      .selectFrom('capa_actions')
      .leftJoin('users', 'users.id', 'capa_actions.owner_id')
      .select(['capa_actions.capa_id', 'capa_actions.description', 'capa_actions.owner_id', 'capa_actions.due_on', 'users.name as owner_name'])
      .where('capa_actions.capa_id', 'in', fresh.map((c) => c.id))
      .where('capa_actions.state', '=', 'open')
      .where('capa_actions.due_on', '<', today)
      .orderBy('capa_actions.position')
      .execute();
    const people = new Map(
      (await trx.selectFrom('users').select(['id', 'role']).where('active', '=', 1).execute()).map((u) => [u.id, u.role] as const),
    );
    const managers = (await roleDirectory(trx)).get(OVERSEER_ROLE) ?? [];
    const ts = now.toISOString();
    const rows: Array<{ user_id: number | null; role: string; complaint_id: null; kind: string; payload: string; created_at: string }> = [];
    const userIds = new Set<number>();
    const told = new Map<number, Array<number | string>>();
    for (const c of fresh) {
      const actions = late.filter((x) => x.capa_id === c.id);
      const payload = JSON.stringify({
        capaId: c.id,
        capaNo: c.capa_no,
        title: c.title,
        dueOn: c.due_on,
        effectivenessDueOn: c.state === 'effectiveness_check' ? c.effectiveness_due_on : null,
        overdueActions: actions.map((x) => ({ description: x.description, ownerName: x.owner_name, dueOn: x.due_on })),
      });
      const to = new Set<number>([c.owner_id, ...actions.map((x) => x.owner_id), ...managers].filter((x): x is number => x !== null && people.has(x)));
      for (const id of to) {
        userIds.add(id);
        rows.push({ user_id: id, role: people.get(id)!, complaint_id: null, kind: CAPA_OVERDUE_KIND, payload, created_at: ts });
      }
      // Nobody holds the role yet: kept for it, as notify() does, so whoever takes it sees it.
      if (!managers.length) rows.push({ user_id: null, role: OVERSEER_ROLE, complaint_id: null, kind: CAPA_OVERDUE_KIND, payload, created_at: ts });
      told.set(c.id, managers.length ? [...to] : [...to, OVERSEER_ROLE]);
    }
    for (let k = 0; k < rows.length; k += 500) await trx.insertInto('notifications').values(rows.slice(k, k + 500)).execute();
    const notified = fresh.map((c) => c.id);
    await trx.updateTable('capas').set({ overdue_notified_at: ts }).where('id', 'in', notified).execute();
    const system = await ensureSystemUser(trx, now);
    await appendEvents(
      trx,
      system,
      now,
      fresh.map((c) => ({
        complaintId: null,
        kind: 'capa',
        field: 'overdue',
        before: null,
        after: { capaId: c.id, capaNo: c.capa_no, state: c.state, today, notified: told.get(c.id) ?? [] },
      })),
    );
    return { notified, cleared, roles: [...new Set(rows.map((r) => r.role))], userIds: [...userIds] };
  });
  if (result.roles.length || result.userIds.length) publish('notifications.changed', { roles: result.roles, userIds: result.userIds });
  const changed = [...result.notified, ...result.cleared];
  if (changed.length) publish('capa.changed', { ids: changed });
  return { notified: result.notified, cleared: result.cleared };
}
