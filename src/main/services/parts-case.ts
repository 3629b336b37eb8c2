import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { calendarDateOf } from '../../shared/dates';
import { ApiError, fieldError } from '../../shared/errors';
import type { casePartAddSchema, casePartCancelSchema } from '../../shared/schemas/service';
import type { CasePart, PartUsage } from '../../shared/service';
import type { Database } from '../db/schema';
import type { AuditEntry } from './audit';
import { commitChange, loadForChange, refused, type Actor } from './case-change';
import { syncSourceCosts, type WantedCost } from './cost-lines';
import { applyStockMove } from './parts';
import { getSettings } from './settings';

/**
 * Spare parts on a case (seed 002 §2: spare parts sent, used, repaired, refunded), each line with the
 * serial numbers of the faulty and the replacement part and, where it was fitted on a visit, that
 * visit. A line taken from stock issues it (a negative move of the ledger, linked to the case and
 * the line); cancelling gives the quantity back (a return move) and keeps the line, marked
 * cancelled. The line's cost reaches the case's cost lines by itself (issue 6).
 */

type In<S extends z.ZodType> = z.output<S>;

/**
 * What a line costs the company. Sent, used and refunded parts are the company's spare parts at the
 * catalogue's unit cost (§8.1: the company bears the cost of the service). A *repaired* part is the
 * customer's own part mended and sent back: no catalogue part is consumed, and what the repair
 * costs is labour or a supplier's invoice, entered as its own cost line — so none is written here.
 * A cancelled line costs nothing.
 */
export function wantedCosts(
  line: { usage: PartUsage; quantity: number; unit_cost: number; cancelled_at: string | null; part_no: string; name: string },
  incurredOn: string,
): WantedCost[] {
  if (line.cancelled_at || line.usage === 'repaired') return [];
  return [
    {
      costType: 'spare_parts',
      incurredOn,
      amount: line.quantity * line.unit_cost,
      payer: 'company',
      description: `${line.part_no} ${line.name} × ${line.quantity}`,
    },
  ];
}

