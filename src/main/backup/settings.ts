import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendEvents } from '../services/audit';

/**
 * The backup settings: the `backup` row of the settings table (like the mail settings). The folder,
 * daily backups on or off, and how many daily backups rotation keeps. Saved by the administrator,
 * audited on no case with before and after (they hold no secret).
 */

export const BACKUP_SETTINGS_KEY = 'backup';

export interface StoredBackupSettings {
  folder: string | null;
  daily: boolean;
  keep: number;
}

export const DEFAULT_BACKUP_SETTINGS: StoredBackupSettings = { folder: null, daily: false, keep: 7 };

export async function readBackupSettings(db: Kysely<Database>): Promise<StoredBackupSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', BACKUP_SETTINGS_KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_BACKUP_SETTINGS };
  const v = JSON.parse(row.value) as Partial<StoredBackupSettings>;
  return {
    folder: typeof v.folder === 'string' ? v.folder : null,
    daily: v.daily === true,
    keep: typeof v.keep === 'number' && v.keep >= 1 ? v.keep : DEFAULT_BACKUP_SETTINGS.keep,
  };
}

export async function writeBackupSettings(db: Kysely<Database>, next: StoredBackupSettings, who: { userId: number; now: Date }): Promise<void> {
  const before = await readBackupSettings(db);
  const value = JSON.stringify(next);
  await db
    .insertInto('settings')
    .values({ key: BACKUP_SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  if (JSON.stringify(before) !== value) {
    await appendEvents(db, who.userId, who.now, [{ complaintId: null, kind: 'backup_settings_changed', field: 'backup', before, after: next }]);
  }
}
