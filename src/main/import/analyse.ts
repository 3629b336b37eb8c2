import type { ImportColumn } from '../../shared/data-io';
import type { ImportField } from '../../shared/schemas/data-io';
import { detectHeaderRow, headersAt, suggestMapping } from './headers';
import type { SheetData } from './read';
import { dataRows } from './validate';
import { cellText } from './values';

/** The chosen sheet and header row of a file, its columns with sample values, and the suggested mapping. */
export interface SheetAnalysis {
  sheet: SheetData;
  /** 0-based index of the header row. */
  headerIndex: number;
  columns: ImportColumn[];
  suggested: Partial<Record<ImportField, number>>;
  rowCount: number;
}

export class AnalysisRefused extends Error {
  constructor(
    readonly code: 'sheet_not_found' | 'header_row_beyond',
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const MAX_COLUMNS = 1000;

function widthOf(rows: SheetData['rows'], from: number): number {
  let w = 0;
  for (let i = Math.max(0, from - 1); i < Math.min(rows.length, from + 1000); i++) w = Math.max(w, rows[i]!.length);
  return Math.min(w, MAX_COLUMNS);
}

export function analyseSheets(sheets: SheetData[], opts: { sheet?: string; headerRow?: number }): SheetAnalysis {
  let sheet: SheetData | undefined;
  if (opts.sheet !== undefined) {
    sheet = sheets.find((s) => s.name === opts.sheet);
    if (!sheet) throw new AnalysisRefused('sheet_not_found', { sheet: opts.sheet });
  } else {
    // The first sheet that has a header naming fields; else the first with any rows.
    let bestScore = -1;
    for (const s of sheets) {
      const h = detectHeaderRow(s.rows, s.merges, widthOf(s.rows, 0));
      const n = Object.keys(suggestMapping(headersAt(s.rows, h, s.merges, widthOf(s.rows, h)))).length;
      if (n > bestScore) {
        bestScore = n;
        sheet = s;
      }
    }
    sheet ??= sheets[0]!;
  }
  let headerIndex: number;
  if (opts.headerRow !== undefined) {
    headerIndex = opts.headerRow - 1;
    if (headerIndex >= sheet.rows.length) throw new AnalysisRefused('header_row_beyond', { row: opts.headerRow, rows: sheet.rows.length });
  } else headerIndex = detectHeaderRow(sheet.rows, sheet.merges, widthOf(sheet.rows, 0));
  const width = widthOf(sheet.rows, headerIndex);
  const headers = headersAt(sheet.rows, headerIndex, sheet.merges, width);
  const data = dataRows(sheet.rows, headerIndex);
  const columns: ImportColumn[] = headers.map((header, index) => {
    const samples: string[] = [];
    for (const r of data) {
      const t = cellText(sheet.rows[r]![index] ?? null);
      if (t && !samples.includes(t)) samples.push(t.length > 80 ? `${t.slice(0, 79)}…` : t);
      if (samples.length >= 3 || r > headerIndex + 300) break;
    }
    return { index, header, samples };
  });
  return { sheet, headerIndex, columns, suggested: suggestMapping(headers), rowCount: data.length };
}
