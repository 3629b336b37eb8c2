import { startOfDayUtc } from '../../shared/dates';
import type { Channel, DefectCategory, Severity } from '../../shared/domain';

/**
 * The cells of an old tracking table as values of a complaint: dates (Excel serial numbers, dates
 * exceljs read from a date-formatted cell, or text as offices type it), amounts in yuan (¥, thousands
 * separators, full-width characters) as integer fen by string arithmetic, and the office's words for
 * channel, category, severity and status as the app's codes. Pure functions: the worker calls them
 * for every row, the unit tests directly.
 */

/** A cell as the readers hand it over: text, number, boolean, a date (wall clock in its UTC fields) or empty. */
export type Cell = string | number | boolean | Date | null;

/** Full-width forms folded (NFKC), trimmed. */
export const fold = (s: string): string => s.normalize('NFKC').trim();

/** For matching words: folded, lower-case, without spaces and punctuation. */
export function normWord(s: string): string {
  return fold(s)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar date and an optional wall-clock time, as the cell says it (no time zone). */
export interface WallClock {
  date: string;
  /** Seconds since midnight, or null when the cell has a date only. */
  seconds: number | null;
}

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system (the leap-year bug included: serial 60 is 1900-02-29). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fromUtcFields(t: number): WallClock {
  const d = new Date(Math.round(t / 1000) * 1000);
  const seconds = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return { date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, seconds: seconds === 0 ? null : seconds };
}

/** An Excel serial day number (1900 system) as a wall clock; null outside 1927–2173. */
export function excelSerial(n: number): WallClock | null {
  if (!Number.isFinite(n) || n < 10_000 || n >= 100_000) return null;
  return fromUtcFields(EXCEL_EPOCH + n * DAY_MS);
}

const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT]*(\d{1,2})\s*[:时点]\s*(\d{1,2})?\s*(?:[:分]\s*(\d{1,2})(?:\.\d+)?)?\s*[分秒]?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A date cell as a wall clock: a Date (exceljs reads date-formatted cells so), an Excel serial, or
 * text such as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, with an optional time
 * ("2024-03-05 14:30", "2024年3月5日 14时30分"). `undefined` when the cell is empty, null when it is
 * not a date.
 */
