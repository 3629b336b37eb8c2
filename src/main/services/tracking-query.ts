import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import { addDays, startOfDayUtc, zonedParts } from '../../shared/dates';
import type {
  ColumnFilter,
  DateCondition,
  FilterModel,
  SortModel,
  TextCondition,
  TrackingColumn,
  TrackingView,
} from '../../shared/schemas/grid';
import type { ComplaintRow, TrackingPage } from '../../shared/types';
import { like } from '../db/like';
import type { Database } from '../db/schema';

/**
 * The customer complaints tracking table, answered in SQL: ag-grid's sort and filter models become
 * WHERE and ORDER BY over indexed columns, a page is LIMIT/OFFSET, and nothing reads the whole table.
 * Column ids come from a closed list (shared/schemas/grid.ts) and map to SQL names here.
 */

type Kind = 'text' | 'choice' | 'instant' | 'date';
const COLUMNS: Record<TrackingColumn, { sql: keyof Database['complaints'] & string; kind: Kind }> = {
  trackingNo: { sql: 'tracking_no', kind: 'text' },
  receivedAt: { sql: 'received_at', kind: 'instant' },
  channel: { sql: 'channel', kind: 'choice' },
  customerName: { sql: 'customer_name', kind: 'text' },
  contactName: { sql: 'contact_name', kind: 'text' },
  productModel: { sql: 'product_model', kind: 'text' },
  serialNo: { sql: 'serial_no', kind: 'text' },
  deliveryDate: { sql: 'delivery_date', kind: 'date' },
  defectCategory: { sql: 'defect_category', kind: 'choice' },
  severity: { sql: 'severity', kind: 'choice' },
  state: { sql: 'state', kind: 'choice' },
  description: { sql: 'description', kind: 'text' },
  createdAt: { sql: 'created_at', kind: 'instant' },
  classification: { sql: 'classification', kind: 'choice' },
  stateChangedAt: { sql: 'state_changed_at', kind: 'instant' },
  closedAt: { sql: 'closed_at', kind: 'instant' },
  warrantyStatus: { sql: 'warranty_status', kind: 'choice' },
  slaDueAt: { sql: 'sla_due_at', kind: 'instant' },
  slaState: { sql: 'sla_state', kind: 'choice' },
  escalationLevel: { sql: 'escalation_level', kind: 'choice' },
  priority: { sql: 'priority', kind: 'choice' },
  rmaState: { sql: 'rma_state', kind: 'choice' },
  nextVisitAt: { sql: 'next_visit_at', kind: 'instant' },
};

type EB = ExpressionBuilder<Database, 'complaints'>;

/** The select list of a tracking-table row, aliased to the shared camelCase type. */
export const ROW_SELECT = [
  'complaints.id',
  'complaints.tracking_no as trackingNo',
  'complaints.received_at as receivedAt',
  'complaints.channel',
  'complaints.customer_id as customerId',
  'complaints.customer_name as customerName',
  'complaints.contact_name as contactName',
  'complaints.product_model as productModel',
  'complaints.serial_no as serialNo',
  'complaints.delivery_date as deliveryDate',
  'complaints.defect_category as defectCategory',
  'complaints.severity',
  'complaints.state',
  'complaints.description',
  'complaints.created_at as createdAt',
  'complaints.classification',
  'complaints.owner_id as ownerId',
  'owner.name as ownerName',
  'complaints.escalated',
  'complaints.dispute_open as disputeOpen',
  'complaints.state_changed_at as stateChangedAt',
  'complaints.closed_at as closedAt',
  'complaints.warranty_status as warrantyStatus',
  'complaints.sla_due_at as slaDueAt',
  'complaints.sla_state as slaState',
  'complaints.escalation_level as escalationLevel',
  'complaints.priority',
  'complaints.management_review as managementReview',
  'complaints.customer_pressure as customerPressure',
  'complaints.waiting_customer_since as waitingCustomerSince',
  'complaints.rma_state as rmaState',
  'complaints.next_visit_at as nextVisitAt',
] as const;

/** Complaints with their owner's name: the base of every row the tracking table and the case show. */
export function rowQuery(db: Kysely<Database>) {
  return db.selectFrom('complaints').leftJoin('users as owner', 'owner.id', 'complaints.owner_id');
}

type Flags = 'escalated' | 'disputeOpen' | 'managementReview' | 'customerPressure';
/** SQLite keeps flags as 0/1; the row type has booleans. */
export function toRow<R extends Record<Flags, number>>(r: R): Omit<R, Flags> & Record<Flags, boolean> {
  return {
    ...r,
    escalated: r.escalated === 1,
    disputeOpen: r.disputeOpen === 1,
    managementReview: r.managementReview === 1,
    customerPressure: r.customerPressure === 1,
  };
}

