import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { isWallTime, neutralise, type Cell } from './tracking-export-cells';

/**
 * The workbook of an exported tracking table, written with exceljs's streaming writer: each row is
 * turned into XML and handed to the zip stream as it comes (compression runs off the main thread),
 * and the finished file is collected into one buffer. One sheet, the header row bold and frozen with
 * an auto filter on it, dates as real Excel dates (so they sort and filter in Excel and WPS).
 */

export interface SheetColumn {
  header: string;
  /** Width in characters. */
  width: number;
  /** Excel number format of the column's cells. */
  numFmt?: string;
}

export const INSTANT_FMT = 'yyyy-mm-dd hh:mm';
export const DATE_FMT = 'yyyy-mm-dd';

export interface SheetWriter {
  row(cells: readonly Cell[]): void;
  finish(): Promise<Buffer>;
}

export function xlsxWriter(sheetName: string, columns: readonly SheetColumn[]): SheetWriter {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Inline strings: a shared-string table would hold every distinct description in memory until the end.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'After-Sales Desk';
  const last = columnLetter(columns.length);
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    autoFilter: `A1:${last}1`,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = ws.addRow(columns.map((c) => cellText(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.commit();

  return {
    row(cells) {
      ws.addRow(cells.map((c) => (typeof c === 'string' ? cellText(c) : isWallTime(c) ? c.at : c))).commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/** Excel holds at most 32,767 characters in a cell; a longer one makes it "repair" the file. */
const MAX_CELL = 32_767;
const cellText = (s: string) => {
  const safe = neutralise(s);
  return safe.length > MAX_CELL ? safe.slice(0, MAX_CELL) : safe;
};

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
