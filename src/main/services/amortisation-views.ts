import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AmortisationDimension, AmortisationEntry, AmortisationPivot, PivotRow } from '../../shared/costs';
import type { CostType, Paged } from '../../shared/service';
import type { Database } from '../db/schema';
import { UNALLOCATED } from '../rules/allocation';
import { listPeriods } from './amortisation-periods';

/**
 * The amortisation views (issue 6): a dimension × the twelve months of a year, and the entries
 * behind a row or a cell. By department and by cost type the pivot reads the running totals only
 * (a few hundred rows for a year, whatever the number of cost lines); by product line and by
 * customer it sums the year's entries joined to their cases (the (period, department_id) index
 * bounds the scan to the year).
 */

/** Row key of a product line a case's model has none of. */
export const NO_PRODUCT_LINE = 'none';
const PERSON = 'person:';

interface Cell {
  period: string;
  key: string;
  amount: number;
}

export async function amortisationPivot(db: Kysely<Database>, year: number, dimension: AmortisationDimension): Promise<AmortisationPivot> {
  const from = `${year}-01`;
  const to = `${year}-12`;
  let cells: Cell[];
  let labels: (keys: string[]) => Promise<Map<string, string>>;
  if (dimension === 'department' || dimension === 'cost_type') {
    const col = dimension === 'department' ? 'target' : 'cost_type';
    cells = (
      await db
        .selectFrom('amortisation_totals')
        .select(['period', sql.ref<string>(col).as('key'), (eb) => eb.fn.sum<number>('amount').as('amount')])
        .where('period', '>=', from)
        .where('period', '<=', to)
        .groupBy(['period', col])
        .execute()
    ).map((r) => ({ period: r.period, key: dimension === 'department' ? rowKeyOfTarget(r.key) : r.key, amount: Number(r.amount) }));
    labels = dimension === 'department' ? (keys) => departmentLabels(db, keys) : async (keys) => new Map(keys.map((k) => [k, k]));
  } else if (dimension === 'product_line') {
    cells = (
      await db
        .selectFrom(perCase(db, from, to).as('x'))
        .innerJoin('complaints as c', 'c.id', 'x.complaint_id')
        .innerJoin('product_models as m', 'm.id', 'c.product_model_id')
        .select(['x.period', 'm.product_line as key', (eb) => eb.fn.sum<number>('x.amount').as('amount')])
        .groupBy(['x.period', 'm.product_line'])
        .execute()
    ).map((r) => ({ period: r.period, key: r.key ?? NO_PRODUCT_LINE, amount: Number(r.amount) }));
    labels = async (keys) => new Map(keys.map((k) => [k, k]));
  } else {
    cells = (
      await db
        .selectFrom(perCase(db, from, to).as('x'))
        .innerJoin('complaints as c', 'c.id', 'x.complaint_id')
        .select(['x.period', 'c.customer_id as key', (eb) => eb.fn.sum<number>('x.amount').as('amount')])
        .groupBy(['x.period', 'c.customer_id'])
        .execute()
    ).map((r) => ({ period: r.period, key: String(r.key), amount: Number(r.amount) }));
    labels = async (keys) => {
      const ids = keys.map(Number);
      const rows = ids.length ? await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).execute() : [];
      return new Map(rows.map((r) => [String(r.id), r.name]));
    };
  }

  const byKey = new Map<string, number[]>();
  for (const c of cells) {
    const months = byKey.get(c.key) ?? Array<number>(12).fill(0);
    months[Number(c.period.slice(5, 7)) - 1]! += c.amount;
    byKey.set(c.key, months);
  }
  // A row whose months all net to zero (a line and its reversal) has nothing to show.
  const keys = [...byKey.keys()].filter((k) => byKey.get(k)!.some((v) => v !== 0));
  const names = await labels(keys);
  const rows: PivotRow[] = keys.map((key) => {
    const months = byKey.get(key)!;
    return { key, label: names.get(key) ?? key, months, total: months.reduce((s, v) => s + v, 0) };
  });
  // Biggest first; `unallocated` (and "no product line") last, as the rest Finance still has to place.
  const last = (k: string) => (k === UNALLOCATED || (dimension === 'product_line' && k === NO_PRODUCT_LINE) ? 1 : 0);
  rows.sort((a, b) => last(a.key) - last(b.key) || b.total - a.total || a.label.localeCompare(b.label));
  const months = Array.from({ length: 12 }, (_, i) => rows.reduce((s, r) => s + r.months[i]!, 0));
  return { year, dimension, rows, months, total: months.reduce((s, v) => s + v, 0), periods: await listPeriods(db, year) };
}

