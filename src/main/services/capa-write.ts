import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Capa, CapaState } from '../../shared/analysis';
import { ApiError, fieldError } from '../../shared/errors';
import type { capaCreateSchema, capaStepSchema, capaUpdateSchema } from '../../shared/schemas/analysis';
import type { Database } from '../db/schema';
import { capaStepTarget, checkCapaEdit, checkCapaStep } from '../rules/capa-steps';
import { appendEvents, type AuditEntry } from './audit';
import { refused, type Actor } from './case-change';
import { getCapa, officeToday } from './capa';
import { SYSTEM_ROLE } from './users';
import { nextFreeNumber } from './sequences';

/**
 * Creating, editing and stepping CAPAs. Every write checks the CAPA's own version (a stale one is
 * CONFLICT), writes the office's audit trail (events on no case, kind `capa`), and one event on each
 * case linked or unlinked (kind `capa_link`) so that the case's timeline shows it. Linking does not
 * change the case itself: its version is not bumped, so nobody editing the case is interrupted.
 */

type CreateInput = z.output<typeof capaCreateSchema>;
type UpdateInput = z.output<typeof capaUpdateSchema>;
type StepInput = z.output<typeof capaStepSchema>;
type ActionInput = CreateInput['actions'][number];

/** What a write did, for the handler's events to the screens. */
export interface CapaWrite {
  capa: Capa;
  /** Cases linked or unlinked: their timelines changed. */
  touchedCases: number[];
}

/** CAPA numbers `CAPA-YYYY-NNN`, counted per year of the office calendar in `sequences`. */
export async function nextCapaNo(db: Kysely<Database>, today: string): Promise<string> {
  const key = `CAPA-${today.slice(0, 4)}`;
  return nextFreeNumber(db, key, (n) => `${key}-${String(n).padStart(3, '0')}`, async (no) =>
    Boolean(await db.selectFrom('capas').select('id').where('capa_no', '=', no).executeTakeFirst()),
  );
}

