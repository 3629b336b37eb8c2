import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { MonthlyReport } from '../../shared/analysis';
import type { FormLanguage } from '../../shared/print';

/**
 * The monthly report as an e-mail (issue 7): subject, a short text and HTML body with the month's
 * KPIs, the PDF attached. The same message goes by SMTP or into an `.eml` draft.
 */

/** Why a send failed, as a plain code; the screen says it in words (`report.mail.error.<code>`). */
export const MAIL_ERRORS = [
  'not_configured',
  'auth_failed',
  'connection_failed',
  'tls_failed',
  'timeout',
  'recipient_refused',
  /** The report's PDF could not be made. */
  'report_failed',
  'send_failed',
] as const;
export type MailError = (typeof MAIL_ERRORS)[number];

export const reportSubject = (month: string) => `售后服务月度报告 ${month} / After-sales monthly report`;

export interface ReportAttachment {
  fileName: string;
  data: Uint8Array;
}

export interface MessageInput {
  month: string;
  lang: FormLanguage;
  from: string | null;
  to: string[];
  kpis: MonthlyReport['kpis'] | null;
  pdf: ReportAttachment;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)} %`);
const num = (n: number | null, digits = 0) => (n === null ? '—' : n.toFixed(digits));

const WORDS = {
  'zh-CN': {
    greeting: '您好：',
    intro: (m: string) => `附件为 ${m} 售后服务月度报告（PDF），主要指标如下：`,
    received: '本月受理',
    prev: '上月',
    closed: '本月结案',
    open: '未结案件',
    sla: 'SLA 达成率',
    days: '平均结案天数',
    repeats: '重复投诉',
    satisfaction: '平均满意度',
    costs: '本月费用（元）',
    closing: '详见附件。此邮件由售后服务台发送。',
  },
  en: {
    greeting: 'Hello,',
    intro: (m: string) => `attached is the after-sales monthly report for ${m} (PDF). The key figures:`,
    received: 'Complaints received',
    prev: 'previous month',
    closed: 'Cases closed',
    open: 'Open cases',
    sla: 'SLA met',
    days: 'Average days to close',
    repeats: 'Repeat complaints',
    satisfaction: 'Average satisfaction',
    costs: 'Costs this month (CNY)',
    closing: 'The details are in the attachment. Sent by the After-Sales Desk.',
  },
} as const;

function kpiLines(lang: FormLanguage, k: MonthlyReport['kpis']): Array<[string, string]> {
  const w = WORDS[lang];
  return [
    [w.received, `${k.received} (${w.prev} ${k.receivedPrev})`],
    [w.closed, String(k.closed)],
    [w.open, String(k.open)],
    [w.sla, pct(k.slaMetBp)],
    [w.days, num(k.avgDaysToClose, 1)],
    [w.repeats, String(k.repeats)],
    [w.satisfaction, num(k.satisfactionAvg, 1)],
    [w.costs, `${yuan(k.costs)} (${w.prev} ${yuan(k.costsPrev)})`],
  ];
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function reportBody(input: Pick<MessageInput, 'month' | 'lang' | 'kpis'>): { text: string; html: string } {
  const w = WORDS[input.lang];
  const lines = input.kpis ? kpiLines(input.lang, input.kpis) : [];
  const text = [w.greeting, '', w.intro(input.month), '', ...lines.map(([k, v]) => `- ${k}: ${v}`), '', w.closing, ''].join('\n');
  const rows = lines.map(([k, v]) => `<tr><td style="padding:2px 12px 2px 0">${esc(k)}</td><td style="text-align:right">${esc(v)}</td></tr>`).join('');
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">` +
    `<p>${esc(w.greeting)}</p><p>${esc(w.intro(input.month))}</p>` +
    (rows ? `<table style="border-collapse:collapse">${rows}</table>` : '') +
    `<p>${esc(w.closing)}</p></body></html>`;
  return { text, html };
}

/** The message as nodemailer takes it; `draft` adds `X-Unsent: 1` (the mail program opens it to be sent). */
export function reportMessage(input: MessageInput, draft: boolean): Mail.Options {
  return {
    ...(input.from ? { from: input.from } : {}),
    to: input.to,
    subject: reportSubject(input.month),
    ...reportBody(input),
    attachments: [{ filename: input.pdf.fileName, content: Buffer.from(input.pdf.data), contentType: 'application/pdf' }],
    ...(draft ? { headers: { 'X-Unsent': '1' } } : {}),
  };
}

/** The `.eml` bytes of a draft. */
export function composeDraft(input: MessageInput): Promise<Buffer> {
  return new MailComposer(reportMessage(input, true)).compile().build();
}

/** nodemailer's and Node's error codes to a plain reason. */
export function mailErrorOf(e: unknown): MailError {
  const err = (e ?? {}) as { code?: string; command?: string; responseCode?: number; message?: string; errno?: string; cause?: unknown };
  const code = err.code ?? '';
  const message = String(err.message ?? '');
  if (code === 'EAUTH' || err.responseCode === 535 || err.responseCode === 534) return 'auth_failed';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  if (code === 'ETLS' || /certificate|ssl|tls|wrong version number|self[- ]signed/i.test(message)) return 'tls_failed';
  if (code === 'EENVELOPE' || (err.command ?? '').startsWith('RCPT')) return 'recipient_refused';
  if (['ECONNECTION', 'ECONNREFUSED', 'EDNS', 'ESOCKET', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ENETUNREACH'].includes(code)) {
    return 'connection_failed';
  }
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET/.test(message)) return 'connection_failed';
  return 'send_failed';
}
