import type Database from 'better-sqlite3';
import type { ColumnFilter, DateCondition, FilterModel, SortModel, TextCondition, TrackingColumn } from '../../src/shared/schemas/grid';
import type { ComplaintRow } from '../../src/shared/types';

/**
 * The tracking table's paging, sorting and filtering redone in plain TypeScript over every row, as
 * the reference that `complaints.page` (which does it in SQL) is compared with. Written from what a
 * person expects of the grid, not from the service's code: filters are case-insensitive (ASCII, as
 * SQL LIKE), `%` and `_` are plain characters, received dates are calendar days in Shanghai, and
 * text sorts in code-point order with empty values first.
 */

/** Every row, read once with hand-written SQL. */
export function readAllRows(sqlite: Database.Database): ComplaintRow[] {
  return sqlite
    .prepare(
      `SELECT complaints.id, tracking_no AS trackingNo, received_at AS receivedAt, channel, customer_id AS customerId,
              customer_name AS customerName, contact_name AS contactName, product_model AS productModel,
              serial_no AS serialNo, delivery_date AS deliveryDate, defect_category AS defectCategory,
              severity, state, description, complaints.created_at AS createdAt,
              classification, owner_id AS ownerId, users.name AS ownerName, escalated, dispute_open AS disputeOpen,
              state_changed_at AS stateChangedAt, closed_at AS closedAt,
              warranty_status AS warrantyStatus, sla_due_at AS slaDueAt, sla_state AS slaState,
              escalation_level AS escalationLevel, priority, management_review AS managementReview,
              customer_pressure AS customerPressure, waiting_customer_since AS waitingCustomerSince,
              rma_state AS rmaState, next_visit_at AS nextVisitAt
         FROM complaints LEFT JOIN users ON users.id = complaints.owner_id`,
    )
    .all()
    .map((r) => {
      type Flag = 'escalated' | 'disputeOpen' | 'managementReview' | 'customerPressure';
      const row = r as Omit<ComplaintRow, Flag> & Record<Flag, number>;
      return {
        ...row,
        escalated: row.escalated === 1,
        disputeOpen: row.disputeOpen === 1,
        managementReview: row.managementReview === 1,
        customerPressure: row.customerPressure === 1,
      };
    });
}

export interface Query {
  sortModel?: SortModel;
  filterModel?: FilterModel;
  quickSearch?: string;
}

type Kind = 'text' | 'choice' | 'instant' | 'date';
const KIND: Record<TrackingColumn, Kind> = {
  trackingNo: 'text',
  customerName: 'text',
  contactName: 'text',
  productModel: 'text',
  serialNo: 'text',
  description: 'text',
  channel: 'choice',
  defectCategory: 'choice',
  severity: 'choice',
  state: 'choice',
  classification: 'choice',
  warrantyStatus: 'choice',
  slaState: 'choice',
  escalationLevel: 'choice',
  priority: 'choice',
  rmaState: 'choice',
  receivedAt: 'instant',
  slaDueAt: 'instant',
  createdAt: 'instant',
  stateChangedAt: 'instant',
  closedAt: 'instant',
  nextVisitAt: 'instant',
  deliveryDate: 'date',
};

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** Shanghai is UTC+8 all year (no DST since 1991): its calendar day is the UTC day of t + 8 h. */
export const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

function textMatches(v: string | null, c: TextCondition): boolean {
  const f = lower(c.filter ?? '');
  const s = v === null ? null : lower(v);
  switch (c.type) {
    case 'contains':
      return s !== null && s.includes(f);
    case 'notContains':
      return s === null || !s.includes(f);
    case 'equals':
      return s !== null && s === f;
    case 'notEqual':
      return s === null || s !== f;
    case 'startsWith':
      return s !== null && s.startsWith(f);
    case 'endsWith':
      return s !== null && s.endsWith(f);
    case 'blank':
      return s === null || s === '';
    case 'notBlank':
      return s !== null && s !== '';
  }
}

function dateMatches(day: string | null, c: DateCondition): boolean {
  if (c.type === 'blank') return day === null;
  if (c.type === 'notBlank') return day !== null;
  const from = c.dateFrom?.slice(0, 10);
  if (!from) return true;
  if (day === null) return c.type === 'notEqual';
  switch (c.type) {
    case 'equals':
      return day === from;
    case 'notEqual':
      return day !== from;
    case 'lessThan':
      return day < from;
    case 'greaterThan':
      return day > from;
    case 'inRange': {
      const to = c.dateTo?.slice(0, 10);
      return day >= from && day <= (to && to >= from ? to : from);
    }
  }
}

function columnMatches(row: ComplaintRow, col: TrackingColumn, f: ColumnFilter): boolean {
  const raw = row[col] as string | null;
  const kind = KIND[col];
  if (f.filterType === 'set') return raw !== null && f.values.includes(raw);
  const combine = <C>(conds: C[], op: 'AND' | 'OR', test: (c: C) => boolean) => (op === 'AND' ? conds.every(test) : conds.some(test));
  if (f.filterType === 'text') {
    const test = kind === 'choice' ? (c: TextCondition) => raw === (c.filter ?? '') : (c: TextCondition) => textMatches(raw, c);
    return 'conditions' in f ? combine(f.conditions, f.operator, test) : test(f);
  }
  const day = raw === null ? null : kind === 'instant' ? shanghaiDay(raw) : raw;
  const test = (c: DateCondition) => dateMatches(day, c);
  return 'conditions' in f ? combine(f.conditions, f.operator, test) : test(f);
}

/** Quick search: every word occurs in the tracking number, customer, serial number or description. */
function quickMatches(row: ComplaintRow, q: string): boolean {
  const words = q.toLowerCase().trim().split(/\s+/).filter(Boolean);
  const hay = [row.trackingNo, row.customerName, row.serialNo ?? '', row.description].join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function referenceFilter(rows: ComplaintRow[], q: Query): ComplaintRow[] {
  const filters = Object.entries(q.filterModel ?? {}) as Array<[TrackingColumn, ColumnFilter]>;
  return rows.filter((r) => filters.every(([col, f]) => columnMatches(r, col, f)) && quickMatches(r, q.quickSearch ?? ''));
}

/** SQLite's order: NULL before everything, text by its UTF-8 bytes (code-point order). */
function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

export function referenceSort(rows: ComplaintRow[], sortModel: SortModel = []): ComplaintRow[] {
  const keys = sortModel.length ? sortModel : [{ colId: 'receivedAt' as const, sort: 'desc' as const }];
  const idDir = keys[keys.length - 1]!.sort === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(a[k.colId], b[k.colId]);
      if (c !== 0) return k.sort === 'asc' ? c : -c;
    }
    return (a.id - b.id) * idDir;
  });
}

export function reference(rows: ComplaintRow[], q: Query): ComplaintRow[] {
  return referenceSort(referenceFilter(rows, q), q.sortModel);
}