function textCondition(eb: EB, col: string, c: TextCondition): Expression<SqlBool> {
  const v = c.filter ?? '';
  const ref = eb.ref(col as 'id');
  switch (c.type) {
    case 'blank':
      return eb.or([eb(ref, 'is', null), eb(ref, '=', '' as never)]);
    case 'notBlank':
      return eb.and([eb(ref, 'is not', null), eb(ref, '!=', '' as never)]);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
    case 'equals':
      return like(col, c.type, v);
    case 'notContains':
      return eb.or([eb(ref, 'is', null), eb.not(like(col, 'contains', v))]);
    case 'notEqual':
      return eb.or([eb(ref, 'is', null), eb.not(like(col, 'equals', v))]);
  }
}

function dateCondition(eb: EB, col: string, kind: 'instant' | 'date', c: DateCondition, tz: string): Expression<SqlBool> {
  const ref = eb.ref(col as 'id');
  if (c.type === 'blank') return eb(ref, 'is', null);
  if (c.type === 'notBlank') return eb(ref, 'is not', null);
  const from = c.dateFrom;
  if (!from) return sql<SqlBool>`1 = 1`;
  // A calendar day D covers [start(D), start(D+1)): for instants in the office time zone, for dates as text.
  const start = (d: string) => (kind === 'instant' ? startOfDayUtc(d, tz).toISOString() : d);
  const lo = start(from);
  const hi = start(addDays(from, 1));
  const v = (s: string) => s as never;
  switch (c.type) {
    case 'equals':
      return eb.and([eb(ref, '>=', v(lo)), eb(ref, '<', v(hi))]);
    case 'notEqual':
      return eb.or([eb(ref, 'is', null), eb(ref, '<', v(lo)), eb(ref, '>=', v(hi))]);
    case 'lessThan':
      return eb(ref, '<', v(lo));
    case 'greaterThan':
      return eb(ref, '>=', v(hi));
    case 'inRange': {
      // Both ends inclusive, as a person reads "from 1 March to 31 March".
      const to = c.dateTo && c.dateTo >= from ? c.dateTo : from;
      return eb.and([eb(ref, '>=', v(lo)), eb(ref, '<', v(start(addDays(to, 1))))]);
    }
  }
}

function columnCondition(eb: EB, colId: TrackingColumn, f: ColumnFilter, tz: string): Expression<SqlBool> {
  const { sql: col, kind } = COLUMNS[colId];
  if (f.filterType === 'set') {
    return f.values.length ? eb(eb.ref(col as 'id'), 'in', f.values as never[]) : sql<SqlBool>`1 = 0`;
  }
  if (f.filterType === 'text') {
    if (kind === 'choice') {
      // A choice column filtered as text matches its codes exactly.
      const conds = 'conditions' in f ? f.conditions : [f];
      const parts = conds.map((c) => eb(eb.ref(col as 'id'), '=', (c.filter ?? '') as never));
      return 'operator' in f && f.operator === 'OR' ? eb.or(parts) : eb.and(parts);
    }
    if ('conditions' in f) {
      const parts = f.conditions.map((c) => textCondition(eb, col, c));
      return f.operator === 'OR' ? eb.or(parts) : eb.and(parts);
    }
    return textCondition(eb, col, f);
  }
  const dk: 'instant' | 'date' = kind === 'instant' ? 'instant' : 'date';
  if ('conditions' in f) {
    const parts = f.conditions.map((c) => dateCondition(eb, col, dk, c, tz));
    return f.operator === 'OR' ? eb.or(parts) : eb.and(parts);
  }
  return dateCondition(eb, col, dk, f, tz);
}

/** Quick search: every word must occur in the case's search text (tracking no, customer, serial, description). */
export function searchTerms(q: string): string[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5);
}

export interface TrackingFilter {
  filterModel: FilterModel;
  quickSearch: string;
  view?: TrackingView;
}

/** Who asks and when: the saved views "mine" and "closed this month" depend on it. */
export interface Viewer {
  userId: number;
  now: Date;
  timeZone: string;
}

const CLOSED: readonly string[] = ['closed', 'rejected'];

function viewCondition(eb: EB, view: TrackingView, who: Viewer): Expression<SqlBool> | null {
  switch (view) {
    case 'all':
      return null;
    case 'open':
      return eb('state', 'not in', CLOSED as never[]);
    case 'mine':
      return eb.and([eb('owner_id', '=', who.userId), eb('state', 'not in', CLOSED as never[])]);
    case 'awaiting_manager':
      // §6.1: acceptance and the decision are the sales manager's.
      return eb('state', 'in', ['registered', 'awaiting_decision'] as never[]);
    case 'awaiting_chairman':
      return eb('state', '=', 'awaiting_chairman' as never);
    case 'awaiting_customer_agreement':
      // §5.2: non-quality cases whose costs the customer has not yet agreed to.
      return eb.and([
        eb('classification', '=', 'non_quality' as never),
        eb('state', 'in', ['investigating', 'awaiting_decision'] as never[]),
        eb.or([eb('customer_agreed', 'is', null), eb('customer_agreed', '=', 0 as never)]),
      ]);
    case 'escalated':
      // Escalated by hand, or by a rule (issue 4).
      return eb.and([eb.or([eb('escalated', '=', 1 as never), eb('escalation_level', 'is not', null)]), eb('state', 'not in', CLOSED as never[])]);
    case 'management_review':
      // Until management has reviewed it, whatever state the case is in: a missed promise is reviewed even once served.
      return eb('management_review', '=', 1 as never);
    case 'closed_this_month': {
      const p = zonedParts(who.now, who.timeZone);
      const first = `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-01`;
      const from = startOfDayUtc(first, who.timeZone).toISOString();
      return eb.and([eb('state', '=', 'closed' as never), eb('closed_at', '>=', from as never)]);
    }
  }
}

