import { simpleParser, type AddressObject } from 'mailparser';
import { ApiError, fieldError } from '../../shared/errors';
import { readMsg } from './mail-import-msg';
import { safeName } from './mail-import-names';

/**
 * Reading one e-mail file, as saved from a mail program (`.eml`, RFC 822) or from Outlook (`.msg`,
 * a compound file of MAPI properties), into the same shape. What kind of file it is comes from its
 * content, never only its name: a renamed `.msg` still reads, and a spreadsheet called `.eml` is
 * refused with a reason.
 */

export type MailFormat = 'eml' | 'msg';

export interface ReadAttachment {
  name: string;
  mime: string;
  size: number;
  /** `cid:` reference of an image shown inside the HTML body, if any. */
  contentId: string | null;
  /** The bytes; a `.msg` reads them only when asked (an oversized one is never read). */
  data(): Buffer;
}

export interface ReadMessage {
  format: MailFormat;
  from: { name: string | null; address: string | null };
  subject: string;
  /** When the message was sent or delivered, as the file says; null when it says nothing usable. */
  date: Date | null;
  text: string;
  html: string | null;
  attachments: ReadAttachment[];
}

/** The compound-file signature every Outlook `.msg` starts with. */
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Headers that every message saved from a mail program carries at least two of. */
const MAIL_HEADERS = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'received', 'mime-version', 'return-path', 'content-type', 'reply-to', 'sender', 'delivered-to', 'x-mailer', 'x-unsent']);

/**
 * 'eml' when the file begins with an RFC 822 header block (at least two mail headers, each line a
 * header or a continuation, up to the first blank line); 'msg' for a compound file; null otherwise.
 */
export function sniffMailFormat(data: Buffer): MailFormat | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(CFB_SIGNATURE)) return 'msg';
  const head = data.subarray(0, 64 * 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const lines = head.split(/\r?\n/);
  // An mbox export starts with its own "From sender date" line before the headers.
  const start = lines[0]?.startsWith('From ') ? 1 : 0;
  const found = new Set<string>();
  for (const line of lines.slice(start)) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && found.size > 0) continue;
    const m = /^([!-9;-~]+):/.exec(line);
    if (!m) return null;
    const name = (m[1] ?? '').toLowerCase();
    if (MAIL_HEADERS.has(name)) found.add(name);
  }
  // A header block cut off by the 64 KB window is long but still a header block.
  return found.size >= 2 && (found.has('from') || found.has('received') || found.has('mime-version')) ? 'eml' : null;
}

/** Reads the file; throws a field error on `data` when it is no e-mail or cannot be read. */
export async function readMail(data: Buffer): Promise<ReadMessage> {
  const format = sniffMailFormat(data);
  if (!format) throw fieldError('data', 'not_mail', 'the file is neither an e-mail (.eml) nor an Outlook message (.msg)');
  try {
    return format === 'msg' ? await readMsg(data) : await readEml(data);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw fieldError('data', 'mail_unreadable', `the ${format === 'msg' ? 'Outlook message' : 'e-mail'} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { name: string | null; address: string | null } {
  const v = (Array.isArray(a) ? a[0] : a)?.value[0];
  return { name: v?.name?.trim() || null, address: v?.address?.trim() || null };
}

async function readEml(data: Buffer): Promise<ReadMessage> {
  // cid: links stay as they are: the import puts the inline images in itself, within a budget.
  const m = await simpleParser(data, { keepCidLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const date = m.date && !Number.isNaN(m.date.getTime()) ? m.date : null;
  return {
    format: 'eml',
    from: firstAddress(m.from),
    subject: (m.subject ?? '').trim(),
    date,
    text: m.text ?? '',
    html: typeof m.html === 'string' && m.html.trim() ? m.html : null,
    attachments: m.attachments.map((a, i) => ({
      name: safeName(a.filename, a.contentType, i),
      mime: a.contentType || 'application/octet-stream',
      size: a.content.length,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
      data: () => a.content,
    })),
  };
}
