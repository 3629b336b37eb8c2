import type { Insertable, Kysely } from 'kysely';
import type { Priority } from '../../shared/engine';
import type { Database, RuleFiringsTable } from '../db/schema';
import type { EscalationLevel } from '../../shared/schemas/rules-escalation';
import { diffEscalation, levelRank, type Firing } from '../rules/escalation';
import { appendEvents, type AuditEntry } from './audit';
import type { Computed } from './engine-compute';
import type { EngineRow, RecordedFiring } from './engine-load';
import { notify, roleDirectory, type Notice, type Notified } from './notifications';

/**
 * Turning an evaluation into writes, the same for one case (inside the change's transaction) and for
 * a page of the scheduler: firings recorded with `diffEscalation` (new ones inserted, lifted ones
 * cleared, unchanged ones kept — so evaluating twice writes nothing the second time), an
 * `escalation` event per change naming the rule, its version and the reason sentence, notifications
 * for the roles the rule names, and the case's level, priority and review flag from what is active.
 */

export interface ChangePlan {
  id: number;
  /** The case version the evaluation read: the scheduler skips a case someone changed since. */
  version: number;
  set: Record<string, string | number | null>;
  firingInserts: Array<Insertable<RuleFiringsTable>>;
  firingClears: number[];
  events: AuditEntry[];
  notices: Notice[];
}

interface Active {
  firing: Firing;
  reviewedAt: string | null;
  reviewedBy: number | null;
}

const summaryOf = (f: Firing) => ({ rule: f.ruleId, name: f.ruleName, version: f.ruleVersion, level: f.level, reason: f.reason.message, code: f.reason.code, params: f.reason.params });

const insertOf = (id: number, f: Firing, now: string, reviewed: Pick<Active, 'reviewedAt' | 'reviewedBy'>): Insertable<RuleFiringsTable> => ({
  complaint_id: id,
  rule_id: f.ruleId,
  rule_version: f.ruleVersion,
  rule_name: f.ruleName,
  level: f.level,
  reason: JSON.stringify({ ...f.reason, details: f.details }),
  actions: JSON.stringify(f.actions),
  deescalate: f.deescalate ? 1 : 0,
  fired_at: now,
  cleared_at: null,
  reviewed_at: reviewed.reviewedAt,
  reviewed_by: reviewed.reviewedBy,
});

/**
 * Level, priority and review flag from the firings that stay active: what `combine` says of them,
 * computed without its reasons (the minute's pass asks it of every case, and reasons are parsed lazily).
 */
export function effectOf(active: ReadonlyArray<Active>): { escalation_level: string | null; priority: Priority; management_review: number } {
  let level: EscalationLevel | null = null;
  let raise = false;
  let review = false;
  for (const { firing: f, reviewedAt } of active) {
    if (level === null || levelRank(f.level) > levelRank(level)) level = f.level;
    raise ||= f.actions.raisePriority;
    // Reviewed firings stay recorded (and keep the level) but are off management's list.
    review ||= f.actions.managementReview && reviewedAt === null;
  }
  return { escalation_level: level, priority: raise ? 'high' : 'normal', management_review: review ? 1 : 0 };
}

/**
 * What to write for one case, or null when nothing changed. `next` null means the batch found the
 * recorded firings still right (isQuiet): only the columns are compared.
 */
