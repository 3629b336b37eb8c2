import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Role } from '../../shared/domain';
import { ApiError, fieldError } from '../../shared/errors';
import { DEFAULT_DEPARTMENTS } from '../../shared/departments';
import type { Department, UserProfile } from '../../shared/types';
import type { Database } from '../db/schema';

/**
 * Local profiles and departments. On a shared office PC people choose who is working; a profile
 * may have a password (scrypt). Departments are what responsibility and costs are assigned to.
 */

const scrypt = (pw: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((ok, fail) => scryptCb(pw, salt, keylen, opts, (e, k) => (e ? fail(e) : ok(k))));
const SCRYPT = { N: 16384, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(got, expected);
}

/** Departments of seed 002 §3 and §5.3 (shared: the screen translates them until renamed). */
export { DEFAULT_DEPARTMENTS };

export async function ensureDefaultDepartments(db: Kysely<Database>, now: Date): Promise<void> {
  const any = await db.selectFrom('departments').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('departments')
    .values(DEFAULT_DEPARTMENTS.map(([code, name]) => ({ code, name, created_at: now.toISOString() })))
    .execute();
}

export async function listDepartments(db: Kysely<Database>): Promise<Department[]> {
  const rows = await db.selectFrom('departments').select(['id', 'code', 'name', 'active']).orderBy('id').execute();
  return rows.map((d) => ({ ...d, active: d.active === 1 }));
}

export async function saveDepartment(
  db: Kysely<Database>,
  input: { id?: number | undefined; name: string; active: boolean },
  now: Date,
): Promise<Department> {
  const clash = await db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', input.name)
    .$if(input.id !== undefined, (q) => q.where('id', '!=', input.id!))
    .executeTakeFirst();
  if (clash) throw fieldError('name', 'duplicate', 'a department with this name exists');
  if (input.id === undefined) {
    const code = `custom-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
    const r = await db
      .insertInto('departments')
      .values({ code, name: input.name, active: input.active ? 1 : 0, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await listDepartments(db)).find((d) => d.id === r.id)!;
  }
  const current = await db.selectFrom('departments').select(['name', 'code']).where('id', '=', input.id).executeTakeFirst();
  if (!current) throw fieldError('id', 'not_found', `no department with id ${input.id}`);
  await db
    .updateTable('departments')
    .set({ name: input.name, active: input.active ? 1 : 0 })
    .where('id', '=', input.id)
    .execute();
  return (await listDepartments(db)).find((d) => d.id === input.id)!;
}

export async function listProfiles(db: Kysely<Database>, includeInactive = false): Promise<UserProfile[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'department_id as departmentId', 'active', 'password_hash'])
    // The scheduler's own profile (users.ts SYSTEM_ROLE) is nobody's to see or edit.
    .where('role', '!=', 'system')
    .$if(!includeInactive, (q) => q.where('active', '=', 1))
    .orderBy('id')
    .execute();
  return rows.map(({ password_hash, ...u }) => ({ ...u, role: u.role as Role, active: u.active === 1, hasPassword: !!password_hash }));
}

async function checkDepartment(db: Kysely<Database>, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const d = await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
  if (!d) throw fieldError('departmentId', 'not_found', `no department with id ${id}`);
}

export async function createProfile(
  db: Kysely<Database>,
  input: { name: string; role: Role; departmentId: number | null; password: string | null },
  now: Date,
): Promise<UserProfile> {
  await checkDepartment(db, input.departmentId);
  const r = await db
    .insertInto('users')
    .values({
      name: input.name,
      role: input.role,
      department_id: input.departmentId,
      password_hash: input.password ? await hashPassword(input.password) : null,
      active: 1,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listProfiles(db, true)).find((u) => u.id === r.id)!;
}

export async function updateProfile(
  db: Kysely<Database>,
  input: { id: number; name?: string | undefined; role?: Role | undefined; departmentId?: number | null | undefined; active?: boolean | undefined; password?: string | null | undefined },
): Promise<UserProfile> {
  const u = await db.selectFrom('users').select(['id', 'role', 'active']).where('id', '=', input.id).where('role', '!=', 'system').executeTakeFirst();
  if (!u) throw fieldError('id', 'not_found', `no profile with id ${input.id}`);
  await checkDepartment(db, input.departmentId);
  const losesAdmin = u.role === 'admin' && u.active === 1 && ((input.role && input.role !== 'admin') || input.active === false);
  if (losesAdmin) {
    const admins = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).where('role', '=', 'admin').where('active', '=', 1).executeTakeFirstOrThrow();
    if (Number(admins.n) <= 1) throw new ApiError('CONFLICT', 'this is the last active administrator; name another one first');
  }
  await db
    .updateTable('users')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.password !== undefined ? { password_hash: input.password ? await hashPassword(input.password) : null } : {}),
    })
    .where('id', '=', input.id)
    .execute();
  return (await listProfiles(db, true)).find((x) => x.id === input.id)!;
}

/** Checks a profile switch: the profile must be active, and its password right if it has one. */
export async function checkSwitch(db: Kysely<Database>, userId: number, password: string | null | undefined): Promise<void> {
  const u = await db.selectFrom('users').select(['password_hash', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!u || u.active !== 1) throw fieldError('userId', 'not_found', 'no such active profile');
  if (u.password_hash && !(password && (await verifyPassword(password, u.password_hash)))) {
    throw fieldError('password', 'wrong_password', 'the password is not right');
  }
}
