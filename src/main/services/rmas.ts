import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { calendarDateOf, zonedParts } from '../../shared/dates';
import { ApiError } from '../../shared/errors';
import { RMA_FINISHED } from '../../shared/rma-steps';
import type { rmaRequestSchema, rmaStepSchema } from '../../shared/schemas/service';
import type { Rma, RmaDisposition, RmaState } from '../../shared/service';
import type { Database, RmasTable } from '../db/schema';
import { checkRmaRequest, checkRmaStep } from '../rules/rma-steps';
import { formatTrackingNumber, periodKey } from '../rules/tracking-number';
import type { AuditEntry } from './audit';
import { commitChange, loadForChange, refused, type Actor } from './case-change';
import { syncSourceCosts, type WantedCost } from './cost-lines';
import { getSettings } from './settings';
import { nextFreeNumber } from './sequences';

/**
 * Returns (RMA) on a case (issue 5): requested, approved with an RMA number or rejected, shipped,
 * received, inspected with a disposition, closed. Each return has its own version; every step is a
 * change to the case (section 'returns'), audited as an `rma` event, and keeps the case's
 * `rma_state` — the return state the tracking table shows — in step.
 */

type In<S extends z.ZodType> = z.output<S>;

/** RMA numbers: one counter per month in the office time zone, kept in `sequences` like tracking numbers. */
export const RMA_NUMBER_FORMAT = 'RMA-{YYYY}{MM}-{NNNN}';

export async function nextRmaNumber(db: Kysely<Database>, at: Date, timeZone: string): Promise<string> {
  const p = zonedParts(at, timeZone);
  const ym = { year: p.year, month: p.month };
  const key = periodKey(RMA_NUMBER_FORMAT, ym);
  return nextFreeNumber(db, key, (n) => formatTrackingNumber(RMA_NUMBER_FORMAT, ym, n), async (no) =>
    Boolean(await db.selectFrom('rmas').select('id').where('rma_no', '=', no).executeTakeFirst()),
  );
}

function rmaQuery(db: Kysely<Database>) {
  return db
    .selectFrom('rmas')
    .innerJoin('users as rq', 'rq.id', 'rmas.requested_by')
    .leftJoin('users as dc', 'dc.id', 'rmas.decided_by')
    .selectAll('rmas')
    .select(['rq.name as requestedByName', 'dc.name as decidedByName']);
}
type RmaRecord = Awaited<ReturnType<ReturnType<typeof rmaQuery>['executeTakeFirstOrThrow']>>;

function toRma(r: RmaRecord): Rma {
  return {
    id: r.id,
    complaintId: r.complaint_id,
    rmaNo: r.rma_no,
    state: r.state as RmaState,
    quantity: r.quantity,
    serialNo: r.serial_no,
    reason: r.reason,
    requestedBy: r.requestedByName,
    requestedAt: r.requested_at,
    decidedBy: r.decidedByName,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    carrier: r.carrier,
    waybillNo: r.waybill_no,
    shippedAt: r.shipped_at,
    receivedAt: r.received_at,
    inspectionResult: r.inspection_result,
    inspectedAt: r.inspected_at,
    disposition: r.disposition as RmaDisposition | null,
    refundAmount: r.refund_amount,
    closedAt: r.closed_at,
    version: r.version,
  };
}

/** The case's returns, oldest first. */
export async function listRmas(db: Kysely<Database>, complaintId: number): Promise<Rma[]> {
  const rows = await rmaQuery(db).where('rmas.complaint_id', '=', complaintId).orderBy('rmas.id').execute();
  return rows.map(toRma);
}

/**
 * The return state the tracking table shows for a case: its latest return still under way, else
 * its latest return (so a closed or rejected one still says how it ended), null when it has none.
 */
export async function caseRmaState(db: Kysely<Database>, complaintId: number): Promise<RmaState | null> {
  const rows = await db.selectFrom('rmas').select('state').where('complaint_id', '=', complaintId).orderBy('id', 'desc').execute();
  const open = rows.find((r) => !RMA_FINISHED.includes(r.state as RmaState));
  return ((open ?? rows[0])?.state as RmaState | undefined) ?? null;
}