export function planChanges(row: EngineRow, computed: Computed, recorded: readonly RecordedFiring[], next: readonly Firing[] | null, now: Date): ChangePlan | null {
  const ts = now.toISOString();
  const plan: ChangePlan = { id: row.id, version: row.version, set: {}, firingInserts: [], firingClears: [], events: [...computed.events], notices: [] };
  let active: Active[] = recorded.map((f) => ({ firing: f, reviewedAt: f.reviewedAt, reviewedBy: f.reviewedBy }));
  const tell = (f: Firing) => {
    if (f.actions.notify.length) {
      plan.notices.push({
        roles: f.actions.notify,
        complaintId: row.id,
        kind: 'escalation',
        payload: { trackingNo: row.tracking_no, ruleId: f.ruleId, ruleName: f.ruleName, ruleVersion: f.ruleVersion, level: f.level, reason: f.reason },
      });
    }
  };
  if (next) {
    const diff = diffEscalation(recorded, next);
    const lifted = new Set<Firing>(diff.deescalate);
    const revised = new Map<Firing, Firing>(diff.revised.map((r) => [r.previous, r.next]));
    const kept: Active[] = [];
    for (const f of recorded) {
      if (lifted.has(f)) {
        plan.firingClears.push(f.rowId);
        plan.events.push({ complaintId: row.id, kind: 'escalation', field: f.ruleId, before: summaryOf(f), after: null });
        continue;
      }
      const n = revised.get(f);
      if (!n) {
        kept.push({ firing: f, reviewedAt: f.reviewedAt, reviewedBy: f.reviewedBy });
        continue;
      }
      // A new wording or level of a rule that still holds: a new record; management sees it again only if it rose.
      const rose = levelRank(n.level) > levelRank(f.level);
      const reviewed = rose ? { reviewedAt: null, reviewedBy: null } : { reviewedAt: f.reviewedAt, reviewedBy: f.reviewedBy };
      plan.firingClears.push(f.rowId);
      plan.firingInserts.push(insertOf(row.id, n, ts, reviewed));
      plan.events.push({ complaintId: row.id, kind: 'escalation', field: n.ruleId, before: summaryOf(f), after: summaryOf(n) });
      if (rose) tell(n);
      kept.push({ firing: n, ...reviewed });
    }
    for (const f of diff.escalate) {
      plan.firingInserts.push(insertOf(row.id, f, ts, { reviewedAt: null, reviewedBy: null }));
      plan.events.push({ complaintId: row.id, kind: 'escalation', field: f.ruleId, before: null, after: summaryOf(f) });
      tell(f);
      kept.push({ firing: f, reviewedAt: null, reviewedBy: null });
    }
    active = kept;
  }
  const current = row as unknown as Record<string, string | number | null>;
  const set = (k: string, v: string | number | null | undefined, before: string | number | null) => {
    if (v !== undefined && v !== before) plan.set[k] = v;
  };
  for (const k in computed.columns) {
    const v = computed.columns[k as keyof typeof computed.columns];
    // The recorded warranty decision is not on the row (engine-load.ts): a full evaluation compares it here.
    set(k, v, k === 'warranty_reason' ? computed.warrantyBefore : current[k]!);
  }
  const e = effectOf(active);
  set('escalation_level', e.escalation_level, row.escalation_level);
  set('priority', e.priority, row.priority);
  set('management_review', e.management_review, row.management_review);
  const empty = !Object.keys(plan.set).length && !plan.firingInserts.length && !plan.firingClears.length && !plan.events.length;
  return empty ? null : plan;
}

/**
 * Writes the plans in the caller's transaction. With `checkVersion`, a case whose version moved
 * since it was read is skipped: the change that moved it evaluated it already.
 */
export async function writePlans(
  db: Kysely<Database>,
  plans: readonly ChangePlan[],
  actorId: number,
  now: Date,
  opts: { checkVersion: boolean; directory?: Map<string, number[]> },
): Promise<{ written: ChangePlan[]; notified: Notified }> {
  let todo = plans;
  if (opts.checkVersion && plans.length) {
    const versions = new Map(
      (await db.selectFrom('complaints').select(['id', 'version']).where('id', 'in', plans.map((p) => p.id)).execute()).map((r) => [r.id, r.version]),
    );
    todo = plans.filter((p) => versions.get(p.id) === p.version);
  }
  const ts = now.toISOString();
  for (const p of todo) {
    if (Object.keys(p.set).length) await db.updateTable('complaints').set(p.set).where('id', '=', p.id).execute();
  }
  const clears = todo.flatMap((p) => p.firingClears);
  for (let i = 0; i < clears.length; i += 500) {
    await db.updateTable('rule_firings').set({ cleared_at: ts }).where('id', 'in', clears.slice(i, i + 500)).execute();
  }
  const inserts = todo.flatMap((p) => p.firingInserts);
  for (let i = 0; i < inserts.length; i += 200) await db.insertInto('rule_firings').values(inserts.slice(i, i + 200)).execute();
  const events = todo.flatMap((p) => p.events);
  for (let i = 0; i < events.length; i += 500) await appendEvents(db, actorId, now, events.slice(i, i + 500));
  const notices = todo.flatMap((p) => p.notices);
  const notified = notices.length ? await notify(db, now, notices, opts.directory ?? (await roleDirectory(db))) : { roles: [], userIds: [] };
  return { written: [...todo], notified };
}