export function parseWallClock(cell: Cell): WallClock | null | undefined {
  if (cell === null || cell === '') return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : fromUtcFields(cell.getTime());
  if (typeof cell === 'number') return excelSerial(cell);
  if (typeof cell !== 'string') return null;
  const s = fold(cell);
  if (s === '' || /^[-—–/]$/.test(s)) return undefined;
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerial(Number(s));
  const c = COMPACT.exec(s);
  if (c) {
    const [y, m, d] = [Number(c[1]), Number(c[2]), Number(c[3])];
    return validYmd(y, m, d) ? { date: `${c[1]}-${c[2]}-${c[3]}`, seconds: null } : null;
  }
  const t = DATE_TEXT.exec(s);
  if (!t) return null;
  const [y, m, d] = [Number(t[1]), Number(t[2]), Number(t[3])];
  if (!validYmd(y, m, d)) return null;
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (t[4] === undefined) return { date, seconds: null };
  const [h, min, sec] = [Number(t[4]), Number(t[5] ?? 0), Number(t[6] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  const seconds = h * 3600 + min * 60 + sec;
  return { date, seconds: seconds === 0 ? null : seconds };
}

/** Day starts already worked out: an old sheet has a few thousand dates over tens of thousands of rows. */
const dayStarts = new Map<string, number>();

/** The UTC instant of a wall clock in the office's time zone (a date alone: the start of that day). */
export function wallClockInstant(w: WallClock, timeZone: string): string {
  const key = `${timeZone} ${w.date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = startOfDayUtc(w.date, timeZone).getTime();
    if (dayStarts.size > 100_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return new Date(start + (w.seconds ?? 0) * 1000).toISOString();
}

/** Up to 100 million yuan, as the cost lines take it. */
export const MAX_FEN = 10_000_000_000;

/**
 * Fen of an amount in yuan: "¥1,234.50", "1,234", "￥ 12.5", "1234.5元", "RMB 80", or a number
 * cell. String arithmetic: "0.29" is 29 fen. `undefined` for an empty cell or a dash ("-", "—",
 * "无"), null for anything else that is not a non-negative amount with at most two decimals.
 */
export function parseFen(cell: Cell): number | null | undefined {
  if (cell === null) return undefined;
  let s: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return null;
    // A typed 1234.56 is stored as the nearest double, whose shortest form is "1234.56"; a computed
    // value may carry binary noise in the 13th digit, which rounding at a millionth of a fen removes.
    const hundredths = cell * 100;
    const rounded = Math.round(hundredths);
    if (Math.abs(hundredths - rounded) > 1e-6) return null;
    s = rounded === 0 ? '0' : `${Math.trunc(rounded / 100)}.${pad(rounded % 100)}`;
  } else if (typeof cell === 'string') {
    s = fold(cell);
  } else return null;
  s = s.replace(/^(?:¥|RMB|CNY|人民币)\s*/i, '').replace(/\s*(?:元|RMB|CNY)$/i, '').trim();
  if (s === '' || /^(?:[-—–/]+|无|n\/?a)$/i.test(s)) return undefined;
  s = s.replace(/^(?:¥)\s*/, '');
  // Thousands separators only between groups of three digits.
  if (!/^\d{1,3}(?:[,，]\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$/.test(s)) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s.replace(/[,，]/g, ''));
  if (!m || m[1]!.length > 12) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > MAX_FEN ? null : fen;
}

// ---------------------------------------------------------------------------------------- words

type Words<T extends string> = Array<[T, string[]]>;

const CHANNEL_WORDS: Words<Channel> = [
  ['phone', ['phone', 'telephone', 'tel', 'call', '电话', '来电', '电话投诉', '热线', '手机']],
  ['email', ['email', 'e-mail', 'mail', '邮件', '电子邮件', '邮箱', '传真', 'fax']],
  ['visit', ['visit', 'onsite', 'on-site', '拜访', '走访', '上门', '来访', '现场']],
  ['distributor', ['distributor', 'dealer', 'agent', '经销商', '代理商', '分销商', '经销']],
  ['other', ['other', 'others', '其他', '其它', '微信', 'wechat', 'qq', '网站', 'web']],
];

const CATEGORY_WORDS: Words<DefectCategory> = [
  ['electrical', ['electrical', 'electric', '电气', '电器', '电路', '电控', '电机', '电气故障']],
  ['mechanical', ['mechanical', 'mechanics', '机械', '机械故障', '结构']],
  ['control_software', ['control_software', 'control', 'software', 'controller', '控制', '软件', '程序', '控制系统', '控制器', '软件程序']],
  ['leakage', ['leakage', 'leak', 'leaking', '泄漏', '泄露', '漏油', '漏气', '漏水', '渗漏', '渗油']],
  ['noise_vibration', ['noise_vibration', 'noise', 'vibration', '噪音', '噪声', '振动', '震动', '异响', '噪音振动']],
  ['performance', ['performance', '性能', '效率', '能耗', '排气量', '压力不足']],
  ['appearance', ['appearance', 'cosmetic', '外观', '油漆', '锈蚀', '划伤']],
  ['transport_damage', ['transport_damage', 'transport', 'shipping', 'damage', '运输', '运输损坏', '运损', '物流']],
  ['packaging', ['packaging', 'package', 'packing', '包装']],
  ['installation', ['installation', 'install', '安装', '安装调试', '调试']],
  ['documentation', ['documentation', 'document', 'documents', 'manual', '资料', '文件', '说明书', '文档', '技术资料']],
  ['operation', ['operation', 'misuse', 'usage', '操作', '使用', '误操作', '操作不当', '使用不当']],
  ['other', ['other', 'others', '其他', '其它']],
];

const SEVERITY_WORDS: Words<Severity> = [
  ['minor', ['minor', 'low', 'slight', '轻微', '低', '一般轻微', '轻', 'c', 'c类', '三级']],
  ['normal', ['normal', 'medium', 'moderate', 'general', '一般', '中', '普通', '中等', 'b', 'b类', '二级']],
  ['major', ['major', 'high', 'serious', 'severe', 'critical', 'urgent', '严重', '重大', '高', '重要', '紧急', 'a', 'a类', '一级']],
  ['safety', ['safety', 'hazard', '安全', '安全隐患', '安全问题', '人身安全', '特级']],
];

/** Open or closed: an old sheet's status words. Open cases start again as registered. */
export type ImportedStatus = 'open' | 'closed';
const STATUS_WORDS: Words<ImportedStatus> = [
  [
    'closed',
    ['closed', 'close', 'done', 'completed', 'complete', 'resolved', 'finished', 'solved', '已结案', '结案', '关闭', '已关闭', '完成', '已完成', '已解决', '解决', '已处理', '处理完毕', '办结', '已办结', 'ok'],
  ],
  [
    'open',
    ['open', 'opened', 'new', 'pending', 'inprogress', 'in progress', 'processing', 'ongoing', 'registered', '处理中', '未结案', '进行中', '待处理', '未处理', '新建', '受理', '已受理', '跟进中', '未关闭', '未完成', '待结案', '开放'],
  ],
];

function lookup<T extends string>(words: Words<T>): (text: string) => T | null {
  const exact = new Map<string, T>();
  for (const [code, list] of words) for (const w of list) exact.set(normWord(w), code);
  // Longest words first, so that "安全隐患" is not read as a word it merely contains.
  const contained = [...exact.entries()].filter(([w]) => /[\u0080-\uffff]/.test(w) || w.length >= 4).sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    const n = normWord(text);
    if (!n) return null;
    const hit = exact.get(n);
    if (hit) return hit;
    for (const [w, code] of contained) if (n.includes(w)) return code;
    return null;
  };
}

export const channelOf = lookup(CHANNEL_WORDS);
export const categoryOf = lookup(CATEGORY_WORDS);
export const severityOf = lookup(SEVERITY_WORDS);
export const statusOf = lookup(STATUS_WORDS);

/** A cell as text: numbers without exponent, dates as YYYY-MM-DD [HH:mm[:ss]], booleans as words. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const w = fromUtcFields(cell.getTime());
    if (w.seconds === null) return w.date;
    const h = Math.floor(w.seconds / 3600);
    const m = Math.floor((w.seconds % 3600) / 60);
    const s = w.seconds % 60;
    return `${w.date} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell)) return cell.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
    return String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.trim();
}
