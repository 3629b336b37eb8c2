import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ImportProblem } from '../../shared/data-io';
import { cellText, type Cell } from './values';

/**
 * The rows an import left out, as a file the person can correct and import again: the sheet's header,
 * the original cells of each bad row, its row number and its problems in the person's words (the
 * renderer sends them: main keeps no screen words).
 */

export interface SkippedRow {
  row: number;
  cells: Cell[];
  problems: ImportProblem[];
}

const fill = (template: string, params: Record<string, string | number> = {}) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in params ? String(params[k]) : ''));

export function problemsText(problems: ImportProblem[], words: Record<string, string>): string {
  return problems
    .map((p) => {
      const what = fill(words[`problem.${p.code}`] ?? p.code, p.params);
      const field = p.field === 'row' ? '' : (words[`field.${p.field}`] ?? p.field);
      const value = p.value ? ` (${p.value.length > 60 ? `${p.value.slice(0, 59)}…` : p.value})` : '';
      return field ? `${field}: ${what}${value}` : `${what}${value}`;
    })
    .join('; ');
}

export async function skippedFile(
  o: { fileName: string; headers: string[]; rows: SkippedRow[]; format: 'xlsx' | 'csv'; words: Record<string, string> },
): Promise<{ fileName: string; data: string }> {
  const base = o.fileName.replace(/\.[^.]+$/, '');
  const suffix = o.words.fileSuffix ?? 'skipped';
  const header = [o.words.row ?? 'row', ...o.headers.map((h, i) => h || `#${i + 1}`), o.words.header ?? 'problems'];
  const width = Math.max(o.headers.length, ...o.rows.map((r) => r.cells.length));
  while (header.length < width + 2) header.splice(header.length - 1, 0, `#${header.length - 1}`);
  if (o.format === 'csv') {
    const lines = [header, ...o.rows.map((r) => [String(r.row), ...Array.from({ length: width }, (_, i) => cellText(r.cells[i] ?? null)), problemsText(r.problems, o.words)])];
    // With a byte-order mark Excel opens the Chinese text as UTF-8.
    const text = `\ufeff${Papa.unparse(lines, { newline: '\r\n' })}\r\n`;
    return { fileName: `${base}-${suffix}.csv`, data: Buffer.from(text, 'utf8').toString('base64') };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(suffix.slice(0, 31));
  ws.addRow(header).font = { bold: true };
  for (const r of o.rows) {
    const row = ws.addRow([r.row, ...Array.from({ length: width }, (_, i) => r.cells[i] ?? null), problemsText(r.problems, o.words)]);
    r.cells.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 2).numFmt = c.getUTCHours() || c.getUTCMinutes() ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
    });
    row.getCell(width + 2).font = { color: { argb: 'FFC00000' } };
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(width + 2).width = 60;
  const buf = await wb.xlsx.writeBuffer();
  return { fileName: `${base}-${suffix}.xlsx`, data: Buffer.from(buf as ArrayBuffer).toString('base64') };
}