/**
 * How the quick search joins the other conditions. `inline`: tested row by row along the sort's
 * index walk, which stops at the page (cheap for a common word, a whole-index walk for a rare one).
 * `matches`: the matching ids first, from one pass over the index that holds search_text
 * (migration 003), then sorted; a rare word under any sort costs that one pass, not a walk of
 * the sort column's index with a table read per row.
 */
type SearchMode = 'inline' | 'matches';

function where(eb: EB, f: TrackingFilter, who: Viewer, search: SearchMode = 'inline'): Expression<SqlBool> {
  const tz = who.timeZone;
  const parts: Expression<SqlBool>[] = [];
  const v = viewCondition(eb, f.view ?? 'all', who);
  if (v) parts.push(v);
  for (const [colId, filter] of Object.entries(f.filterModel) as Array<[TrackingColumn, ColumnFilter | undefined]>) {
    if (filter) parts.push(columnCondition(eb, colId, filter, tz));
  }
  const terms = searchTerms(f.quickSearch).map((term) => like('search_text', 'contains', term));
  if (terms.length && search === 'matches') {
    parts.push(eb('id', 'in', eb.selectFrom('complaints').select('id').where(eb.and(terms))));
  } else {
    parts.push(...terms);
  }
  return eb.and(parts);
}

export async function trackingPage(
  db: Kysely<Database>,
  q: TrackingFilter & { startRow: number; endRow: number; sortModel: SortModel },
  who: Viewer,
): Promise<TrackingPage> {
  const size = q.endRow - q.startRow;
  const sort = q.sortModel.length ? q.sortModel : [{ colId: 'receivedAt' as const, sort: 'desc' as const }];
  // The id breaks ties, so that paging never repeats or skips a row; SQLite finds it in every index.
  const tie = sort[sort.length - 1]!.sort;
  // The page's ids first, then its rows: the sort and the OFFSET handle keys only, which the
  // (filter, sort) indexes hold without the table, and whole rows are read for this page alone.
  // One row more than asked tells whether this page is the last without counting the table.
  // Received-date order walks the index that also holds search_text; any other order takes the matches first.
  const search: SearchMode = sort[0]!.colId === 'receivedAt' ? 'inline' : 'matches';
  let ids = db.selectFrom('complaints').select('id').where((eb) => where(eb, q, who, search));
  for (const s of sort) ids = ids.orderBy(COLUMNS[s.colId].sql, s.sort);
  ids = ids.orderBy('id', tie).limit(size + 1).offset(q.startRow);
  let query = rowQuery(db).select(ROW_SELECT).where('complaints.id', 'in', ids);
  for (const s of sort) query = query.orderBy(`complaints.${COLUMNS[s.colId].sql}`, s.sort);
  const rows = (await query.orderBy('complaints.id', tie).execute()).map(toRow) as ComplaintRow[];
  const last = rows.length <= size;
  if (!last) rows.pop();
  // A page that starts past the end (rows deleted since the grid learnt the count) must not report
  // its start as the total: ag-grid would show rows that do not exist. Count in that rare case.
  if (last && !rows.length && q.startRow > 0) return { rows, lastRow: await trackingCount(db, q, who) };
  return { rows, lastRow: last ? q.startRow + rows.length : null };
}

/**
 * Every matching case's id in the table's order, ids only (the (filter, sort) indexes answer it
 * without reading rows), at most `limit`: for an export, which then reads whole rows by id in small
 * chunks. One pass of the filter and sort, and a snapshot: cases registered meanwhile do not shift it.
 */
export async function trackingIds(
  db: Kysely<Database>,
  q: TrackingFilter & { sortModel: SortModel },
  who: Viewer,
  limit: number,
): Promise<number[]> {
  const sort = q.sortModel.length ? q.sortModel : [{ colId: 'receivedAt' as const, sort: 'desc' as const }];
  const tie = sort[sort.length - 1]!.sort;
  const search: SearchMode = sort[0]!.colId === 'receivedAt' ? 'inline' : 'matches';
  let ids = db.selectFrom('complaints').select('id').where((eb) => where(eb, q, who, search));
  for (const s of sort) ids = ids.orderBy(COLUMNS[s.colId].sql, s.sort);
  const rows = await ids.orderBy('id', tie).limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The tracking table's rows of these cases, in the order of `ids` (ids no longer there are left out). */
export async function trackingRowsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<ComplaintRow[]> {
  if (!ids.length) return [];
  const rows = (await rowQuery(db).select(ROW_SELECT).where('complaints.id', 'in', [...ids]).execute()).map(toRow) as ComplaintRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function trackingCount(db: Kysely<Database>, f: TrackingFilter, who: Viewer): Promise<number> {
  const r = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => where(eb, f, who))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
