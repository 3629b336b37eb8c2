import type { Kysely } from 'kysely';
import { fieldError } from '../../shared/errors';
import type { Database } from '../db/schema';

/** Per-user screen preferences (the tracking table's column layout, the language), as JSON. */
export async function getPref(db: Kysely<Database>, userId: number, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('prefs')
    .select('value')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? JSON.parse(row.value) : null;
}

export async function setPref(db: Kysely<Database>, userId: number, key: string, value: unknown): Promise<void> {
  const v = JSON.stringify(value);
  if (v.length > 64_000) throw fieldError('value', 'too_big', 'a preference holds at most 64,000 characters', { max: 64_000 });
  await db
    .insertInto('prefs')
    .values({ user_id: userId, key, value: v })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value: v }))
    .execute();
}
