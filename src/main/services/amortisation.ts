import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { allocateToBearers, parseTarget, targetOf, type Bearer, type Target } from '../rules/allocation';

/**
 * Amortisation of approved costs (issue 6; seed 002 §5.3: "the Finance Department is responsible
 * for vetting service work costs incurred and the implementation of the amortization department").
 *
 * Only what the company bears is amortised: approved lines booked as after-sales expense or
 * manufacturing cost (§8.1, §8.2); recoverable costs are someone else's money. A line is split over
 * the case's responsibility decision by its shares; without a decision it is all `unallocated`.
 *
 * The entries of a closed period are the books and never change (the store refuses it too). So a
 * line is reconciled as: what each target should bear (T), less what closed periods already booked
 * to it (C); the line's entries in open periods are replaced by one entry per target of T − C in the
 * open period for the line's month — an `allocation` in the line's own month, an `adjustment` in a
 * later one. `amortisation_totals` moves by the same difference in the same transaction, so the
 * department × month view never sums the entries. Running it twice changes nothing.
 */

/** The company-borne classes; the others are recovered from customers, suppliers or partners. */
export const AMORTISED_CLASSES: readonly string[] = ['after_sales_expense', 'manufacturing_cost'];

/** `YYYY-MM` of the month after. */
export function nextPeriod(p: string): string {
  const y = Number(p.slice(0, 4));
  const m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The line's own month if it is open, else the first open month after it. */
export async function openPeriodFor(db: Kysely<Database>, period: string): Promise<string> {
  const closed = new Set(
    (await db.selectFrom('accounting_periods').select('period').where('period', '>=', period).execute()).map((r) => r.period),
  );
  let p = period;
  while (closed.has(p)) p = nextPeriod(p);
  return p;
}

async function bearersOf(db: Kysely<Database>, complaintId: number): Promise<Bearer[]> {
  return (
    await db
      .selectFrom('responsibilities')
      .select(['department_id', 'person_name', 'share_bp'])
      .where('complaint_id', '=', complaintId)
      .orderBy('id')
      .execute()
  ).map((r) => ({ departmentId: r.department_id, personName: r.person_name, shareBp: r.share_bp }));
}

export async function reconcileLine(db: Kysely<Database>, lineId: number, now: Date): Promise<void> {
  const line = await db
    .selectFrom('cost_lines')
    .select(['id', 'complaint_id', 'state', 'cost_class', 'base_amount', 'incurred_on', 'cost_type'])
    .where('id', '=', lineId)
    .executeTakeFirst();
  if (!line) return;
  await reconcile(db, line, await bearersOf(db, line.complaint_id), now);
}

export async function reconcileCase(db: Kysely<Database>, complaintId: number, now: Date): Promise<void> {
  // Approved lines, and any line that has entries (should one ever leave `approved`, its share goes back out).
  const lines = await db
    .selectFrom('cost_lines')
    .select(['id', 'complaint_id', 'state', 'cost_class', 'base_amount', 'incurred_on', 'cost_type'])
    .where('complaint_id', '=', complaintId)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'approved'),
        eb('id', 'in', eb.selectFrom('amortisation_entries').select('cost_line_id').where('complaint_id', '=', complaintId)),
      ]),
    )
    .orderBy('id')
    .execute();
  if (!lines.length) return;
  const bearers = await bearersOf(db, complaintId);
  for (const line of lines) await reconcile(db, line, bearers, now);
}

interface LineRow {
  id: number;
  complaint_id: number;
  state: string;
  cost_class: string | null;
  base_amount: number;
  incurred_on: string;
  cost_type: string;
}

interface Part {
  period: string;
  target: Target;
  kind: string;
  shareBp: number;
  amount: number;
}

async function reconcile(db: Kysely<Database>, line: LineRow, bearers: Bearer[], now: Date): Promise<void> {
  const amortised = line.state === 'approved' && line.cost_class !== null && AMORTISED_CLASSES.includes(line.cost_class);
  const wanted = amortised ? allocateToBearers(line.base_amount, bearers) : new Map<Target, { amount: number; shareBp: number }>();

  const entries = await db
    .selectFrom('amortisation_entries')
    .select(['id', 'period', 'department_id', 'person_name', 'kind', 'share_bp', 'amount'])
    .where('cost_line_id', '=', line.id)
    .orderBy('id')
    .execute();
  const periods = [...new Set(entries.map((e) => e.period))];
  const closed = new Set(
    periods.length ? (await db.selectFrom('accounting_periods').select('period').where('period', 'in', periods).execute()).map((r) => r.period) : [],
  );
  const booked = new Map<Target, number>();
  const open: Array<Part & { id: number }> = [];
  for (const e of entries) {
    const target = targetOf({ departmentId: e.department_id, personName: e.person_name });
    if (closed.has(e.period)) booked.set(target, (booked.get(target) ?? 0) + e.amount);
    else open.push({ id: e.id, period: e.period, target, kind: e.kind, shareBp: e.share_bp, amount: e.amount });
  }

  const own = line.incurred_on.slice(0, 7);
  const period = await openPeriodFor(db, own);
  const kind = period === own ? 'allocation' : 'adjustment';
  const next: Part[] = [];
  for (const target of new Set([...wanted.keys(), ...booked.keys()])) {
    const amount = (wanted.get(target)?.amount ?? 0) - (booked.get(target) ?? 0);
    if (amount !== 0) next.push({ period, target, kind, shareBp: wanted.get(target)?.shareBp ?? 0, amount });
  }

  const key = (p: Part) => `${p.period}|${p.target}|${p.kind}|${p.shareBp}|${p.amount}`;
  if (JSON.stringify(open.map(key).sort()) === JSON.stringify(next.map(key).sort())) return;

  if (open.length) await db.deleteFrom('amortisation_entries').where('id', 'in', open.map((e) => e.id)).execute();
  if (next.length) {
    await db
      .insertInto('amortisation_entries')
      .values(
        next.map((p) => {
          const t = parseTarget(p.target);
          return {
            cost_line_id: line.id,
            complaint_id: line.complaint_id,
            period: p.period,
            department_id: t.departmentId,
            person_name: t.personName,
            cost_type: line.cost_type,
            kind: p.kind,
            share_bp: p.shareBp,
            amount: p.amount,
            created_at: now.toISOString(),
          };
        }),
      )
      .execute();
  }

  // The running totals move by exactly what the open entries moved by.
  const delta = new Map<string, { period: string; target: Target; amount: number }>();
  const move = (p: Part, sign: number) => {
    const k = `${p.period}|${p.target}`;
    const d = delta.get(k) ?? { period: p.period, target: p.target, amount: 0 };
    d.amount += sign * p.amount;
    delta.set(k, d);
  };
  for (const p of open) move(p, -1);
  for (const p of next) move(p, 1);
  for (const d of delta.values()) {
    if (d.amount === 0) continue;
    await db
      .insertInto('amortisation_totals')
      .values({ period: d.period, target: d.target, cost_type: line.cost_type, amount: d.amount })
      .onConflict((oc) => oc.columns(['period', 'target', 'cost_type']).doUpdateSet((eb) => ({ amount: eb('amortisation_totals.amount', '+', eb.ref('excluded.amount')) })))
      .execute();
  }
}
