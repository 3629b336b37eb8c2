import type { Kysely } from 'kysely';
import { DEFAULT_TIME_ZONE } from '../../shared/dates';
import type { Settings } from '../../shared/types';
import type { Database } from '../db/schema';
import { DEFAULT_TRACKING_FORMAT } from '../rules/tracking-number';

/** Office-wide settings, stored as JSON per key; absent keys fall back to these defaults. */
export const DEFAULT_SETTINGS: Settings = {
  trackingNumberFormat: DEFAULT_TRACKING_FORMAT,
  officeTimeZone: DEFAULT_TIME_ZONE,
  chairmanCostThreshold: 1_000_000, // ¥10,000.00
  baseCurrency: 'CNY',
};

export async function getSettings(db: Kysely<Database>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (r.key in out) (out as unknown as Record<string, unknown>)[r.key] = JSON.parse(r.value);
  }
  return out;
}

export async function updateSettings(db: Kysely<Database>, patch: Partial<Settings>): Promise<Settings> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
  return getSettings(db);
}

/** Internal flags (not user settings) share the table under a `sys.` prefix. */
export async function getFlag(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', `sys.${key}`).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}

export async function setFlag(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  const v = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key: `sys.${key}`, value: v })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: v }))
    .execute();
}
