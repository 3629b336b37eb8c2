import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Merge } from './headers';
import type { Cell } from './values';

/**
 * Reading an old tracking table into rows of cells. An xlsx through exceljs's streaming reader (a
 * 50,000-row sheet in a fraction of the memory the whole-workbook reader takes); its merged cells,
 * which the streaming reader skips, from the sheet's XML. A csv through papaparse after finding its
 * encoding: UTF-8 with or without a byte-order mark, UTF-16 with one, else GB18030 (the superset of
 * GBK that Chinese Excel writes).
 */

export interface SheetData {
  name: string;
  /** Row i is the sheet's row i + 1; a row the file leaves out is empty. */
  rows: Cell[][];
  merges: Merge[];
}

export class UnreadableFile extends Error {
  constructor(readonly code: 'unreadable' | 'unsupported' | 'empty') {
    super(code);
  }
}

export function fileKind(fileName: string, bytes: Uint8Array): 'xlsx' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (/\.(xlsx|xlsm)$/i.test(fileName)) throw new UnreadableFile('unreadable');
  if (/\.xls$/i.test(fileName) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) throw new UnreadableFile('unsupported');
  return 'csv';
}

export async function readFile(fileName: string, bytes: Buffer): Promise<SheetData[]> {
  if (!bytes.length) throw new UnreadableFile('empty');
  const sheets = fileKind(fileName, bytes) === 'xlsx' ? await readXlsx(bytes) : [readCsv(fileName, bytes)];
  if (!sheets.some((s) => s.rows.some((r) => r.some((c) => c !== null && c !== '')))) throw new UnreadableFile('empty');
  return sheets;
}

// ---------------------------------------------------------------------------------------- csv

/** The text of a csv file in whichever encoding it was written. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function readCsv(fileName: string, bytes: Buffer): SheetData {
  const { text } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const rows = parsed.data.map((r) => r.map((c) => (c.trim() === '' ? null : c)));
  while (rows.length && rows[rows.length - 1]!.every((c) => c === null)) rows.pop();
  return { name: fileName.replace(/\.[^.]+$/, '') || 'csv', rows, merges: [] };
}

// --------------------------------------------------------------------------------------- xlsx

type ExcelValue = ExcelJS.CellValue | undefined;

/** A cell of exceljs as a plain value: rich text and hyperlinks as text, a formula as its result. */
export function plainCell(v: ExcelValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return plainCell((o.richText as Array<{ text: string }>).map((p) => p.text).join(''));
    if ('result' in o) return plainCell(o.result as ExcelValue);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('error' in o) return null;
    if (typeof o.text === 'string') return plainCell(o.text);
  }
  return null;
}

async function readXlsx(bytes: Buffer): Promise<SheetData[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: SheetData[] = [];
  try {
    for await (const ws of reader) {
      const w = ws as unknown as AsyncIterable<ExcelJS.Row> & { id: string; name: string };
      const rows: Cell[][] = [];
      for await (const row of w) {
        const values = row.values as ExcelValue[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        while (rows.length < row.number - 1) rows.push([]);
        rows[row.number - 1] = cells;
      }
      sheets.push({ name: w.name, rows, merges: await sheetMerges(bytes, `xl/worksheets/sheet${w.id}.xml`) });
    }
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    throw new UnreadableFile('unreadable');
  }
  if (!sheets.length) throw new UnreadableFile('empty');
  return sheets;
}

// ------------------------------------------------------------------ merged cells from the zip

/** Where a member of the zip starts and how it is stored, from the central directory. */
function zipEntry(zip: Buffer, path: string): { offset: number; size: number; method: number } | null {
  const min = Math.max(0, zip.length - 65_557);
  let eocd = -1;
  for (let i = zip.length - 22; i >= min; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < count && p + 46 <= zip.length; k++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) return null;
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === path) {
      if (zip.readUInt32LE(local) !== 0x04034b50) return null;
      const offset = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      return { offset, size, method };
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * The merged ranges of a sheet (`<mergeCell ref="A1:C1"/>`, after the sheet's data). The member is
 * inflated as a stream and scanned, so that a large sheet's XML is never held whole.
 */
export async function sheetMerges(zip: Buffer, path: string): Promise<Merge[]> {
  const entry = zipEntry(zip, path);
  if (!entry) return [];
  const data = zip.subarray(entry.offset, entry.offset + entry.size);
  const source = entry.method === 0 ? Readable.from([data]) : Readable.from([data]).pipe(createInflateRaw());
  const merges: Merge[] = [];
  const re = /<mergeCell\s+ref="([A-Z$0-9]+):([A-Z$0-9]+)"/g;
  let carry = '';
  for await (const chunk of source as AsyncIterable<Buffer>) {
    const text = carry + chunk.toString('latin1');
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = re.exec(text))) {
      const a = decodeRef(m[1]!);
      const b = decodeRef(m[2]!);
      if (a && b) merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
      consumed = re.lastIndex;
    }
    // Keep a tail long enough to hold a tag cut in two.
    carry = text.slice(Math.max(consumed, text.length - 64));
    if (merges.length > 10_000) break;
  }
  return merges;
}
