import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { CostClass, CostClassMap, CostLineDetail } from '../../shared/costs';
import type { Payer } from '../../shared/domain';
import { ApiError, fieldError } from '../../shared/errors';
import type { costAddSchema, costClassesSaveSchema, costRemoveSchema, costReverseSchema, costUpdateSchema, costVetSchema, vettingQueueSchema } from '../../shared/schemas/costs';
import type { CostLineState, CostSource, CostType, Paged } from '../../shared/service';
import type { Blocker, CaseFile } from '../../shared/types';
import { like } from '../db/like';
import type { CostLinesTable, Database } from '../db/schema';
import { classOf, completeCostClassMap, missingPairs } from '../rules/cost-classes';
import { convertToBase } from '../rules/money-fx';
import { reconcileLine } from './amortisation';
import { appendEvents, type AuditEntry } from './audit';
import { commitChange, loadForChange, refused, type Actor } from './case-change';
import { getCaseFile } from './case-file';
import { getSettings } from './settings';

/**
 * Cost lines typed in on a case, Finance's vetting and the cost-class map (issue 6; seed 002 §5.2,
 * §5.3, §8). Lines written by service records (visits, parts, returns) are kept in step by those
 * records (cost-lines.ts) and cannot be changed here. An approved line is locked: it is corrected
 * by a reversing line, never edited. Every change is an audit event of kind `cost_line` on the case.
 */

type In<S extends z.ZodType> = z.output<S>;

/** The settings key of the cost-class map (absent: the seed's default). */
export const COST_CLASSES_KEY = 'costClasses';

export async function getCostClassMap(db: Kysely<Database>): Promise<CostClassMap> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', COST_CLASSES_KEY).executeTakeFirst();
  return completeCostClassMap(row ? (JSON.parse(row.value) as unknown) : null);
}

