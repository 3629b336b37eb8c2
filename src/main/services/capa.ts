import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Capa, CapaAction, CapaActionState, CapaEffectiveness, CapaKind, CapaState } from '../../shared/analysis';
import { calendarDateOf } from '../../shared/dates';
import { ApiError } from '../../shared/errors';
import type { capaListSchema } from '../../shared/schemas/analysis';
import type { Paged } from '../../shared/service';
import type { Database } from '../db/schema';
import { ACTIVE_CAPA_STATES, isCapaOverdue } from '../rules/capa-steps';
import { getSettings } from './settings';

/**
 * Corrective and preventive actions (issue 7; seed 001: Pareto analysis of repairs and returns is
 * reported to production, technology and management as the basis for corrective and preventive
 * action): reading them. Writes are in capa-write.ts, the scheduler's overdue escalation in
 * capa-overdue.ts. A CAPA has its own number (CAPA-YYYY-NNN), version, actions and linked cases.
 */

/** The office's calendar date now: due dates are calendar dates in the office time zone. */
export async function officeToday(db: Kysely<Database>, now: Date): Promise<string> {
  return calendarDateOf(now, (await getSettings(db)).officeTimeZone);
}

const capaRows = (db: Kysely<Database>) =>
  db
    .selectFrom('capas')
    .leftJoin('users as owner', 'owner.id', 'capas.owner_id')
    .innerJoin('users as creator', 'creator.id', 'capas.created_by')
    .selectAll('capas')
    .select(['owner.name as owner_name', 'creator.name as creator_name']);
type CapaRow = Awaited<ReturnType<ReturnType<typeof capaRows>['execute']>>[number];

/** The same overdue rule as isCapaOverdue, as SQL over `capas` (for the list filter and the scheduler). */
export function overdueSql(today: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref('capas.state')} IN (${sql.join(ACTIVE_CAPA_STATES)}) AND (
    (${sql.ref('capas.due_on')} IS NOT NULL AND ${sql.ref('capas.due_on')} < ${today})
    OR (${sql.ref('capas.state')} = 'effectiveness_check' AND ${sql.ref('capas.effectiveness_due_on')} IS NOT NULL AND ${sql.ref('capas.effectiveness_due_on')} < ${today})
    OR EXISTS (SELECT 1 FROM capa_actions a WHERE a.capa_id = ${sql.ref('capas.id')} AND a.state = 'open' AND a.due_on < ${today})))`;
}

/** Turns rows into CAPAs, reading the actions and the linked cases of all of them at once. */
async function assemble(db: Kysely<Database>, rows: CapaRow[], today: string): Promise<Capa[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const actions = await db
    .selectFrom('capa_actions')
    .leftJoin('users', 'users.id', 'capa_actions.owner_id')
    .select([
      'capa_actions.id',
      'capa_actions.capa_id',
      'capa_actions.description',
      'capa_actions.owner_id',
      'users.name as owner_name',
      'capa_actions.due_on',
      'capa_actions.state',
      'capa_actions.done_on',
    ])
    .where('capa_actions.capa_id', 'in', ids)
    .orderBy('capa_actions.capa_id')
    .orderBy('capa_actions.position')
    .execute();
  const cases = await db
    .selectFrom('capa_cases')
    .innerJoin('complaints', 'complaints.id', 'capa_cases.complaint_id')
    .select(['capa_cases.capa_id', 'complaints.id', 'complaints.tracking_no'])
    .where('capa_cases.capa_id', 'in', ids)
    .orderBy('complaints.tracking_no')
    .execute();
  return rows.map((r) => {
    const state = r.state as CapaState;
    const own = actions
      .filter((a) => a.capa_id === r.id)
      .map(
        (a): CapaAction => ({
          id: a.id,
          description: a.description,
          ownerId: a.owner_id,
          ownerName: a.owner_name,
          dueOn: a.due_on,
          state: a.state as CapaActionState,
          doneOn: a.done_on,
          overdue: ACTIVE_CAPA_STATES.includes(state) && a.state === 'open' && a.due_on < today,
        }),
      );
    const linked = cases.filter((c) => c.capa_id === r.id);
    const capa: Capa = {
      id: r.id,
      capaNo: r.capa_no,
      kind: r.kind as CapaKind,
      state,
      title: r.title,
      problem: r.problem,
      rootCause: r.root_cause,
      source: r.source ? (JSON.parse(r.source) as Capa['source']) : null,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      dueOn: r.due_on,
      effectivenessDueOn: r.effectiveness_due_on,
      effectivenessCheckedOn: r.effectiveness_checked_on,
      effectiveness: r.effectiveness as CapaEffectiveness | null,
      effectivenessNote: r.effectiveness_note,
      actions: own,
      caseIds: linked.map((c) => c.id),
      trackingNos: linked.map((c) => c.tracking_no),
      overdue: false,
      createdAt: r.created_at,
      createdBy: r.creator_name,
      version: r.version,
    };
    capa.overdue = isCapaOverdue({ ...capa, actions: own.map((a) => ({ done: a.state === 'done', dueOn: a.dueOn })) }, today);
    return capa;
  });
}

export async function getCapa(db: Kysely<Database>, id: number, now: Date): Promise<Capa> {
  const r = await capaRows(db).where('capas.id', '=', id).executeTakeFirst();
  if (!r) throw new ApiError('NOT_FOUND', `no CAPA with id ${id}`);
  const [c] = await assemble(db, [r], await officeToday(db, now));
  return c!;
}

/** The CAPAs a case is linked to, newest first. */
export async function capasForCase(db: Kysely<Database>, complaintId: number, now: Date): Promise<Capa[]> {
  const exists = await db.selectFrom('complaints').select('id').where('id', '=', complaintId).executeTakeFirst();
  if (!exists) throw new ApiError('NOT_FOUND', `no complaint with id ${complaintId}`);
  const rows = await capaRows(db)
    .where('capas.id', 'in', db.selectFrom('capa_cases').select('capa_id').where('complaint_id', '=', complaintId))
    .orderBy('capas.id', 'desc')
    .execute();
  return assemble(db, rows, await officeToday(db, now));
}

const likeOf = (term: string) => `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The CAPA list, newest first: searched by number, title, problem or a linked case's tracking
 * number; filtered by state and to the overdue ones; paged in SQL.
 */
export async function listCapas(db: Kysely<Database>, i: z.output<typeof capaListSchema>, now: Date): Promise<Paged<Capa>> {
  const today = await officeToday(db, now);
  let q = capaRows(db);
  if (i.states.length) q = q.where('capas.state', 'in', i.states);
  if (i.overdueOnly) q = q.where(overdueSql(today));
  const term = i.q.trim();
  if (term) {
    const like = likeOf(term);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref('capas.capa_no')} LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`${sql.ref('capas.title')} LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`${sql.ref('capas.problem')} LIKE ${like} ESCAPE '\\'`,
        eb(
          'capas.id',
          'in',
          db
            .selectFrom('capa_cases')
            .innerJoin('complaints', 'complaints.id', 'capa_cases.complaint_id')
            .select('capa_cases.capa_id')
            .where(sql<boolean>`${sql.ref('complaints.tracking_no')} LIKE ${like} ESCAPE '\\'`),
        ),
      ]),
    );
  }
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('capas.id', 'desc').offset(i.offset).limit(i.limit).execute();
  return { rows: await assemble(db, rows, today), total: Number(total.n) };
}
