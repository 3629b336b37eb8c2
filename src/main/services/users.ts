import type { Kysely } from 'kysely';
import type { Role } from '../../shared/domain';
import type { User } from '../../shared/types';
import type { Database } from '../db/schema';

/**
 * Local profiles. A new database gets one administrator so that the app can be used at once;
 * profiles per person and passwords come with the lifecycle (issue 3).
 */
export async function ensureDefaultUser(db: Kysely<Database>, now: Date): Promise<User> {
  const first = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('active', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  if (first) return { ...first, role: first.role as Role };
  const row = await db
    .insertInto('users')
    .values({ name: 'Administrator', role: 'admin', password_hash: null, active: 1, created_at: now.toISOString() })
    .returning(['id', 'name', 'role'])
    .executeTakeFirstOrThrow();
  return { ...row, role: row.role as Role };
}

export async function getUser(db: Kysely<Database>, id: number): Promise<User | undefined> {
  const u = await db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
  return u && { ...u, role: u.role as Role };
}

/**
 * The profile the scheduler's changes are recorded under (the audit trail names an actor for every
 * event). Inactive and outside the roles, so nobody can work as it and no profile list shows it.
 */
export const SYSTEM_ROLE = 'system';

export async function ensureSystemUser(db: Kysely<Database>, now: Date): Promise<number> {
  const found = await db.selectFrom('users').select('id').where('role', '=', SYSTEM_ROLE).orderBy('id').executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto('users')
    .values({ name: 'Rule engine (scheduler)', role: SYSTEM_ROLE, password_hash: null, active: 0, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
