import type { ImportField } from '../../shared/schemas/data-io';
import { cellText, normWord, type Cell } from './values';

/**
 * Finding the header of an old tracking table and suggesting which column fills which field. Offices
 * name their columns in Chinese or English, sometimes under a merged title row, sometimes as a
 * two-row header ("客户信息" spanning 客户名称 and 地区). Headers are compared folded (full-width forms,
 * case, spaces and punctuation ignored).
 */

/** The words each field goes by, most specific first. */
export const FIELD_WORDS: Record<ImportField, string[]> = {
  trackingNo: ['跟踪号', '跟踪编号', '投诉编号', '投诉单号', '单号', '编号', '序号编号', '案件编号', '登记号', 'tracking no', 'tracking number', 'tracking', 'complaint no', 'case no', 'ref no', 'reference', 'no'],
  receivedAt: ['投诉日期', '受理日期', '接收日期', '登记日期', '反馈日期', '投诉时间', '受理时间', '接收时间', '日期', 'received', 'received at', 'received date', 'date received', 'complaint date', 'date'],
  channel: ['投诉渠道', '渠道', '来源', '反馈方式', '投诉方式', 'channel', 'source'],
  customerName: ['客户名称', '客户', '客户单位', '用户名称', '用户单位', '用户', '单位名称', '公司名称', 'customer', 'customer name', 'client'],
  customerRegion: ['地区', '区域', '客户地区', '所在地区', '省份', '城市', '所在地', 'region', 'area', 'city', 'province'],
  contactName: ['联系人', '客户联系人', '联系人姓名', '反馈人', '投诉人', 'contact', 'contact name', 'contact person'],
  contactPhone: ['电话', '联系电话', '联系人电话', '手机', '手机号', '联系方式', 'phone', 'tel', 'telephone', 'mobile', 'contact phone'],
  contactEmail: ['邮箱', '电子邮箱', '电子邮件', '邮件地址', 'email', 'e-mail', 'mail', 'contact email'],
  productModel: ['产品型号', '型号', '机型', '设备型号', '产品', 'model', 'product model', 'product'],
  serialNo: ['序列号', '机号', '出厂编号', '机身号', '设备编号', '产品编号', 'serial', 'serial no', 'serial number', 's/n', 'sn'],
  deliveryDate: ['发货日期', '交货日期', '出厂日期', '交付日期', '发货时间', 'delivery date', 'delivered', 'shipped', 'ship date'],
  description: ['问题描述', '投诉内容', '故障描述', '问题内容', '情况描述', '投诉描述', '问题', '描述', '内容', 'description', 'problem', 'issue', 'details', 'complaint'],
  defectCategory: ['问题类别', '缺陷类别', '故障类别', '问题类型', '故障类型', '缺陷类型', '类别', '分类', 'category', 'defect category', 'defect type', 'type'],
  severity: ['严重程度', '等级', '严重等级', '级别', '紧急程度', '严重性', 'severity', 'level', 'priority'],
  status: ['状态', '处理状态', '结案状态', '案件状态', '进度', 'status', 'state'],
  closedAt: ['结案日期', '关闭日期', '结案时间', '完成日期', '关闭时间', '处理完成日期', 'closed', 'closed at', 'closed date', 'date closed', 'close date'],
  amount: ['金额', '费用', '索赔金额', '赔偿金额', '处理费用', '费用金额', '损失金额', '成本', 'amount', 'cost', 'costs', 'claim amount'],
};

const EXACT = new Map<string, ImportField>();
for (const [field, words] of Object.entries(FIELD_WORDS) as Array<[ImportField, string[]]>) {
  for (const w of words) if (!EXACT.has(normWord(w))) EXACT.set(normWord(w), field);
}
/** Words a header may contain ("投诉日期(受理)"): only those long enough not to hit by chance. */
const CONTAINED = [...EXACT.entries()].filter(([w]) => (/[\u0080-\uffff]/.test(w) ? w.length >= 2 : w.length >= 5)).sort((a, b) => b[0].length - a[0].length);

