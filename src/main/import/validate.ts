import type { Channel, DefectCategory, Severity } from '../../shared/domain';
import type { ImportProblem, ImportWarning } from '../../shared/data-io';
import { complaintCreateSchema } from '../../shared/schemas/complaint';
import { FUTURE_TOLERANCE_MS } from '../../shared/schemas/common';
import type { ImportField } from '../../shared/schemas/data-io';
import { toFieldIssues } from '../api/issues';
import {
  categoryOf,
  cellText,
  channelOf,
  parseFen,
  parseWallClock,
  severityOf,
  statusOf,
  wallClockInstant,
  type Cell,
} from './values';

/**
 * Every data row of the sheet checked against the mapping with the app's own rules: the registration
 * form's schema (required fields, lengths, phone and e-mail, no future dates, no delivery after the
 * complaint), plus what only an import has (dates and amounts as offices write them, a closing date
 * before the complaint, a tracking number repeated in the file). Pure: duplicates against the store
 * and missing customers are the writer's and the preview's (store.ts).
 */

export type Mapping = Partial<Record<ImportField, number>>;

/** A row as it will be written. */
export interface RowValue {
  trackingNo: string | null;
  receivedAt: string;
  channel: Channel;
  customerName: string;
  customerRegion: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  productModel: string;
  serialNo: string | null;
  deliveryDate: string | null;
  description: string;
  defectCategory: DefectCategory;
  severity: Severity;
  closedAt: string | null;
  /** Fen, or null without an amount. */
  amount: number | null;
  /** Words imported with a default: kept in the case's `imported` event. */
  original: Partial<Record<ImportField, string>>;
}

export interface CheckedRow {
  /** 1-based sheet row. */
  row: number;
  value: RowValue | null;
  problems: ImportProblem[];
}

export interface Checked {
  rows: CheckedRow[];
  warnings: ImportWarning[];
}