export async function addPartToCase(a: Actor, i: In<typeof casePartAddSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'parts');
  const part = await a.db.selectFrom('parts').select(['id', 'part_no', 'name', 'unit', 'unit_cost', 'active']).where('id', '=', i.partId).executeTakeFirst();
  if (!part) throw fieldError('partId', 'not_found', `no part ${i.partId}`);
  if (part.active !== 1) throw fieldError('partId', 'part_inactive', `${part.part_no} ${part.name} is no longer in the catalogue`, { partNo: part.part_no });
  let usedAt: Date = a.now;
  if (i.actionId !== null) {
    const action = await a.db
      .selectFrom('service_actions')
      .select(['complaint_id', 'state', 'actual_start'])
      .where('id', '=', i.actionId)
      .executeTakeFirst();
    if (!action || action.complaint_id !== f.id) {
      throw fieldError('actionId', 'action_not_on_case', `service action ${i.actionId} is not one of ${f.trackingNo}'s`, { trackingNo: f.trackingNo });
    }
    if (action.state === 'cancelled') throw fieldError('actionId', 'action_cancelled', 'the visit was cancelled');
    // A part fitted on a visit that took place costs on the day of the visit, like the visit's travel.
    if (action.actual_start && action.actual_start < a.now.toISOString()) usedAt = new Date(action.actual_start);
  }
  const at = a.now.toISOString();
  const line = await a.db
    .insertInto('case_parts')
    .values({
      complaint_id: f.id,
      part_id: part.id,
      action_id: i.actionId,
      usage: i.usage,
      quantity: i.quantity,
      from_stock: i.fromStock ? 1 : 0,
      faulty_serial: i.faultySerial,
      replacement_serial: i.replacementSerial,
      // The cost is the catalogue's at the time: a later price change does not rewrite the case.
      unit_cost: part.unit_cost,
      note: i.note,
      created_by: a.userId,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events: AuditEntry[] = [];
  if (i.fromStock) {
    // Refused (the transaction rolls back, nothing stays written) when the stock would go below zero without override.
    const move = await applyStockMove(a, {
      partId: part.id,
      kind: 'issue',
      delta: -i.quantity,
      note: i.note,
      override: i.override,
      complaintId: f.id,
      casePartId: line.id,
    });
    events.push(...move.audit);
  }
  const incurredOn = calendarDateOf(usedAt, (await getSettings(a.db)).officeTimeZone);
  const costs = await syncSourceCosts(a.db, {
    complaintId: f.id,
    source: 'part',
    sourceId: line.id,
    wanted: wantedCosts({ ...i, unit_cost: part.unit_cost, cancelled_at: null, part_no: part.part_no, name: part.name }, incurredOn),
    userId: a.userId,
    now: a.now,
  });
  events.unshift({
    complaintId: f.id,
    kind: 'case_part',
    field: `case_part:${line.id}`,
    before: null,
    after: {
      partNo: part.part_no,
      usage: i.usage,
      quantity: i.quantity,
      fromStock: i.fromStock,
      faultySerial: i.faultySerial,
      replacementSerial: i.replacementSerial,
      actionId: i.actionId,
      unitCost: part.unit_cost,
    },
  });
  await commitChange(a, f, {}, [...events, ...costs]);
}

export async function cancelPartOnCase(a: Actor, i: In<typeof casePartCancelSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'parts');
  const line = await a.db
    .selectFrom('case_parts as l')
    .innerJoin('parts as p', 'p.id', 'l.part_id')
    .select(['l.id', 'l.complaint_id', 'l.part_id', 'l.usage', 'l.quantity', 'l.from_stock', 'l.unit_cost', 'l.cancelled_at', 'p.part_no', 'p.name'])
    .where('l.id', '=', i.casePartId)
    .executeTakeFirst();
  if (!line || line.complaint_id !== f.id) throw new ApiError('NOT_FOUND', `no part line ${i.casePartId} on ${f.trackingNo}`);
  if (line.cancelled_at) throw refused([{ code: 'part_line_cancelled', message: 'this part line is already cancelled' }]);
  if (line.from_stock === 1) {
    await applyStockMove(a, { partId: line.part_id, kind: 'return', delta: line.quantity, note: i.note, override: false, complaintId: f.id, casePartId: line.id });
  }
  const at = a.now.toISOString();
  await a.db.updateTable('case_parts').set({ cancelled_at: at, cancelled_by: a.userId }).where('id', '=', line.id).execute();
  const costs = await syncSourceCosts(a.db, { complaintId: f.id, source: 'part', sourceId: line.id, wanted: [], userId: a.userId, now: a.now });
  await commitChange(a, f, {}, [
    {
      complaintId: f.id,
      kind: 'case_part',
      field: `case_part:${line.id}`,
      before: { partNo: line.part_no, usage: line.usage, quantity: line.quantity, cancelled: false },
      after: { partNo: line.part_no, usage: line.usage, quantity: line.quantity, cancelled: true, note: i.note, returnedToStock: line.from_stock === 1 },
    },
    ...costs,
  ]);
}

/** The case's part lines, oldest first, cancelled ones included. */
export async function partsForCase(db: Kysely<Database>, complaintId: number): Promise<CasePart[]> {
  const exists = await db.selectFrom('complaints').select('id').where('id', '=', complaintId).executeTakeFirst();
  if (!exists) throw new ApiError('NOT_FOUND', `no complaint ${complaintId}`);
  const rows = await db
    .selectFrom('case_parts as l')
    .innerJoin('parts as p', 'p.id', 'l.part_id')
    .innerJoin('users as u', 'u.id', 'l.created_by')
    .select([
      'l.id',
      'l.complaint_id',
      'l.part_id',
      'p.part_no',
      'p.name',
      'l.action_id',
      'l.usage',
      'l.quantity',
      'l.from_stock',
      'l.faulty_serial',
      'l.replacement_serial',
      'l.unit_cost',
      'l.note',
      'l.created_at',
      'u.name as by_name',
      'l.cancelled_at',
    ])
    .where('l.complaint_id', '=', complaintId)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    complaintId: r.complaint_id,
    partId: r.part_id,
    partNo: r.part_no,
    partName: r.name,
    actionId: r.action_id,
    usage: r.usage as PartUsage,
    quantity: r.quantity,
    fromStock: r.from_stock === 1,
    faultySerial: r.faulty_serial,
    replacementSerial: r.replacement_serial,
    unitCost: r.unit_cost,
    note: r.note,
    at: r.created_at,
    by: r.by_name,
    cancelledAt: r.cancelled_at,
  }));
}
