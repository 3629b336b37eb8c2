import { zonedParts } from '../../shared/dates';
import type { BackupKind } from '../../shared/data-io';

/**
 * A backup is a folder `AfterSalesDesk-backup-YYYYMMDD-HHmmss[-daily|-safety]` (office time) inside
 * the chosen folder; a second one within the same second gets `-2`, `-3`… Only folders named so and
 * carrying our manifest are ever listed, rotated or restored: nothing else in the folder is touched.
 */

export const BACKUP_PREFIX = 'AfterSalesDesk-backup-';
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_DB_FILE = 'after-sales-desk.db';
export const ATTACHMENTS_DIR = 'attachments';
/** Where a safety backup goes when no backup folder is set: inside the data folder. */
export const SAFETY_DIR = 'safety-backups';

const NAME = /^AfterSalesDesk-backup-(\d{8})-(\d{6})(?:-(daily|safety))?(?:-(\d+))?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function backupName(at: Date, timeZone: string, kind: BackupKind, n = 1): string {
  const p = zonedParts(at, timeZone);
  const stamp = `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
  return `${BACKUP_PREFIX}${stamp}${kind === 'manual' ? '' : `-${kind}`}${n > 1 ? `-${n}` : ''}`;
}

/** The kind a folder's name says, or null when it is not one of ours. */
export function parseBackupName(name: string): { kind: BackupKind; stamp: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  return { kind: (m[3] as BackupKind | undefined) ?? 'manual', stamp: `${m[1]}-${m[2]}` };
}
