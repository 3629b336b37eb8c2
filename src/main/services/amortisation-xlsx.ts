import ExcelJS from 'exceljs';
import type { AmortisationDimension, AmortisationPivot } from '../../shared/costs';
import type { CostType } from '../../shared/service';
import { UNALLOCATED } from '../rules/allocation';
import { NO_PRODUCT_LINE } from './amortisation-views';

/**
 * The pivot as an xlsx workbook for Finance (issue 6: "export to xlsx"): one sheet, the rows of the
 * pivot with the twelve months as columns, a total column and a totals row, amounts in yuan with
 * two decimals (`#,##0.00`). The export call carries no language, so the few words of the sheet are
 * given in both of the office's languages.
 */

const WORDS = {
  department: '部门 Department',
  product_line: '产品线 Product line',
  customer: '客户 Customer',
  cost_type: '费用类型 Cost type',
  total: '合计 Total',
  unallocated: '未分摊 Unallocated',
  noProductLine: '无产品线 No product line',
  closed: '已结账 closed',
} as const;

const COST_TYPE_WORDS: Record<CostType, string> = {
  travel: '差旅费 Travel',
  accommodation: '住宿费 Accommodation',
  allowance: '补贴 Allowance',
  spare_parts: '备件 Spare parts',
  labour: '人工 Labour',
  product_exchange: '产品更换 Product exchange',
  transport: '运输费 Transport',
  packaging: '包装费 Packaging',
  third_party: '第三方服务 Third-party service',
  other: '其他 Other',
};

function rowLabel(dimension: AmortisationDimension, key: string, label: string): string {
  if (dimension === 'department' && key === UNALLOCATED) return WORDS.unallocated;
  if (dimension === 'product_line' && key === NO_PRODUCT_LINE) return WORDS.noProductLine;
  if (dimension === 'cost_type') return COST_TYPE_WORDS[key as CostType] ?? key;
  return label;
}

const yuan = (fen: number) => fen / 100;

export async function pivotWorkbook(p: AmortisationPivot): Promise<{ fileName: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'After-Sales Desk';
  const ws = wb.addWorksheet(`${p.year}`, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const header = [WORDS[p.dimension], ...p.periods.map((x) => (x.closed ? `${x.period} (${WORDS.closed})` : x.period)), WORDS.total];
  ws.addRow(header).font = { bold: true };
  for (const r of p.rows) ws.addRow([rowLabel(p.dimension, r.key, r.label), ...r.months.map(yuan), yuan(r.total)]);
  ws.addRow([WORDS.total, ...p.months.map(yuan), yuan(p.total)]).font = { bold: true };
  ws.getColumn(1).width = 28;
  for (let c = 2; c <= 14; c++) {
    const col = ws.getColumn(c);
    col.width = 14;
    col.numFmt = '#,##0.00';
  }
  const buf = await wb.xlsx.writeBuffer();
  return { fileName: `amortisation-${p.dimension}-${p.year}.xlsx`, data: Buffer.from(buf as ArrayBuffer).toString('base64') };
}
