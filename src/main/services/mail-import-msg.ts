import MsgReader, { type FieldsData } from '@kenjiuno/msgreader';
import { decompressRTF } from '@kenjiuno/decompressrtf';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { deEncapsulateSync } from 'rtf-stream-parser';
import type { ReadAttachment, ReadMessage } from './mail-import-read';
import { mimeForName, safeName } from './mail-import-names';

/**
 * Outlook's `.msg` (MS-OXMSG) through @kenjiuno/msgreader. Outlook and Exchange keep the sender in
 * several places: an Exchange sender has an X.500 name in PidTagSenderEmailAddress and its SMTP
 * address only in PidTagSenderSmtpAddress (or the transport headers, for a message that came in
 * from outside). The HTML body is either PidTagHtml or, often, only HTML wrapped in the compressed
 * RTF body (`\fromhtml1`), which is decompressed and unwrapped here.
 */

const isSmtp = (s: string | undefined): s is string => !!s && /^[^\s@/]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

function time(s: string | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The From and Date of the transport headers a message received from outside keeps. */
async function fromHeaders(headers: string | undefined): Promise<{ name: string | null; address: string | null; date: Date | null }> {
  if (!headers) return { name: null, address: null, date: null };
  const m = await simpleParser(`${headers.trim()}\r\n\r\n`);
  const v = m.from?.value[0];
  return { name: v?.name?.trim() || null, address: v?.address?.trim() || null, date: m.date && !Number.isNaN(m.date.getTime()) ? m.date : null };
}

function decodeHtml(bytes: Uint8Array, codepage: number | undefined): string {
  const enc = codepage && codepage !== 65001 && iconv.encodingExists(`cp${codepage}`) ? `cp${codepage}` : 'utf8';
  return iconv.decode(Buffer.from(bytes), enc);
}

/** The HTML or text Outlook wrapped in its compressed RTF body; null when it is RTF of its own. */
function fromRtf(compressed: Uint8Array): { html: string | null; text: string | null } {
  try {
    const rtf = Buffer.from(decompressRTF(Array.from(compressed)));
    const out = deEncapsulateSync(rtf, { decode: (buf, enc) => iconv.decode(buf, iconv.encodingExists(enc) ? enc : 'cp1252'), mode: 'either' });
    const body = typeof out.text === 'string' ? out.text : out.text.toString('utf8');
    return out.mode === 'html' ? { html: body, text: null } : { html: null, text: body };
  } catch {
    // Native RTF (written in Word, say): the plain body says the same in words.
    return { html: null, text: null };
  }
}

/** Plain words of an HTML body, for a message that has no plain body at all. */
function htmlToPlain(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function readMsg(data: Buffer): Promise<ReadMessage> {
  const reader = new MsgReader(new DataView(data.buffer, data.byteOffset, data.length));
  const f: FieldsData = reader.getFileData();
  if (f.error) throw new Error(f.error);
  if (f.dataType !== 'msg' || (!f.messageClass && f.subject === undefined && f.body === undefined && !f.senderName)) {
    throw new Error('the compound file is not an Outlook message');
  }
  const headers = await fromHeaders(f.headers);
  const address =
    [f.senderSmtpAddress, f.senderAddressType === 'EX' ? undefined : f.senderEmail, f.sentRepresentingSmtpAddress, headers.address ?? undefined].find(isSmtp)?.trim() ??
    null;

  let html: string | null = f.bodyHtml ?? (f.html ? decodeHtml(f.html, f.internetCodepage) : null);
  let text = f.body ?? '';
  if (!html && f.compressedRtf) {
    const r = fromRtf(f.compressedRtf);
    html = r.html;
    if (!text.trim() && r.text) text = r.text;
  }
  if (!text.trim() && html) text = htmlToPlain(html);

  const attachments: ReadAttachment[] = (f.attachments ?? []).map((a, i) => {
    const name = safeName(a.fileName ?? a.fileNameShort ?? (a.innerMsgContent ? `${a.name ?? 'message'}.msg` : a.name), '', i);
    let bytes: Buffer | null = null;
    const read = () => (bytes ??= Buffer.from(reader.getAttachment(a).content));
    return {
      name,
      mime: a.innerMsgContent ? 'application/vnd.ms-outlook' : a.attachMimeTag?.trim() || mimeForName(name),
      // An embedded message has no length of its own until it is written out as a file.
      size: a.contentLength ?? read().length,
      contentId: a.pidContentId?.replace(/^<|>$/g, '') || null,
      data: read,
    };
  });

  return {
    format: 'msg',
    from: { name: f.senderName?.trim() || headers.name, address },
    subject: (f.subject ?? '').trim(),
    date: time(f.messageDeliveryTime) ?? time(f.clientSubmitTime) ?? headers.date,
    text,
    html: html && html.trim() ? html : null,
    attachments,
  };
}