export async function requestRma(a: Actor, i: In<typeof rmaRequestSchema>): Promise<void> {
  const file = await loadForChange(a, i.id, i.version, 'returns');
  const b = checkRmaRequest(a.role);
  if (b) throw refused([b]);
  const at = a.now.toISOString();
  const { id } = await a.db
    .insertInto('rmas')
    .values({
      complaint_id: file.id,
      rma_no: null,
      state: 'requested',
      quantity: i.quantity,
      serial_no: i.serialNo,
      reason: i.reason,
      requested_by: a.userId,
      requested_at: at,
      version: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await commitChange(a, file, { rma_state: await caseRmaState(a.db, file.id) }, [
    {
      complaintId: file.id,
      kind: 'rma',
      field: 'request',
      before: null,
      after: { rmaId: id, rmaNo: null, state: 'requested', quantity: i.quantity, serialNo: i.serialNo, reason: i.reason },
    },
  ]);
}

/** A minute's grace for clocks that differ between workstations. */
const FUTURE_GRACE_MS = 60_000;

export async function stepRma(a: Actor, i: In<typeof rmaStepSchema>): Promise<void> {
  const file = await loadForChange(a, i.id, i.version, 'returns');
  const row = await rmaQuery(a.db).where('rmas.id', '=', i.rmaId).where('rmas.complaint_id', '=', file.id).executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `complaint ${file.trackingNo} has no return ${i.rmaId}`);
  const rma = toRma(row);
  if (rma.version !== i.rmaVersion) {
    throw new ApiError(
      'CONFLICT',
      `return ${rma.rmaNo ?? `#${rma.id}`} was changed by someone else (version ${rma.version}, you saw ${i.rmaVersion}); reload it and try again`,
    );
  }
  const verdict = checkRmaStep(i.action, { state: rma.state, disposition: rma.disposition }, a.role, i);
  if (!verdict.allowed) throw refused(verdict.reasons);

  const now = a.now.toISOString();
  const at = i.at ?? now;
  if (Date.parse(at) > a.now.getTime() + FUTURE_GRACE_MS) {
    throw refused([{ code: 'rma_at_future', message: 'the date of the shipment or receipt cannot be in the future' }]);
  }
  const timeZone = (await getSettings(a.db)).officeTimeZone;

  const set: Updateable<RmasTable> = { state: verdict.to };
  const details: Record<string, unknown> = {};
  switch (i.action) {
    case 'approve':
    case 'reject':
      set.decided_by = a.userId;
      set.decided_at = now;
      set.decision_note = i.note;
      details.note = i.note;
      if (i.action === 'approve') set.rma_no = details.rmaNo = await nextRmaNumber(a.db, a.now, timeZone);
      break;
    case 'ship':
      set.carrier = details.carrier = i.carrier;
      set.waybill_no = details.waybillNo = i.waybillNo;
      set.shipped_at = details.at = at;
      break;
    case 'receive':
      set.received_at = details.at = at;
      set.received_by = a.userId;
      break;
    case 'inspect':
      set.inspection_result = details.inspectionResult = i.inspectionResult;
      set.disposition = details.disposition = i.disposition;
      set.inspected_at = now;
      set.inspected_by = a.userId;
      break;
    case 'close':
      set.refund_amount = details.refundAmount = rma.disposition === 'refund' ? i.refundAmount : null;
      set.closed_at = now;
      set.closed_by = a.userId;
      details.disposition = rma.disposition;
      details.note = i.note;
      break;
  }
  const r = await a.db
    .updateTable('rmas')
    .set({ ...set, version: rma.version + 1 })
    .where('id', '=', rma.id)
    .where('version', '=', rma.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('CONFLICT', `return #${rma.id} was changed by someone else; reload it`);

  const rmaNo = set.rma_no ?? rma.rmaNo;
  const events: AuditEntry[] = [
    { complaintId: file.id, kind: 'rma', field: i.action, before: rma.state, after: { rmaId: rma.id, rmaNo, state: verdict.to, ...details } },
  ];
  if (i.action === 'close' && rma.disposition === 'refund' && i.refundAmount) {
    events.push(
      ...(await syncSourceCosts(a.db, {
        complaintId: file.id,
        source: 'rma',
        sourceId: rma.id,
        wanted: [refundCost(rmaNo, i.refundAmount, calendarDateOf(a.now, timeZone))],
        userId: a.userId,
        now: a.now,
      })),
    );
  }
  await commitChange(a, file, { rma_state: await caseRmaState(a.db, file.id) }, events);
}

/**
 * The cost line a refund becomes. Not `product_exchange`: nothing is exchanged, and seed 002 §8 puts
 * product exchange into manufacturing cost, where a refund would hide among replacement units.
 * Finance books money paid back on a returned unit as a sales return; `other`, named plainly with
 * the RMA number, lets them see it for what it is when they vet it and class it (issue 6).
 * A replacement's cost is the unit sent, which arrives as a part or a manual line, not from here.
 */
export function refundCost(rmaNo: string | null, amount: number, incurredOn: string): WantedCost {
  return { costType: 'other', amount, incurredOn, payer: 'company', description: `退货退款 Refund ${rmaNo ?? ''}`.trim() };
}
