import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { ApiError, fieldError } from '../../shared/errors';
import type { partSaveSchema, partsListSchema, stockLedgerSchema, stockMoveSchema } from '../../shared/schemas/service';
import type { Paged, Part, StockMove, StockMoveKind } from '../../shared/service';
import type { Database } from '../db/schema';
import { appendEvents, type AuditEntry } from './audit';
import { refused } from './case-change';

/**
 * The spare-parts catalogue and its stock ledger (issue 5; seed 002 §2: spare parts repairing and
 * refund). Every change of a quantity on hand is one row of the append-only `stock_moves` table
 * carrying the quantity after it, and `parts.on_hand` is moved in the same transaction, so the
 * catalogue's figure is always the ledger's running total. Stock never goes below zero unless the
 * person says so (`override`) with a reason: that move is flagged and audited.
 */

type In<S extends z.ZodType> = z.output<S>;

interface Who {
  db: Kysely<Database>;
  userId: number;
  now: Date;
}

const PART_COLUMNS = ['id', 'part_no', 'name', 'unit', 'unit_cost', 'reorder_level', 'on_hand', 'active', 'version'] as const;

type PartRow = { id: number; part_no: string; name: string; unit: string; unit_cost: number; reorder_level: number; on_hand: number; active: number; version: number };

export function toPart(r: PartRow): Part {
  return {
    id: r.id,
    partNo: r.part_no,
    name: r.name,
    unit: r.unit,
    unitCost: r.unit_cost,
    reorderLevel: r.reorder_level,
    onHand: r.on_hand,
    low: r.on_hand <= r.reorder_level,
    active: r.active === 1,
    version: r.version,
  };
}

/** Part numbers are codes: compared and stored without case or surrounding blanks ("brg-6205" is "BRG-6205"). */
export const normalPartNo = (s: string) => s.trim().toUpperCase();

/** The highest code point: `x < prefix + TOP` holds for every string that begins with `prefix`. */
const TOP = '\u{10ffff}';

/**
 * The catalogue, by name. A search is a prefix of the part number or of the name, answered by range
 * scans of the unique `part_no` index and the `parts_name` index (catalogue names begin with what
 * the part is: "轴承 深沟球 6205-2RS"), so typing never reads the whole table. `lowOnly` compares two
 * columns and so walks the name index with a filter; a catalogue is thousands of rows, and the page
 * stops reading once it is full.
 */