/** Finance's map: every pair must be there; an office event records what changed. */
export async function saveCostClassMap(a: Actor, i: In<typeof costClassesSaveSchema>): Promise<CostClassMap> {
  const missing = missingPairs(i.map);
  if (missing.length) {
    throw fieldError('map', 'cost_class_map_incomplete', `give a class for every cost type and payer (missing: ${missing.join(', ')})`, {
      missing: missing.join(', '),
    });
  }
  const before = await getCostClassMap(a.db);
  const next = completeCostClassMap(i.map);
  const was: Record<string, CostClass> = {};
  const now: Record<string, CostClass> = {};
  for (const [t, row] of Object.entries(next) as Array<[CostType, Record<Payer, CostClass>]>) {
    for (const [p, c] of Object.entries(row) as Array<[Payer, CostClass]>) {
      if (before[t][p] !== c) {
        was[`${t}.${p}`] = before[t][p];
        now[`${t}.${p}`] = c;
      }
    }
  }
  const value = JSON.stringify(next);
  await a.db
    .insertInto('settings')
    .values({ key: COST_CLASSES_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  if (Object.keys(now).length) await appendEvents(a.db, a.userId, a.now, [{ complaintId: null, kind: 'cost_classes', field: 'map', before: was, after: now }]);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Reading

function detailQuery(db: Kysely<Database>) {
  return db
    .selectFrom('cost_lines as l')
    .innerJoin('complaints as c', 'c.id', 'l.complaint_id')
    .innerJoin('users as u', 'u.id', 'l.created_by')
    .leftJoin('users as v', 'v.id', 'l.vetted_by')
    .selectAll('l')
    .select((eb) => [
      'c.tracking_no as tracking_no',
      'c.customer_name as customer_name',
      'u.name as created_by_name',
      'v.name as vetted_by_name',
      eb
        .selectFrom('cost_lines as r')
        .select((e) => e.fn.min<number>('r.id').as('rid'))
        .whereRef('r.reverses_id', '=', 'l.id')
        .as('reversed_by'),
    ]);
}

type DetailRow = Awaited<ReturnType<ReturnType<typeof detailQuery>['execute']>>[number];

function toDetail(r: DetailRow, map: CostClassMap): CostLineDetail {
  return {
    id: r.id,
    complaintId: r.complaint_id,
    costType: r.cost_type as CostType,
    incurredOn: r.incurred_on,
    amount: r.amount,
    currency: r.currency,
    baseAmount: r.base_amount,
    payer: r.payer as Payer,
    source: r.source as CostSource,
    sourceId: r.source_id,
    description: r.description,
    state: r.state as CostLineState,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    trackingNo: r.tracking_no,
    customerName: r.customer_name,
    fxRate: r.fx_rate,
    // Approved lines keep the class they were booked in; the others show where they would go now.
    costClass: (r.cost_class as CostClass | null) ?? classOf(map, r.cost_type as CostType, r.payer as Payer),
    receiptAttachmentId: r.receipt_attachment_id,
    vettedBy: r.vetted_by_name,
    vettedAt: r.vetted_at,
    vetComment: r.vet_comment,
    reversesId: r.reverses_id,
    reversedBy: r.reversed_by ?? null,
  };
}

/** The case's cost lines with class, vetting and reversals, oldest first. */
export async function caseCostDetail(db: Kysely<Database>, complaintId: number): Promise<CostLineDetail[]> {
  const exists = await db.selectFrom('complaints').select('id').where('id', '=', complaintId).executeTakeFirst();
  if (!exists) throw new ApiError('NOT_FOUND', `no complaint with id ${complaintId}`);
  const map = await getCostClassMap(db);
  const rows = await detailQuery(db).where('l.complaint_id', '=', complaintId).orderBy('l.id').execute();
  return rows.map((r) => toDetail(r, map));
}

export async function costLineDetail(db: Kysely<Database>, lineId: number): Promise<CostLineDetail> {
  const r = await detailQuery(db).where('l.id', '=', lineId).executeTakeFirst();
  if (!r) throw new ApiError('NOT_FOUND', `no cost line with id ${lineId}`);
  return toDetail(r, await getCostClassMap(db));
}

/** Lines in the given states, oldest first (by the day they were incurred), searchable by tracking number or customer. */
export async function vettingQueue(db: Kysely<Database>, i: In<typeof vettingQueueSchema>): Promise<Paged<CostLineDetail>> {
  const states = i.states.length ? [...new Set(i.states)] : (['pending'] as CostLineState[]);
  const filtered = <Q extends ReturnType<typeof detailQuery>>(q: Q) => {
    let out = q.where('l.state', 'in', states);
    if (i.q) out = out.where((eb) => eb.or([like('c.tracking_no', 'contains', i.q), like('c.customer_name', 'contains', i.q)]));
    return out as Q;
  };
  const total = await filtered(detailQuery(db))
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const map = await getCostClassMap(db);
  const rows = await filtered(detailQuery(db)).orderBy('l.incurred_on').orderBy('l.id').limit(i.limit).offset(i.offset).execute();
  return { rows: rows.map((r) => toDetail(r, map)), total: Number(total.n) };
}

// ---------------------------------------------------------------------------------------------
// Lines typed in on a case (section 'costs')

type Line = Pick<
  CostLinesTable,
  'cost_type' | 'incurred_on' | 'amount' | 'currency' | 'fx_rate' | 'base_amount' | 'payer' | 'description' | 'receipt_attachment_id' | 'state'
> & { id: number };

/** What the audit trail keeps of a line. */
const summary = (l: Line) => ({
  id: l.id,
  costType: l.cost_type,
  incurredOn: l.incurred_on,
  amount: l.amount,
  currency: l.currency,
  ...(l.fx_rate ? { fxRate: l.fx_rate } : {}),
  baseAmount: l.base_amount,
  payer: l.payer,
  description: l.description,
  receiptAttachmentId: l.receipt_attachment_id,
  state: l.state,
});

/** Seed 002 §5.2: the customer bears a cost only on a non-quality case, with his recorded agreement. */
export function payerBlocker(file: Pick<CaseFile, 'classification' | 'agreement'>, payer: Payer): Blocker | null {
  if (payer !== 'customer') return null;
  if (file.classification !== 'non_quality') {
    return {
      code: 'customer_pays_non_quality_only',
      params: { classification: file.classification ?? 'none' },
      message: 'the customer bears costs only on a non-quality case; choose the company, the supplier or the distributor',
    };
  }
  if (!file.agreement?.agreed) {
    return { code: 'customer_agreement_required', message: "record the customer's agreement to bear the cost on the case first" };
  }
  return null;
}

type LineFields = In<typeof costAddSchema>;

/** Checks a typed-in line and answers its stored columns (amount in the base currency computed). */
async function lineColumns(a: Actor, file: CaseFile, i: LineFields) {
  const baseCurrency = (await getSettings(a.db)).baseCurrency;
  const conv = convertToBase({ amount: i.amount, currency: i.currency, fxRate: i.fxRate, baseCurrency });
  if (!conv.ok) throw fieldError(conv.path, conv.code, conv.message, { currency: i.currency, base: baseCurrency });
  if (i.receiptAttachmentId !== null) {
    const att = await a.db
      .selectFrom('attachments')
      .select('id')
      .where('id', '=', i.receiptAttachmentId)
      .where('complaint_id', '=', file.id)
      .executeTakeFirst();
    if (!att) throw fieldError('receiptAttachmentId', 'receipt_not_on_case', 'the receipt must be an attachment of this case');
  }
  const b = payerBlocker(file, i.payer);
  if (b) throw refused([b]);
  return {
    cost_type: i.costType,
    incurred_on: i.incurredOn,
    amount: i.amount,
    currency: i.currency,
    fx_rate: conv.fxRate,
    base_amount: conv.baseAmount,
    payer: i.payer,
    description: i.description ?? null,
    receipt_attachment_id: i.receiptAttachmentId,
  };
}

const LINE_COLUMNS = [
  'id',
  'complaint_id',
  'cost_type',
  'incurred_on',
  'amount',
  'currency',
  'fx_rate',
  'base_amount',
  'payer',
  'source',
  'source_id',
  'description',
  'receipt_attachment_id',
  'state',
  'cost_class',
  'reverses_id',
] as const;

async function lineOf(db: Kysely<Database>, lineId: number) {
  return db.selectFrom('cost_lines').select(LINE_COLUMNS).where('id', '=', lineId).executeTakeFirst();
}

/** A line of this case that may still be changed by hand: typed in, neither approved nor rejected. */
async function editableLine(a: Actor, file: CaseFile, lineId: number) {
  const line = await lineOf(a.db, lineId);
  if (!line || line.complaint_id !== file.id) throw new ApiError('NOT_FOUND', `no cost line ${lineId} on complaint ${file.trackingNo}`);
  if (line.source !== 'manual') {
    throw refused([
      {
        code: 'from_service_record',
        params: { source: line.source },
        message: 'this line comes from a service record (visit, part or return): change that record instead',
      },
    ]);
  }
  if (line.state === 'approved') {
    throw refused([{ code: 'line_locked', message: 'Finance has approved this line: it is locked; Finance corrects it with a reversal' }]);
  }
  if (line.state === 'rejected') {
    throw refused([{ code: 'line_rejected', message: 'Finance has rejected this line: it stays on record; add a new line instead' }]);
  }
  return line;
}

const event = (complaintId: number, field: string, before: unknown, after: unknown): AuditEntry => ({ complaintId, kind: 'cost_line', field, before, after });

export async function addCost(a: Actor, i: In<typeof costAddSchema>): Promise<void> {
  const file = await loadForChange(a, i.id, i.version, 'costs');
  const cols = await lineColumns(a, file, i);
  const { id } = await a.db
    .insertInto('cost_lines')
    .values({
      complaint_id: file.id,
      ...cols,
      source: 'manual',
      source_id: null,
      state: 'pending',
      created_by: a.userId,
      created_at: a.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await commitChange(a, file, {}, [event(file.id, 'add', null, summary({ id, ...cols, state: 'pending' }))]);
}

export async function updateCost(a: Actor, i: In<typeof costUpdateSchema>): Promise<void> {
  const file = await loadForChange(a, i.id, i.version, 'costs');
  const line = await editableLine(a, file, i.lineId);
  const cols = await lineColumns(a, file, i);
  await a.db.updateTable('cost_lines').set(cols).where('id', '=', line.id).where('state', '=', 'pending').execute();
  const before = summary(line);
  const after = summary({ id: line.id, ...cols, state: 'pending' });
  await commitChange(a, file, {}, JSON.stringify(before) === JSON.stringify(after) ? [] : [event(file.id, 'update', before, after)]);
}

export async function removeCost(a: Actor, i: In<typeof costRemoveSchema>): Promise<void> {
  const file = await loadForChange(a, i.id, i.version, 'costs');
  const line = await editableLine(a, file, i.lineId);
  await a.db.deleteFrom('cost_lines').where('id', '=', line.id).where('state', '=', 'pending').execute();
  await commitChange(a, file, {}, [event(file.id, 'remove', summary(line), null)]);
}

// ---------------------------------------------------------------------------------------------
// Finance (the contract admits only Finance to these)

/** Approves (class fixed from the map, amortised) or rejects (with the comment) a pending line. */
export async function vetCost(a: Actor, i: In<typeof costVetSchema>): Promise<CostLineDetail> {
  const line = await lineOf(a.db, i.lineId);
  if (!line) throw new ApiError('NOT_FOUND', `no cost line with id ${i.lineId}`);
  if (line.state !== 'pending') {
    throw refused([{ code: 'line_not_pending', params: { lineState: line.state }, message: `the line is ${line.state} already: only pending lines are vetted` }]);
  }
  const comment = i.comment?.trim() || null;
  let costClass: CostClass | null = null;
  if (i.decision === 'approve') {
    // The customer's agreement may have been withdrawn since the line was typed in.
    const b = payerBlocker(await getCaseFile(a.db, line.complaint_id), line.payer as Payer);
    if (b) throw refused([b]);
    costClass = classOf(await getCostClassMap(a.db), line.cost_type as CostType, line.payer as Payer);
  } else if (!comment) {
    throw fieldError('comment', 'reason_required', 'say why the line is rejected');
  }
  const state = i.decision === 'approve' ? 'approved' : 'rejected';
  await a.db
    .updateTable('cost_lines')
    .set({ state, cost_class: costClass, vetted_by: a.userId, vetted_at: a.now.toISOString(), vet_comment: comment })
    .where('id', '=', line.id)
    .where('state', '=', 'pending')
    .execute();
  if (state === 'approved') await reconcileLine(a.db, line.id, a.now);
  await appendEvents(a.db, a.userId, a.now, [
    event(line.complaint_id, i.decision, { id: line.id, state: line.state }, { id: line.id, state, ...(costClass ? { costClass } : {}), comment }),
  ]);
  return costLineDetail(a.db, line.id);
}

/** Corrects an approved line: a new line with the negated amounts, approved at once and amortised (nets to zero). */
export async function reverseCost(a: Actor, i: In<typeof costReverseSchema>): Promise<CostLineDetail> {
  const line = await lineOf(a.db, i.lineId);
  if (!line) throw new ApiError('NOT_FOUND', `no cost line with id ${i.lineId}`);
  if (line.state !== 'approved') {
    throw refused([{ code: 'line_not_approved', params: { lineState: line.state }, message: 'only an approved line is reversed; a pending one is edited or rejected' }]);
  }
  if (line.reverses_id !== null) {
    throw refused([{ code: 'line_is_reversal', params: { reverses: line.reverses_id }, message: 'this line is itself a reversal and cannot be reversed' }]);
  }
  const prior = await a.db.selectFrom('cost_lines').select('id').where('reverses_id', '=', line.id).executeTakeFirst();
  if (prior) throw refused([{ code: 'already_reversed', params: { reversal: prior.id }, message: `the line is reversed already (line ${prior.id})` }]);
  const reason = i.reason.trim();
  const at = a.now.toISOString();
  const { id } = await a.db
    .insertInto('cost_lines')
    .values({
      complaint_id: line.complaint_id,
      cost_type: line.cost_type,
      incurred_on: line.incurred_on,
      amount: -line.amount,
      currency: line.currency,
      fx_rate: line.fx_rate,
      base_amount: -line.base_amount,
      payer: line.payer,
      // A service record's line stays its record's: its next sync sees the approved total netted to zero.
      source: line.source,
      source_id: line.source_id,
      description: line.description,
      receipt_attachment_id: null,
      state: 'approved',
      cost_class: line.cost_class ?? classOf(await getCostClassMap(a.db), line.cost_type as CostType, line.payer as Payer),
      vetted_by: a.userId,
      vetted_at: at,
      vet_comment: reason,
      reverses_id: line.id,
      created_by: a.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await reconcileLine(a.db, id, a.now);
  await appendEvents(a.db, a.userId, a.now, [
    event(line.complaint_id, 'reverse', { id: line.id, amount: line.amount, baseAmount: line.base_amount }, { id, reverses: line.id, amount: -line.amount, baseAmount: -line.base_amount, reason }),
  ]);
  return costLineDetail(a.db, id);
}

/** The approved total of a case in the base currency (reversals included: a reversed line nets to zero). */
export async function approvedTotal(db: Kysely<Database>, complaintId: number): Promise<number> {
  const r = await db
    .selectFrom('cost_lines')
    .select(sql<number>`coalesce(sum(base_amount), 0)`.as('n'))
    .where('complaint_id', '=', complaintId)
    .where('state', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