/** Owners must be active people (not the scheduler's own profile); linked cases must exist. */
async function checkReferences(db: Kysely<Database>, i: Pick<CreateInput, 'ownerId' | 'actions' | 'caseIds'>): Promise<void> {
  const owners = [i.ownerId, ...i.actions.map((x) => x.ownerId)].filter((x): x is number => x !== null);
  if (owners.length) {
    const found = new Set(
      (await db.selectFrom('users').select('id').where('id', 'in', [...new Set(owners)]).where('active', '=', 1).where('role', '!=', SYSTEM_ROLE).execute()).map(
        (r) => r.id,
      ),
    );
    if (i.ownerId !== null && !found.has(i.ownerId)) throw fieldError('ownerId', 'unknown_user', `no active profile with id ${i.ownerId}`);
    i.actions.forEach((x, k) => {
      if (x.ownerId !== null && !found.has(x.ownerId)) throw fieldError(`actions.${k}.ownerId`, 'unknown_user', `no active profile with id ${x.ownerId}`);
    });
  }
  const ids = [...new Set(i.caseIds)];
  if (ids.length) {
    const found = new Set((await db.selectFrom('complaints').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    const missing = ids.filter((x) => !found.has(x));
    if (missing.length) throw fieldError('caseIds', 'unknown_case', `no complaint with id ${missing.join(', ')}`, { ids: missing.join(', ') });
  }
}

const actionView = (x: { description: string; ownerId: number | null; dueOn: string; done: boolean }) => ({
  description: x.description,
  ownerId: x.ownerId,
  dueOn: x.dueOn,
  done: x.done,
});

const linkEvent = (complaintId: number, field: 'link' | 'unlink', c: { id: number; capaNo: string; title: string; kind: string }): AuditEntry => {
  const v = { capaId: c.id, capaNo: c.capaNo, title: c.title, kind: c.kind };
  return { complaintId, kind: 'capa_link', field, before: field === 'unlink' ? v : null, after: field === 'link' ? v : null };
};

async function insertActions(db: Kysely<Database>, capaId: number, actions: ActionInput[], today: string, from = 0): Promise<void> {
  if (!actions.length) return;
  await db
    .insertInto('capa_actions')
    .values(
      actions.map((x, k) => ({
        capa_id: capaId,
        position: from + k,
        description: x.description,
        owner_id: x.ownerId,
        due_on: x.dueOn,
        state: x.done ? 'done' : 'open',
        done_on: x.done ? today : null,
      })),
    )
    .execute();
}

export async function createCapa(a: Actor, i: CreateInput): Promise<CapaWrite> {
  await checkReferences(a.db, i);
  const today = await officeToday(a.db, a.now);
  const capaNo = await nextCapaNo(a.db, today);
  const ts = a.now.toISOString();
  const { id } = await a.db
    .insertInto('capas')
    .values({
      capa_no: capaNo,
      kind: i.kind,
      state: 'open',
      title: i.title,
      problem: i.problem,
      root_cause: i.rootCause,
      source: i.source ? JSON.stringify(i.source) : null,
      owner_id: i.ownerId,
      due_on: i.dueOn,
      effectiveness_due_on: i.effectivenessDueOn,
      effectiveness_checked_on: null,
      effectiveness: null,
      effectiveness_note: null,
      overdue_notified_at: null,
      created_by: a.userId,
      created_at: ts,
      updated_at: ts,
      version: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertActions(a.db, id, i.actions, today);
  const caseIds = [...new Set(i.caseIds)];
  if (caseIds.length) await a.db.insertInto('capa_cases').values(caseIds.map((c) => ({ capa_id: id, complaint_id: c }))).execute();
  const ref = { id, capaNo, title: i.title, kind: i.kind };
  await appendEvents(a.db, a.userId, a.now, [
    {
      complaintId: null,
      kind: 'capa',
      field: 'create',
      before: null,
      after: {
        capaId: id,
        capaNo,
        kind: i.kind,
        title: i.title,
        state: 'open',
        ownerId: i.ownerId,
        dueOn: i.dueOn,
        source: i.source,
        actions: i.actions.map(actionView),
        caseIds,
      },
    },
    ...caseIds.map((c) => linkEvent(c, 'link', ref)),
  ]);
  return { capa: await getCapa(a.db, id, a.now), touchedCases: caseIds };
}

function staleCheck(c: Capa, version: number): void {
  if (c.version !== version) {
    throw new ApiError('CONFLICT', `${c.capaNo} was changed by someone else (version ${c.version}, you edited ${version}); reload it and make your change again`);
  }
}

async function bump(a: Actor, c: Capa, set: Record<string, string | number | null>): Promise<void> {
  const r = await a.db
    .updateTable('capas')
    .set({ ...set, updated_at: a.now.toISOString(), version: c.version + 1 })
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `${c.capaNo} was changed by someone else; reload it`);
}

const SCALARS = ['kind', 'title', 'problem', 'rootCause', 'ownerId', 'dueOn', 'effectivenessDueOn'] as const;

/**
 * Saves the whole record: fields, the list of actions (an action with an id is kept and updated, one
 * without is added, one left out is removed) and the linked cases. An action marked done gets
 * today's date when it becomes done and keeps it while it stays done.
 */
export async function updateCapa(a: Actor, i: UpdateInput): Promise<CapaWrite> {
  const c = await getCapa(a.db, i.capaId, a.now);
  staleCheck(c, i.version);
  const blockers = checkCapaEdit(c.state, a.role, i.actions);
  if (blockers.length) throw refused(blockers);
  await checkReferences(a.db, i);
  const known = new Map(c.actions.map((x) => [x.id, x]));
  i.actions.forEach((x, k) => {
    if (x.id !== null && !known.has(x.id)) throw fieldError(`actions.${k}.id`, 'unknown_action', `${c.capaNo} has no action with id ${x.id}`);
  });
  const seen = new Set<number>();
  i.actions.forEach((x, k) => {
    if (x.id === null) return;
    if (seen.has(x.id)) throw fieldError(`actions.${k}.id`, 'duplicate_action', `action ${x.id} is listed twice`);
    seen.add(x.id);
  });

  const wanted = [...new Set(i.caseIds)];
  const linked = wanted.filter((x) => !c.caseIds.includes(x));
  const unlinked = c.caseIds.filter((x) => !wanted.includes(x));

  // The office's event names what changed, before → after.
  const before: Record<string, unknown> = { capaNo: c.capaNo };
  const after: Record<string, unknown> = { capaNo: c.capaNo };
  for (const f of SCALARS) {
    if (JSON.stringify(c[f]) !== JSON.stringify(i[f])) {
      before[f] = c[f];
      after[f] = i[f];
    }
  }
  const oldActions = c.actions.map((x) => actionView({ ...x, done: x.state === 'done' }));
  const newActions = i.actions.map(actionView);
  if (JSON.stringify(oldActions) !== JSON.stringify(newActions)) {
    before.actions = oldActions;
    after.actions = newActions;
  }
  if (linked.length || unlinked.length) {
    before.caseIds = c.caseIds;
    after.caseIds = wanted;
  }
  // A save that changes nothing leaves nothing: no new version, no event.
  if (Object.keys(after).length === 1) return { capa: c, touchedCases: [] };

  const today = await officeToday(a.db, a.now);
  await bump(a, c, {
    kind: i.kind,
    title: i.title,
    problem: i.problem,
    root_cause: i.rootCause,
    owner_id: i.ownerId,
    due_on: i.dueOn,
    effectiveness_due_on: i.effectivenessDueOn,
  });

  // Actions: removed, kept (updated in place, positions follow the list), added.
  const removed = c.actions.filter((x) => !seen.has(x.id)).map((x) => x.id);
  if (removed.length) await a.db.deleteFrom('capa_actions').where('id', 'in', removed).execute();
  for (const [k, x] of i.actions.entries()) {
    if (x.id === null) continue;
    const was = known.get(x.id)!;
    await a.db
      .updateTable('capa_actions')
      .set({
        position: k,
        description: x.description,
        owner_id: x.ownerId,
        due_on: x.dueOn,
        state: x.done ? 'done' : 'open',
        done_on: x.done ? (was.doneOn ?? today) : null,
      })
      .where('id', '=', x.id)
      .execute();
  }
  for (const [k, x] of i.actions.entries()) if (x.id === null) await insertActions(a.db, c.id, [x], today, k);

  // Linked cases.
  if (linked.length) await a.db.insertInto('capa_cases').values(linked.map((x) => ({ capa_id: c.id, complaint_id: x }))).execute();
  if (unlinked.length) await a.db.deleteFrom('capa_cases').where('capa_id', '=', c.id).where('complaint_id', 'in', unlinked).execute();

  const ref = { id: c.id, capaNo: c.capaNo, title: i.title, kind: i.kind };
  await appendEvents(a.db, a.userId, a.now, [
    { complaintId: null, kind: 'capa', field: 'update', before: { capaId: c.id, ...before }, after: { capaId: c.id, ...after } },
    ...linked.map((x) => linkEvent(x, 'link', ref)),
    ...unlinked.map((x) => linkEvent(x, 'unlink', ref)),
  ]);
  return { capa: await getCapa(a.db, c.id, a.now), touchedCases: [...linked, ...unlinked] };
}

/**
 * start, to_check, close (with the effectiveness check), cancel (with the reason, kept in the audit
 * trail), reopen. See rules/capa-steps.ts for what each needs and where it leads.
 */
export async function stepCapa(a: Actor, i: StepInput): Promise<CapaWrite> {
  const c = await getCapa(a.db, i.capaId, a.now);
  staleCheck(c, i.version);
  const today = await officeToday(a.db, a.now);
  const reasons = checkCapaStep(i.action, { state: c.state, rootCause: c.rootCause, actions: c.actions.map((x) => ({ done: x.state === 'done' })) }, a.role, i, today);
  if (reasons.length) throw refused(reasons);
  const to: CapaState = capaStepTarget(i.action, c.state, i.effectiveness);
  const set: Record<string, string | number | null> = { state: to };
  const detail: Record<string, unknown> = {};
  if (i.action === 'close') {
    Object.assign(set, { effectiveness: i.effectiveness, effectiveness_checked_on: i.checkedOn, effectiveness_note: i.note });
    Object.assign(detail, { effectiveness: i.effectiveness, checkedOn: i.checkedOn, note: i.note });
  } else if (i.note) detail.note = i.note;
  await bump(a, c, set);
  await appendEvents(a.db, a.userId, a.now, [
    {
      complaintId: null,
      kind: 'capa',
      field: i.action,
      before: { capaId: c.id, capaNo: c.capaNo, state: c.state },
      after: { capaId: c.id, capaNo: c.capaNo, state: to, ...detail },
    },
  ]);
  return { capa: await getCapa(a.db, c.id, a.now), touchedCases: [] };
}