/** The longest tracking number kept; letters, digits and - _ / . # only. */
const TRACKING_RE = /^[\p{L}\p{N}][\p{L}\p{N}\-_/.#]{0,59}$/u;

const SCHEMA_FIELD: Record<string, ImportField> = {
  'newCustomer.name': 'customerName',
  newCustomer: 'customerName',
  customerId: 'customerName',
  'newCustomer.region': 'customerRegion',
};

/** The data rows below the header: every row with at least one filled cell. */
export function dataRows(rows: Cell[][], headerIndex: number): number[] {
  const out: number[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) if (rows[i]!.some((c) => c !== null && c !== '')) out.push(i);
  return out;
}

export function checkRows(rows: Cell[][], headerIndex: number, mapping: Mapping, timeZone: string): Checked {
  const warnings = new Map<string, ImportWarning>();
  const warn = (field: ImportField, value: string, mappedTo: string, row: number) => {
    const key = `${field}\u0000${value}`;
    const w = warnings.get(key) ?? { field, value, mappedTo, count: 0, rows: [] };
    w.count++;
    if (w.rows.length < 5) w.rows.push(row);
    warnings.set(key, w);
  };
  const firstRowOf = new Map<string, number>();
  const out: CheckedRow[] = [];
  const now = Date.now();

  for (const index of dataRows(rows, headerIndex)) {
    const cells = rows[index]!;
    const row = index + 1;
    const cell = (f: ImportField): Cell => {
      const c = mapping[f];
      return c === undefined ? null : (cells[c] ?? null);
    };
    const text = (f: ImportField) => cellText(cell(f));
    const problems: ImportProblem[] = [];
    const problem = (field: ImportField | 'row', code: string, params?: Record<string, string | number>) => {
      if (field !== 'row' && problems.some((p) => p.field === field)) return;
      const value = field === 'row' ? '' : text(field);
      problems.push({ field, code, ...(params ? { params } : {}), ...(value ? { value } : {}) });
    };
    const original: RowValue['original'] = {};

    // Tracking number: kept as the file has it; repeated in the file, the later rows are refused.
    let trackingNo: string | null = text('trackingNo').normalize('NFKC').trim() || null;
    if (trackingNo !== null) {
      if (!TRACKING_RE.test(trackingNo)) problem('trackingNo', 'tracking_no');
      else {
        const first = firstRowOf.get(trackingNo);
        if (first !== undefined) problem('trackingNo', 'duplicate_in_file', { row: first });
        else firstRowOf.set(trackingNo, row);
      }
    } else trackingNo = null;

    const date = (f: ImportField) => {
      const w = parseWallClock(cell(f));
      if (w === null) problem(f, 'date');
      return w ?? null;
    };
    const received = date('receivedAt');
    const receivedAt = received ? wallClockInstant(received, timeZone) : undefined;
    const delivery = date('deliveryDate');
    const closed = date('closedAt');
    let closedAt = closed ? wallClockInstant(closed, timeZone) : null;
    if (closedAt && Date.parse(closedAt) > now + FUTURE_TOLERANCE_MS) problem('closedAt', 'in_future');
    else if (closedAt && receivedAt && closed && received && closed.date < received.date) problem('closedAt', 'closed_before_received');
    else if (closedAt && receivedAt && closedAt < receivedAt) closedAt = receivedAt;

    const word = <T extends string>(f: ImportField, of: (t: string) => T | null, fallback: T): T => {
      const t = text(f);
      if (!t) return fallback;
      const code = of(t);
      if (code) return code;
      warn(f, t, fallback, row);
      original[f] = t;
      return fallback;
    };
    const channel = word('channel', channelOf, 'other');
    const defectCategory = word('defectCategory', categoryOf, 'other');
    const severity = word('severity', severityOf, 'normal');
    // Closed when the status says so or a closing date is given ("处理中" with a closing date: the
    // date wins, the word is kept); closed without a date: closed on the day it was received.
    const status = word('status', statusOf, closedAt ? 'closed' : 'open');
    const isClosed = status === 'closed' || closedAt !== null;
    if (status === 'open' && closedAt) original.status = text('status');
    if (isClosed && !closedAt && receivedAt) closedAt = receivedAt;

    const amount = parseFen(cell('amount'));
    if (amount === null) problem('amount', 'amount');

    const intake = {
      receivedAt,
      channel,
      contactName: text('contactName') || null,
      contactPhone: text('contactPhone') || null,
      contactEmail: text('contactEmail') || null,
      productModel: text('productModel'),
      serialNo: text('serialNo') || null,
      deliveryDate: delivery?.date ?? null,
      description: text('description'),
      defectCategory,
      severity,
      newCustomer: { name: text('customerName'), region: text('customerRegion') || null },
    };
    const parsed = complaintCreateSchema.safeParse(intake);
    if (!parsed.success) {
      for (const issue of toFieldIssues(parsed.error, intake)) {
        const field = (SCHEMA_FIELD[issue.path] ?? issue.path) as ImportField;
        problem(field, issue.code, issue.params as Record<string, string | number> | undefined);
      }
    }
    if (problems.length || !parsed.success || !receivedAt) {
      out.push({ row, value: null, problems });
      continue;
    }
    const v = parsed.data;
    out.push({
      row,
      problems,
      value: {
        trackingNo,
        receivedAt: new Date(v.receivedAt).toISOString(),
        channel: v.channel,
        customerName: v.newCustomer!.name,
        customerRegion: v.newCustomer!.region,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        contactEmail: v.contactEmail,
        productModel: v.productModel,
        serialNo: v.serialNo,
        deliveryDate: v.deliveryDate,
        description: v.description,
        defectCategory: v.defectCategory,
        severity: v.severity,
        closedAt: isClosed ? closedAt : null,
        amount: amount || null,
        original,
      },
    });
  }
  return { rows: out, warnings: [...warnings.values()].sort((a, b) => b.count - a.count) };
}
