import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Appends to the audit trail. Every change to a case is an event (who, when, what, before → after);
 * the case timeline reads the same rows. The table refuses UPDATE and DELETE (see the migration).
 */
export interface AuditEntry {
  complaintId: number | null;
  kind: string;
  field?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function appendEvents(
  db: Kysely<Database>,
  actorId: number,
  at: Date,
  entries: AuditEntry[],
): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('events')
    .values(
      entries.map((e) => ({
        complaint_id: e.complaintId,
        at: at.toISOString(),
        actor_id: actorId,
        kind: e.kind,
        field: e.field ?? null,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
      })),
    )
    .execute();
}
