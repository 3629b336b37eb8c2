import type { Kysely } from 'kysely';
import type { CaseSection, ComplaintState, Role } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import type { Blocker, CaseFile } from '../../shared/types';
import type { ComplaintUpdate, Database } from '../db/schema';
import { canEdit } from '../rules/case-edits';
import { appendEvents, type AuditEntry } from './audit';
import { getCaseFile } from './case-file';

/**
 * The common path of every change to a case: load it, refuse a stale version, check that this
 * person may change this part in this state, write, bump the version, append the events.
 */

export interface Actor {
  db: Kysely<Database>;
  userId: number;
  role: Role;
  now: Date;
}

/** A refusal whose reasons the screen can translate: issues on the path `workflow`. */
export function refused(reasons: Blocker[]): ApiError {
  return new ApiError(
    'FORBIDDEN',
    reasons.map((r) => r.message).join('; '),
    reasons.map((r) => ({ path: 'workflow', code: r.code, message: r.message, ...(r.params ? { params: r.params } : {}) })),
  );
}

export async function loadForChange(a: Actor, id: number, version: number, section: CaseSection | null): Promise<CaseFile> {
  const file = await getCaseFile(a.db, id);
  if (file.version !== version) {
    throw new ApiError(
      'CONFLICT',
      `complaint ${file.trackingNo} was changed by someone else (version ${file.version}, you edited ${version}); reload it and make your change again`,
    );
  }
  if (section) {
    const b = canEdit(section, file.state as ComplaintState, a.role);
    if (b) throw refused([b]);
  }
  return file;
}

/** Writes the case row's changes (if any), bumps its version and appends the events. */
export async function commitChange(a: Actor, file: CaseFile, set: ComplaintUpdate, events: AuditEntry[]): Promise<void> {
  const r = await a.db
    .updateTable('complaints')
    .set({ ...set, updated_at: a.now.toISOString(), version: file.version + 1 })
    .where('id', '=', file.id)
    .where('version', '=', file.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `complaint ${file.trackingNo} was changed by someone else; reload it`);
  await appendEvents(a.db, a.userId, a.now, events);
}