export async function listParts(db: Kysely<Database>, i: In<typeof partsListSchema>): Promise<Paged<Part>> {
  let q = db.selectFrom('parts');
  if (!i.includeInactive) q = q.where('active', '=', 1);
  if (i.lowOnly) q = q.whereRef('on_hand', '<=', 'reorder_level');
  if (i.q) {
    const no = normalPartNo(i.q);
    const name = i.q.trim();
    q = q.where((eb) =>
      eb.or([eb.and([eb('part_no', '>=', no), eb('part_no', '<', no + TOP)]), eb.and([eb('name', '>=', name), eb('name', '<', name + TOP)])]),
    );
  }
  const [rows, total] = await Promise.all([
    q.select([...PART_COLUMNS]).orderBy('name').orderBy('id').limit(i.limit).offset(i.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toPart), total: Number(total.n) };
}

export async function getPart(db: Kysely<Database>, id: number): Promise<Part> {
  const r = await db.selectFrom('parts').select([...PART_COLUMNS]).where('id', '=', id).executeTakeFirst();
  if (!r) throw new ApiError('NOT_FOUND', `no part ${id}`);
  return toPart(r);
}

/** Creates or edits a catalogue entry; the quantity on hand is the ledger's, never edited here. */
export async function savePart(w: Who, i: In<typeof partSaveSchema>): Promise<Part> {
  const partNo = normalPartNo(i.partNo);
  const taken = await w.db.selectFrom('parts').select(['id', 'name']).where('part_no', '=', partNo).executeTakeFirst();
  if (taken && taken.id !== i.partId) {
    throw fieldError('partNo', 'part_no_taken', `the part number ${partNo} is already used by ${taken.name}`, { partNo, name: taken.name });
  }
  const values = { part_no: partNo, name: i.name, unit: i.unit, unit_cost: i.unitCost, reorder_level: i.reorderLevel, active: i.active ? 1 : 0 };
  const view = (p: Pick<PartRow, 'part_no' | 'name' | 'unit' | 'unit_cost' | 'reorder_level' | 'active'>) => ({
    partNo: p.part_no,
    name: p.name,
    unit: p.unit,
    unitCost: p.unit_cost,
    reorderLevel: p.reorder_level,
    active: p.active === 1,
  });
  const at = w.now.toISOString();
  if (i.partId === null) {
    const r = await w.db
      .insertInto('parts')
      .values({ ...values, on_hand: 0, created_at: at, updated_at: at, version: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(w.db, w.userId, w.now, [{ complaintId: null, kind: 'part_saved', field: `part:${r.id}`, before: null, after: view(values) }]);
    return getPart(w.db, r.id);
  }
  const before = await w.db.selectFrom('parts').select([...PART_COLUMNS]).where('id', '=', i.partId).executeTakeFirst();
  if (!before) throw new ApiError('NOT_FOUND', `no part ${i.partId}`);
  if (i.version === null || before.version !== i.version) {
    throw new ApiError('CONFLICT', `part ${before.part_no} was changed by someone else (version ${before.version}, you edited ${i.version ?? 'none'}); reload it and make your change again`);
  }
  if (JSON.stringify(view(before)) === JSON.stringify(view(values))) return toPart(before);
  const r = await w.db
    .updateTable('parts')
    .set({ ...values, updated_at: at, version: before.version + 1 })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `part ${before.part_no} was changed by someone else; reload it`);
  await appendEvents(w.db, w.userId, w.now, [{ complaintId: null, kind: 'part_saved', field: `part:${before.id}`, before: view(before), after: view(values) }]);
  return getPart(w.db, before.id);
}

export interface MoveRequest {
  partId: number;
  kind: StockMoveKind;
  delta: number;
  note: string | null;
  override: boolean;
  complaintId: number | null;
  casePartId: number | null;
}

/** The refusal of a move that would take the stock below zero: the part, what is on hand, what was asked, and the way on. */
export function belowZero(p: { part_no: string; name: string; unit: string; on_hand: number }, asked: number): ApiError {
  return refused([
    {
      code: 'stock_below_zero',
      params: { partNo: p.part_no, name: p.name, unit: p.unit, onHand: p.on_hand, asked },
      message: `only ${p.on_hand} ${p.unit} of ${p.part_no} ${p.name} on hand, ${asked} asked: receive stock first, or override with a reason`,
    },
  ]);
}

/**
 * Writes one move of the ledger and the new quantity on hand, in the caller's transaction. A move
 * that would leave less than zero is refused unless `override` (the note says why); such a move is
 * flagged and answered with its audit entry for the caller to append. Nothing is written on refusal.
 */
export async function applyStockMove(w: Who, m: MoveRequest): Promise<{ moveId: number; onHandAfter: number; audit: AuditEntry[] }> {
  const p = await w.db.selectFrom('parts').select(['id', 'part_no', 'name', 'unit', 'on_hand']).where('id', '=', m.partId).executeTakeFirst();
  if (!p) throw fieldError('partId', 'not_found', `no part ${m.partId}`);
  const after = p.on_hand + m.delta;
  const below = after < 0 && m.delta < 0;
  if (below && !m.override) throw belowZero(p, -m.delta);
  // Guarded on the quantity read: a concurrent writer (the office server) cannot slip between.
  const r = await w.db.updateTable('parts').set({ on_hand: after }).where('id', '=', p.id).where('on_hand', '=', p.on_hand).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `the stock of ${p.part_no} changed meanwhile; try again`);
  const move = await w.db
    .insertInto('stock_moves')
    .values({
      part_id: p.id,
      kind: m.kind,
      delta: m.delta,
      on_hand_after: after,
      complaint_id: m.complaintId,
      case_part_id: m.casePartId,
      override: below ? 1 : 0,
      note: m.note,
      at: w.now.toISOString(),
      by: w.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const audit: AuditEntry[] = below
    ? [
        {
          complaintId: m.complaintId,
          kind: 'stock_override',
          field: `part:${p.id}`,
          before: { onHand: p.on_hand },
          after: { onHand: after, delta: m.delta, partNo: p.part_no, moveId: move.id, kind: m.kind, note: m.note },
        },
      ]
    : [];
  return { moveId: move.id, onHandAfter: after, audit };
}

/** A receipt or an adjustment made from the parts page. */
export async function moveStock(w: Who, i: In<typeof stockMoveSchema>): Promise<Part> {
  const { audit } = await applyStockMove(w, { partId: i.partId, kind: i.kind, delta: i.delta, note: i.note, override: i.override, complaintId: null, casePartId: null });
  await appendEvents(w.db, w.userId, w.now, audit);
  return getPart(w.db, i.partId);
}

/** A part's ledger, newest first, paged along the `(part_id, id)` index. */
export async function stockLedger(db: Kysely<Database>, i: In<typeof stockLedgerSchema>): Promise<Paged<StockMove>> {
  await getPart(db, i.partId);
  const [rows, total] = await Promise.all([
    db
      .selectFrom('stock_moves as m')
      .innerJoin('users as u', 'u.id', 'm.by')
      .leftJoin('complaints as c', 'c.id', 'm.complaint_id')
      .select(['m.id', 'm.part_id', 'm.kind', 'm.delta', 'm.on_hand_after', 'm.complaint_id', 'c.tracking_no', 'm.override', 'm.note', 'm.at', 'u.name as by_name'])
      .where('m.part_id', '=', i.partId)
      .orderBy('m.id', 'desc')
      .limit(i.limit)
      .offset(i.offset)
      .execute(),
    db
      .selectFrom('stock_moves')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('part_id', '=', i.partId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      partId: r.part_id,
      kind: r.kind as StockMoveKind,
      delta: r.delta,
      onHandAfter: r.on_hand_after,
      complaintId: r.complaint_id,
      trackingNo: r.tracking_no,
      override: r.override === 1,
      note: r.note,
      at: r.at,
      by: r.by_name,
    })),
    total: Number(total.n),
  };
}
