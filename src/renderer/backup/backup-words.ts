import type { TFunction } from 'i18next';
import type { BackupInfo, BackupProblem } from '../../shared/data-io';
import { ApiError } from '../../shared/errors';

/** Words of the backup page: sizes, a backup's state and why one cannot be restored. */

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function problemText(t: TFunction, p: BackupProblem | null): string {
  if (!p) return '';
  return t(`backup.problem.${p.code}`, { file: p.file ?? '' }) + (p.code === 'damaged' && p.file ? ` ${t('backup.problem.file', { file: p.file })}` : '');
}

export function statusColor(s: BackupInfo['status']): string {
  return s === 'good' ? 'success' : s === 'unverified' ? 'default' : s === 'newer_version' ? 'warning' : 'error';
}

/**
 * The page's own words for the refusals it expects (a backup that cannot be restored, a folder that
 * is not there); null for anything else (the common error display takes it).
 */
export function backupErrorText(t: TFunction, e: unknown): string | null {
  if (!(e instanceof ApiError) || e.code !== 'VALIDATION') return null;
  const issue = e.issues[0];
  if (!issue) return null;
  const m = /^backup_(incomplete|damaged|newer_version)$/.exec(issue.code);
  if (m) return problemText(t, { code: m[1] as BackupProblem['code'], ...(issue.params?.file ? { file: String(issue.params.file) } : {}) });
  if (issue.code.startsWith('backup_folder_')) return t(`backup.issue.${issue.code}`, { folder: issue.params?.folder ?? '', defaultValue: issue.message });
  return null;
}