/**
 * The year's entries summed per month and case first, then joined to the cases: half the time of
 * joining every entry (measured on 1.5 million entries), and the shape a covering index on
 * (period, complaint_id, amount) would answer from the index alone.
 */
function perCase(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('amortisation_entries')
    .select(['period', 'complaint_id', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('period', '>=', from)
    .where('period', '<=', to)
    .groupBy(['period', 'complaint_id']);
}

/** Totals' `d:<id>` / `p:<name>` / `unallocated` as the pivot's row key: `<id>`, `person:<name>`, `unallocated`. */
function rowKeyOfTarget(t: string): string {
  if (t.startsWith('d:')) return t.slice(2);
  if (t.startsWith('p:')) return PERSON + t.slice(2);
  return UNALLOCATED;
}

async function departmentLabels(db: Kysely<Database>, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
  const rows = ids.length ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute() : [];
  const out = new Map(rows.map((r) => [String(r.id), r.name]));
  for (const k of keys) if (k.startsWith(PERSON)) out.set(k, k.slice(PERSON.length));
  // The renderer translates the key `unallocated`.
  out.set(UNALLOCATED, UNALLOCATED);
  return out;
}

type EntryQuery = SelectQueryBuilder<
  Database & { e: Database['amortisation_entries']; c: Database['complaints'] },
  'e' | 'c',
  object
>;

/** The entries behind one row (and month) of the pivot, newest period first, paged. */
export async function amortisationDrill(
  db: Kysely<Database>,
  i: { year: number; dimension: AmortisationDimension; key: string; month: number | null; offset: number; limit: number },
): Promise<Paged<AmortisationEntry>> {
  const base = (): EntryQuery => {
    let q = db
      .selectFrom('amortisation_entries as e')
      .innerJoin('complaints as c', 'c.id', 'e.complaint_id') as unknown as EntryQuery;
    if (i.month !== null) q = q.where('e.period', '=', `${i.year}-${String(i.month).padStart(2, '0')}`);
    else q = q.where('e.period', '>=', `${i.year}-01`).where('e.period', '<=', `${i.year}-12`);
    if (i.dimension === 'department') {
      if (i.key === UNALLOCATED) q = q.where('e.department_id', 'is', null).where('e.person_name', 'is', null);
      else if (i.key.startsWith(PERSON)) q = q.where('e.department_id', 'is', null).where('e.person_name', '=', i.key.slice(PERSON.length));
      else q = q.where('e.department_id', '=', /^\d+$/.test(i.key) ? Number(i.key) : -1);
    } else if (i.dimension === 'cost_type') q = q.where('e.cost_type', '=', i.key);
    else if (i.dimension === 'customer') q = q.where('c.customer_id', '=', /^\d+$/.test(i.key) ? Number(i.key) : -1);
    else {
      const pm = db.selectFrom('product_models').select('id');
      q = q.where('c.product_model_id', 'in', i.key === NO_PRODUCT_LINE ? pm.where('product_line', 'is', null) : pm.where('product_line', '=', i.key));
    }
    return q;
  };
  const total = await base()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base()
    .leftJoin('departments as d', 'd.id', 'e.department_id')
    .select([
      'e.id',
      'e.cost_line_id',
      'e.complaint_id',
      'c.tracking_no',
      'c.customer_name',
      'e.period',
      'e.department_id',
      'd.name as department_name',
      'e.person_name',
      'e.cost_type',
      'e.kind',
      'e.amount',
      'e.share_bp',
    ])
    .orderBy('e.period', 'desc')
    .orderBy('e.id', 'desc')
    .limit(i.limit)
    .offset(i.offset)
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      costLineId: r.cost_line_id,
      complaintId: r.complaint_id,
      trackingNo: r.tracking_no,
      customerName: r.customer_name,
      period: r.period,
      departmentId: r.department_id,
      departmentName: r.department_name,
      personName: r.person_name,
      costType: r.cost_type as CostType,
      kind: r.kind as AmortisationEntry['kind'],
      amount: r.amount,
      shareBp: r.share_bp,
    })),
  };
}
