import type { Kysely } from 'kysely';
import { calendarDateOf } from '../../shared/dates';
import { MAX_EXPORT_ROWS, type ExportColumn, type trackingExportSchema } from '../../shared/schemas/data-io';
import type { ComplaintRow } from '../../shared/types';
import { ApiError } from '../../shared/errors';
import type { z } from 'zod';
import type { Database } from '../db/schema';
import { calendarDate, csvLine, officeClock, UTF8_BOM, type Cell } from './tracking-export-cells';
import { DATE_FMT, INSTANT_FMT, xlsxWriter, type SheetColumn, type SheetWriter } from './tracking-export-xlsx';
import { trackingCount, trackingIds, trackingRowsByIds, type Viewer } from './tracking-query';

/**
 * The tracking table as the person sees it (issue 8), to xlsx or csv: the rows come from the very
 * filter and sort the grid pages with (`trackingIds`: the same view, column filters, quick search
 * and sort; ids once, then rows by id a chunk at a time); the columns are the ones on screen, in their order, with the
 * screen's headers and the screen's words for coded values (main has no i18n; the renderer sends
 * them). Between pages, and whenever a page's rows have taken a slice of time, the loop yields to
 * the event loop, so the window stays responsive while a hundred thousand rows are written.
 */

export type TrackingExportInput = z.output<typeof trackingExportSchema>;

/** How a column's value becomes a cell. */
type Kind = 'text' | 'code' | 'instant' | 'date' | 'days';

const KIND: Record<ExportColumn, Kind> = {
  trackingNo: 'text',
  receivedAt: 'instant',
  channel: 'code',
  customerName: 'text',
  contactName: 'text',
  productModel: 'text',
  serialNo: 'text',
  deliveryDate: 'date',
  defectCategory: 'code',
  severity: 'code',
  state: 'code',
  description: 'text',
  createdAt: 'instant',
  classification: 'code',
  stateChangedAt: 'instant',
  closedAt: 'instant',
  warrantyStatus: 'code',
  slaDueAt: 'instant',
  slaState: 'code',
  escalationLevel: 'code',
  priority: 'code',
  rmaState: 'code',
  nextVisitAt: 'instant',
  age: 'days',
  nextStep: 'code',
  ownerName: 'text',
};

/** Width in characters when the screen gave none. */
const DEFAULT_WIDTH: Record<Kind, number> = { text: 18, code: 12, instant: 17, date: 12, days: 8 };
const WIDE: Partial<Record<ExportColumn, number>> = { description: 60, customerName: 30 };

/** Display width of a header: CJK characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Screen pixels to Excel's character widths (about 7 px a character), never narrower than the header. */
function sheetWidth(c: TrackingExportInput['columns'][number]): number {
  const kind = KIND[c.colId];
  const fromScreen = c.width ? Math.round(c.width / 7) : (WIDE[c.colId] ?? DEFAULT_WIDTH[kind]);
  return Math.min(100, Math.max(6, fromScreen, displayWidth(c.header) + 3));
}

const WORDS = {
  'zh-CN': { file: '客户投诉跟踪表', sheet: '客户投诉跟踪表' },
  en: { file: 'complaints', sheet: 'Complaints' },
} as const;

export interface ExportOptions {
  /** Rows read per query: the grid asks for 100; 500 keeps a page of whole rows well under 50 ms. */
  pageSize?: number;
  /** The longest the loop runs before it lets other work in, in ms. */
  sliceMs?: number;
  /** Rows written so far, after every page; awaited before the next page is read. */
  onProgress?(done: number, total: number): void | Promise<void>;
}

export interface ExportResult {
  fileName: string;
  data: Buffer;
  rows: number;
}

const breath = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function exportTrackingTable(
  db: Kysely<Database>,
  input: TrackingExportInput,
  who: Viewer,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const pageSize = opts.pageSize ?? 500;
  const sliceMs = opts.sliceMs ?? 15;
  const filter = { filterModel: input.filterModel, quickSearch: input.quickSearch, view: input.view };
  // The matching ids once, in the table's order (one pass of the filter and sort: a snapshot, so a
  // case registered meanwhile neither shifts nor repeats a row); whole rows are read by id below.
  const ids = await trackingIds(db, { ...filter, sortModel: input.sortModel }, who, MAX_EXPORT_ROWS + 1);
  if (ids.length > MAX_EXPORT_ROWS) {
    const total = await trackingCount(db, filter, who);
    throw new ApiError('VALIDATION', `${total} rows: an export holds at most ${MAX_EXPORT_ROWS}; narrow the table first`, [
      { path: '', code: 'export_too_many', params: { max: MAX_EXPORT_ROWS, count: total }, message: `at most ${MAX_EXPORT_ROWS} rows` },
    ]);
  }
  const total = ids.length;
  await breath();

  const clock = officeClock(who.timeZone);
  const today = clock.dayNumber(who.now.toISOString())!;
  const labels = input.labels;
  const cellOf = (colId: ExportColumn, r: ComplaintRow): Cell => {
    switch (colId) {
      case 'age': {
        // Whole calendar days since the complaint came in, in the office's calendar.
        const d = clock.dayNumber(r.receivedAt);
        return d === null ? null : today - d;
      }
      case 'nextStep':
        // The next step follows from the state; a finished case has none.
        return labels.nextStep?.[r.state] || null;
      case 'ownerName':
        return r.ownerName;
      default: {
        const v = r[colId];
        if (v === null || v === undefined || v === '') return null;
        switch (KIND[colId]) {
          case 'instant':
            return clock.instant(String(v));
          case 'date':
            return calendarDate(String(v));
          case 'code':
            return labels[colId]?.[String(v)] ?? String(v);
          default:
            return String(v);
        }
      }
    }
  };

  const columns = input.columns;
  const words = WORDS[input.lang];
  let writer: SheetWriter;
  if (input.format === 'xlsx') {
    const sheet: SheetColumn[] = columns.map((c) => {
      const kind = KIND[c.colId];
      const numFmt = kind === 'instant' ? INSTANT_FMT : kind === 'date' ? DATE_FMT : kind === 'days' ? '0' : undefined;
      return { header: c.header, width: sheetWidth(c), ...(numFmt ? { numFmt } : {}) };
    });
    writer = xlsxWriter(words.sheet, sheet);
  } else {
    const parts: string[] = [UTF8_BOM, csvLine(columns.map((c) => c.header))];
    writer = {
      row: (cells) => void parts.push(csvLine(cells)),
      finish: () => Promise.resolve(Buffer.from(parts.join(''), 'utf8')),
    };
  }

  // Whole rows by id in chunks, yielding between them and whenever writing rows has taken a slice of time.
  let written = 0;
  let sliceStart = performance.now();
  for (let start = 0; start < ids.length; start += pageSize) {
    const rows = await trackingRowsByIds(db, ids.slice(start, start + pageSize));
    for (const r of rows) {
      writer.row(columns.map((c) => cellOf(c.colId, r)));
      if (++written % 50 === 0 && performance.now() - sliceStart > sliceMs) {
        await breath();
        sliceStart = performance.now();
      }
    }
    await opts.onProgress?.(written, total);
    await breath();
    sliceStart = performance.now();
  }

  const data = await writer.finish();
  const date = calendarDateOf(who.now, who.timeZone);
  return { fileName: `${words.file}-${date}.${input.format}`, data, rows: written };
}
