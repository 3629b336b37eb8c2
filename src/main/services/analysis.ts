import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { ParetoDimension, ParetoResult } from '../../shared/analysis';
import { addDays, startOfDayUtc } from '../../shared/dates';
import type { Classification, Severity } from '../../shared/domain';
import type { Database } from '../db/schema';
import { shapePareto, type ParetoGroup } from '../rules/pareto';
import { getSettings } from './settings';

/**
 * Pareto diagrams (issue 7): one GROUP BY in SQL over the period's cases (or, for costs, the
 * period's approved cost lines), shaped by the pure `rules/pareto`. Cases are those received in the
 * period (calendar dates in the office time zone, both ends included): the range on received_at is
 * the first column of the (received_at, x) indexes of migration 007, so the plain dimensions are a
 * covering range scan.
 */

export interface ParetoQuery {
  dimension: ParetoDimension;
  from: string;
  to: string;
  severities: Severity[];
  classifications: Classification[];
  productLine: string | null;
  limit: number;
}

/** The UTC instants that bound the office calendar days `from`…`to`: [lo, hi). */
export function periodInstants(from: string, to: string, timeZone: string): { lo: string; hi: string } {
  return { lo: startOfDayUtc(from, timeZone).toISOString(), hi: startOfDayUtc(addDays(to, 1), timeZone).toISOString() };
}

/** The filters of the screen on the case (alias `c`), as SQL fragments: any query that has `c` can take them. */
function caseFilters(q: ParetoQuery): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (q.severities.length) out.push(sql<SqlBool>`c.severity IN (${sql.join(q.severities)})`);
  if (q.classifications.length) out.push(sql<SqlBool>`c.classification IN (${sql.join(q.classifications)})`);
  if (q.productLine !== null) out.push(sql<SqlBool>`c.product_model_id IN (SELECT id FROM product_models WHERE product_line = ${q.productLine})`);
  return out;
}

/** Cases received in the period that pass the filters. */
function periodCases(q: ParetoQuery, lo: string, hi: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.join([sql`c.received_at >= ${lo}`, sql`c.received_at < ${hi}`, ...caseFilters(q)], sql` AND `)}`;
}

interface Row {
  key: string | number | null;
  n: number | bigint | null;
}
const groups = (rows: Row[], label: (key: string) => string = (k) => k): ParetoGroup[] =>
  rows.filter((r) => r.key !== null).map((r) => ({ key: String(r.key), label: label(String(r.key)), value: Number(r.n ?? 0) }));

async function aggregate(db: Kysely<Database>, q: ParetoQuery, lo: string, hi: string): Promise<ParetoGroup[]> {
  const cases = db.selectFrom('complaints as c');
  switch (q.dimension) {
    case 'defect_category':
    case 'product_model': {
      const col = q.dimension === 'defect_category' ? 'c.defect_category' : 'c.product_model';
      return groups(
        await cases
          .select([`${col} as key`, (eb) => eb.fn.countAll<number>().as('n')])
          .where(() => periodCases(q, lo, hi))
          .groupBy(col)
          .execute(),
      );
    }
    case 'customer': {
      const rows = await cases
        .select(['c.customer_id as key', (eb) => eb.fn.countAll<number>().as('n')])
        .where(() => periodCases(q, lo, hi))
        .groupBy('c.customer_id')
        .execute();
      const ids = rows.map((r) => r.key);
      const names = new Map<string, string>();
      // Labels only for what is drawn: a customer Pareto of 400 customers still names a few dozen.
      for (let i = 0; i < ids.length; i += 500) {
        for (const c of await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute()) names.set(String(c.id), c.name);
      }
      return groups(rows, (k) => names.get(k) ?? `#${k}`);
    }
    case 'responsible_department': {
      // A case shared by two departments counts for each: the bar is "cases this department answers for".
      // The responsibilities carry their case's received_at: a range scan of the (received_at,
      // department_id, complaint_id) index; filters probe the case only when there are any.
      const filtered = q.severities.length || q.classifications.length || q.productLine !== null;
      let resp = db
        .selectFrom('responsibilities as r')
        .select(['r.department_id as key', (eb) => eb.fn.count<number>('r.complaint_id').distinct().as('n')])
        .where('r.received_at', '>=', lo)
        .where('r.received_at', '<', hi)
        .where('r.department_id', 'is not', null)
        .groupBy('r.department_id');
      if (filtered) {
        resp = resp.where((eb) => eb.exists(eb.selectFrom('complaints as c').select(sql.lit(1).as('one')).whereRef('c.id', '=', 'r.complaint_id').where(() => sql<SqlBool>`${sql.join(caseFilters(q), sql` AND `)}`)));
      }
      const rows = await resp.execute();
      const names = new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [String(d.id), d.name]));
      return groups(rows, (k) => names.get(k) ?? `#${k}`);
    }
    case 'repair_type':
      // The treatment chosen by the decision (sales manager or chairman) of each decided case: its
      // kind is copied onto the case (chosen_kind), so this is a covering scan of (received_at, chosen_kind).
      return groups(
        await cases
          .select(['c.chosen_kind as key', (eb) => eb.fn.countAll<number>().as('n')])
          .where((eb) => eb.and([periodCases(q, lo, hi), eb('c.chosen_kind', 'is not', null)]))
          .groupBy('c.chosen_kind')
          .execute(),
      );
    case 'return_reason':
      // Cases with a return (one not refused), by the defect category the customer reported.
      return groups(
        await cases
          .select(['c.defect_category as key', (eb) => eb.fn.countAll<number>().as('n')])
          .where((eb) =>
            eb.and([
              periodCases(q, lo, hi),
              eb.exists(eb.selectFrom('rmas as r').select(sql.lit(1).as('one')).whereRef('r.complaint_id', '=', 'c.id').where('r.state', '!=', 'rejected')),
            ]),
          )
          .groupBy('c.defect_category')
          .execute(),
      );
    case 'cost_type': {
      // Approved cost (fen, base currency) incurred in the period; reversals net out.
      const filtered = q.severities.length || q.classifications.length || q.productLine !== null;
      let lines = db
        .selectFrom('cost_lines as l')
        .select(['l.cost_type as key', (eb) => eb.fn.sum<number>('l.base_amount').as('n')])
        .where('l.state', '=', 'approved')
        .where('l.incurred_on', '>=', q.from)
        .where('l.incurred_on', '<=', q.to)
        .groupBy('l.cost_type');
      if (filtered) {
        lines = lines.where((eb) => eb.exists(eb.selectFrom('complaints as c').select(sql.lit(1).as('one')).whereRef('c.id', '=', 'l.complaint_id').where(() => sql<SqlBool>`${sql.join(caseFilters(q), sql` AND `)}`)));
      }
      return groups(await lines.execute());
    }
  }
}

export async function paretoOf(db: Kysely<Database>, q: ParetoQuery): Promise<ParetoResult> {
  const tz = (await getSettings(db)).officeTimeZone;
  const { lo, hi } = periodInstants(q.from, q.to, tz);
  const shape = shapePareto(await aggregate(db, q, lo, hi), q.limit);
  return { dimension: q.dimension, from: q.from, to: q.to, ...shape, unit: q.dimension === 'cost_type' ? 'fen' : 'cases' };
}
