import type { Kysely } from 'kysely';
import type { Role } from '../../shared/domain';
import type { NotificationItem, NotificationKind, NotificationPage } from '../../shared/engine';
import type { Database } from '../db/schema';

/**
 * The in-app notification list (issue 4: an escalation rule's "notify" action). A notification for
 * a role is written once per active person holding it, so that each reads and marks his own; when
 * nobody holds the role it is kept for the role, and whoever takes the role later sees it.
 */

export interface Notice {
  roles: readonly Role[];
  complaintId: number | null;
  kind: NotificationKind;
  payload: Record<string, unknown>;
}

/** Who was told: for the `notifications.changed` event. */
export interface Notified {
  roles: Role[];
  userIds: number[];
}

/** Active people by role, read once per batch of notices. */
export async function roleDirectory(db: Kysely<Database>): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const u of await db.selectFrom('users').select(['id', 'role']).where('active', '=', 1).orderBy('id').execute()) {
    out.set(u.role, [...(out.get(u.role) ?? []), u.id]);
  }
  return out;
}

export async function notify(db: Kysely<Database>, now: Date, notices: readonly Notice[], directory?: Map<string, number[]>): Promise<Notified> {
  const notified: Notified = { roles: [], userIds: [] };
  if (!notices.length) return notified;
  const people = directory ?? (await roleDirectory(db));
  const rows: Array<{ user_id: number | null; role: string; complaint_id: number | null; kind: string; payload: string; created_at: string }> = [];
  const roles = new Set<Role>();
  const users = new Set<number>();
  for (const n of notices) {
    const payload = JSON.stringify(n.payload);
    for (const role of n.roles) {
      roles.add(role);
      const ids = people.get(role) ?? [];
      if (!ids.length) rows.push({ user_id: null, role, complaint_id: n.complaintId, kind: n.kind, payload, created_at: now.toISOString() });
      for (const id of ids) {
        users.add(id);
        rows.push({ user_id: id, role, complaint_id: n.complaintId, kind: n.kind, payload, created_at: now.toISOString() });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('notifications').values(rows.slice(i, i + 500)).execute();
  notified.roles = [...roles];
  notified.userIds = [...users];
  return notified;
}

/** This person's notifications: addressed to him, or to his role when nobody held it. */
const mine = (db: Kysely<Database>, user: { id: number; role: Role }) =>
  db
    .selectFrom('notifications')
    .where((eb) => eb.or([eb('notifications.user_id', '=', user.id), eb.and([eb('notifications.user_id', 'is', null), eb('notifications.role', '=', user.role)])]));

export async function listNotifications(
  db: Kysely<Database>,
  user: { id: number; role: Role },
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<NotificationPage> {
  const base = q.unreadOnly ? mine(db, user).where('read_at', 'is', null) : mine(db, user);
  const rows = await base
    .leftJoin('complaints', 'complaints.id', 'notifications.complaint_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.complaint_id as complaintId',
      'complaints.tracking_no as trackingNo',
      'notifications.payload',
      'notifications.created_at as createdAt',
      'notifications.read_at as readAt',
    ])
    .orderBy('notifications.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const count = async (unread: boolean) => {
    const r = await (unread ? mine(db, user).where('read_at', 'is', null) : mine(db, user))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const items: NotificationItem[] = rows.map((r) => ({ ...r, kind: r.kind as NotificationKind, payload: JSON.parse(r.payload) as Record<string, unknown> }));
  return { items, total: await count(q.unreadOnly), unread: await count(true) };
}

export async function markNotificationsRead(
  db: Kysely<Database>,
  user: { id: number; role: Role },
  ids: readonly number[],
  now: Date,
): Promise<{ updated: number; unread: number }> {
  // Only his own: an id of someone else's notification is silently not his to mark.
  const targets = (await mine(db, user).select('id').where('id', 'in', ids).where('read_at', 'is', null).execute()).map((r) => r.id);
  if (targets.length) await db.updateTable('notifications').set({ read_at: now.toISOString() }).where('id', 'in', targets).execute();
  const r = await mine(db, user).where('read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { updated: targets.length, unread: Number(r.n) };
}