/** The last part of a joined header ("客户信息 / 客户名称" → "客户名称"). */
const lastPart = (h: string) => h.split(' / ').pop() ?? h;

/** The field a header names exactly (whole header or its last part), or null. */
export function exactField(header: string): ImportField | null {
  return EXACT.get(normWord(header)) ?? EXACT.get(normWord(lastPart(header))) ?? null;
}

/**
 * The suggested mapping: exact names first, then headers containing a field's word (longest word
 * first); each field and each column used once.
 */
export function suggestMapping(headers: string[]): Partial<Record<ImportField, number>> {
  const out: Partial<Record<ImportField, number>> = {};
  const used = new Set<number>();
  headers.forEach((h, i) => {
    const f = exactField(h);
    if (f && out[f] === undefined && !used.has(i)) {
      out[f] = i;
      used.add(i);
    }
  });
  for (const [word, field] of CONTAINED) {
    if (out[field] !== undefined) continue;
    for (const part of [lastPart, (h: string) => h]) {
      const i = headers.findIndex((h, k) => !used.has(k) && h !== '' && normWord(part(h)).includes(word));
      if (i >= 0) {
        out[field] = i;
        used.add(i);
        break;
      }
    }
  }
  return out;
}

/** A merged range, 0-based and inclusive. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const texts = (row: Cell[] | undefined) => (row ?? []).map(cellText);
const filled = (row: string[]) => row.filter((t) => t !== '').length;

/**
 * The headers of the columns when row `r` (0-based) is the header row, joined with the row above
 * when that row is the group row of a two-row header: "客户信息 / 客户名称". With the sheet's merges, a
 * merged cell's text stands over every column it spans; without them (a csv), a text stands over the
 * empty cells to its right while it is itself over a header (a group), and alone over an empty
 * header cell (a header merged downwards). A title row (one text over a full header row) is not a
 * group row.
 */
export function headersAt(rows: Cell[][], r: number, merges: Merge[], width: number): string[] {
  const lower = texts(rows[r]);
  const out = Array.from({ length: width }, (_, c) => lower[c] ?? '');
  if (r === 0) return out;
  const upper = texts(rows[r - 1]);
  if (filled(upper) === 0) return out;
  if (filled(upper) === 1 && filled(out) >= Math.max(2, width - 1)) return out;
  const group = Array.from({ length: width }, (_, c) => upper[c] ?? '');
  if (merges.length) {
    for (const m of merges) {
      if (m.top > r - 1 || m.bottom < r - 1) continue;
      const label = texts(rows[m.top])[m.left] ?? '';
      for (let c = m.left; c <= Math.min(m.right, width - 1); c++) group[c] = label;
    }
  } else {
    let span = '';
    for (let c = 0; c < width; c++) {
      if (group[c]) span = out[c] ? group[c]! : '';
      else if (out[c]) group[c] = span;
      else span = '';
    }
  }
  return out.map((t, c) => {
    const g = group[c] ?? '';
    if (!g || g === t) return t || g;
    return t ? `${g} / ${t}` : g;
  });
}

/** How well a row serves as the header: the number of columns naming a field. */
function score(headers: string[]): number {
  let n = 0;
  const seen = new Set<ImportField>();
  for (const h of headers) {
    const f = exactField(h) ?? (h ? CONTAINED.find(([w]) => normWord(lastPart(h)).includes(w))?.[1] ?? null : null);
    if (f && !seen.has(f)) {
      seen.add(f);
      n++;
    }
  }
  return n;
}

/** The header row (0-based) among the first 30: the one naming the most fields, at least two; else the first with two texts. */
export function detectHeaderRow(rows: Cell[][], merges: Merge[], width: number): number {
  let best = -1;
  let bestScore = 1;
  const last = Math.min(rows.length, 30);
  for (let r = 0; r < last; r++) {
    const s = score(headersAt(rows, r, merges, width));
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  if (best >= 0) return best;
  for (let r = 0; r < last; r++) if (filled(texts(rows[r])) >= 2) return r;
  return 0;
}
