import type { z } from 'zod';
import { ApiError } from '../../shared/errors';
import type { customerPressureSchema, markReviewedSchema, waitingCustomerSchema } from '../../shared/schemas/rules-api';
import { commitChange, loadForChange, type Actor } from './case-change';
import { loadActiveFirings } from './engine-load';

/**
 * The facts of a case that only people know and the rule engine reads (issue 4): that the case waits
 * for the customer (the SLA clocks pause), that the customer presses, and that management has
 * reviewed the escalations that put the case on its review list.
 */

type In<S extends z.ZodType> = z.output<S>;

export async function setWaitingCustomer(a: Actor, i: In<typeof waitingCustomerSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'waiting');
  const since = (await a.db.selectFrom('complaints').select('waiting_customer_since').where('id', '=', f.id).executeTakeFirstOrThrow()).waiting_customer_since;
  if (i.waiting === (since !== null)) return;
  const ts = a.now.toISOString();
  if (i.waiting) {
    await a.db.insertInto('sla_pauses').values({ complaint_id: f.id, started_at: ts, ended_at: null }).execute();
  } else {
    await a.db.updateTable('sla_pauses').set({ ended_at: ts }).where('complaint_id', '=', f.id).where('ended_at', 'is', null).execute();
  }
  await commitChange(a, f, { waiting_customer_since: i.waiting ? ts : null }, [
    { complaintId: f.id, kind: 'field_changed', field: 'waitingCustomer', before: since, after: i.waiting ? ts : null },
  ]);
}

export async function setCustomerPressure(a: Actor, i: In<typeof customerPressureSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'pressure');
  const row = await a.db.selectFrom('complaints').select(['customer_pressure', 'customer_pressure_note']).where('id', '=', f.id).executeTakeFirstOrThrow();
  const before = { pressure: row.customer_pressure === 1, note: row.customer_pressure_note };
  const after = { pressure: i.pressure, note: i.note };
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await commitChange(a, f, { customer_pressure: i.pressure ? 1 : 0, customer_pressure_note: i.note }, [
    { complaintId: f.id, kind: 'field_changed', field: 'customerPressure', before, after },
  ]);
}

/**
 * Management has looked at the case: the firings that put it on the review list are marked reviewed.
 * They stay recorded and keep the level (a missed promise was missed); a rule that fires anew puts it back.
 */
export async function markReviewed(a: Actor, i: In<typeof markReviewedSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, null);
  const open = ((await loadActiveFirings(a.db, [f.id])).get(f.id) ?? []).filter((x) => x.actions.managementReview && x.reviewedAt === null);
  if (!open.length) throw new ApiError('CONFLICT', `complaint ${f.trackingNo} is not on the management review list`);
  await a.db
    .updateTable('rule_firings')
    .set({ reviewed_at: a.now.toISOString(), reviewed_by: a.userId })
    .where('id', 'in', open.map((x) => x.rowId))
    .execute();
  await commitChange(a, f, { management_review: 0 }, [
    { complaintId: f.id, kind: 'management_review', field: 'reviewed', before: open.map((x) => ({ rule: x.ruleId, version: x.ruleVersion })), after: { note: i.note } },
  ]);
}
