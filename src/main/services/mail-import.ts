import type { Kysely } from 'kysely';
import type { MailDraft, MailNoteCode } from '../../shared/data-io';
import { fieldError } from '../../shared/errors';
import { MAX_ATTACHMENT_BYTES } from '../../shared/schemas/lifecycle';
import type { Database } from '../db/schema';
import { store as storeContent } from './attachments';
import { appendEvents, type AuditEntry } from './audit';
import type { Actor } from './case-change';
import { matchSender } from './mail-import-match';
import { readMail, type ReadAttachment } from './mail-import-read';
import { loadStagedMail, stageMail, sweepStagedMail, type StagedFile } from './mail-import-staging';

/**
 * Importing an e-mail (issue 8): the file is read, its sender matched to a contact and customer,
 * and the message staged in the data folder; the person gets a draft of the complaint to review.
 * Only when the complaint is saved do the original message and its attachments become attachments
 * of the case, in the same transaction as the complaint itself.
 */

/** Inline images go into the HTML as data: URIs up to these sizes; beyond, the frame shows their alt text. */
const INLINE_IMAGE_MAX = 2 * 1024 * 1024;
const INLINE_TOTAL_MAX = 8 * 1024 * 1024;
/** The body text sent to the screen: far more than a description holds, enough to read the message. */
const TEXT_MAX = 50_000;

export async function parseMail(db: Kysely<Database>, dataDir: string, now: Date, input: { fileName: string; data: string }): Promise<MailDraft> {
  sweepStagedMail(dataDir, now);
  const original = Buffer.from(input.data, 'base64');
  if (original.length === 0) throw fieldError('data', 'file_empty', 'the file is empty');
  const m = await readMail(original);

  const kept: Array<ReadAttachment & { index: number }> = [];
  const skipped: MailDraft['skipped'] = [];
  for (const a of m.attachments) {
    if (a.size > MAX_ATTACHMENT_BYTES) skipped.push({ name: a.name, size: a.size, reason: 'too_large' });
    else if (a.size === 0) skipped.push({ name: a.name, size: 0, reason: 'empty' });
    else kept.push({ ...a, index: kept.length });
  }
  const staged = stageMail(dataDir, now, {
    fileName: input.fileName,
    format: m.format,
    original,
    attachments: kept.map((a) => ({ name: a.name, mime: a.mime, data: a.data() })),
  });

  const notes: MailDraft['notes'] = [];
  const note = (code: MailNoteCode, params?: Record<string, string | number>) => notes.push(params ? { code, params } : { code });
  let receivedAt: string | null = null;
  if (!m.date) note('no_date');
  else if (m.date.getTime() > now.getTime()) {
    // A sender's clock running ahead: a complaint cannot have been received in the future.
    note('received_clamped', { date: m.date.toISOString() });
    receivedAt = now.toISOString();
  } else receivedAt = m.date.toISOString();
  if (!m.from.address) note('no_address');
  let text = m.text.replace(/\r\n/g, '\n').trim();
  if (text.length > TEXT_MAX) {
    text = text.slice(0, TEXT_MAX);
    note('text_truncated', { max: TEXT_MAX });
  }

  const sender = await matchSender(db, m.from.address);
  const usedInline = new Set<number>();
  return {
    token: staged.token,
    fileName: input.fileName,
    format: m.format,
    from: m.from,
    subject: m.subject,
    receivedAt,
    text,
    html: m.html ? inlineImages(m.html, kept, usedInline) : null,
    attachments: kept.map((a) => ({ index: a.index, name: a.name, mime: a.mime, size: a.size, inline: usedInline.has(a.index) })),
    skipped,
    notes,
    ...sender,
  };
}

/** `cid:` references of the HTML body replaced by the images they name, within a budget. */
function inlineImages(html: string, kept: Array<ReadAttachment & { index: number }>, used: Set<number>): string {
  const byCid = new Map(kept.filter((a) => a.contentId).map((a) => [a.contentId!.toLowerCase(), a]));
  if (byCid.size === 0) return html;
  let budget = INLINE_TOTAL_MAX;
  const uris = new Map<string, string>();
  return html.replace(/cid:([^"'\s)>]+)/gi, (whole, raw: string) => {
    const id = safeDecode(raw).toLowerCase();
    const a = byCid.get(id);
    if (!a) return whole;
    used.add(a.index);
    if (!a.mime.startsWith('image/') || a.size > INLINE_IMAGE_MAX) return whole;
    let uri = uris.get(id);
    if (!uri) {
      if (a.size > budget) return whole;
      budget -= a.size;
      uri = `data:${a.mime};base64,${a.data().toString('base64')}`;
      uris.set(id, uri);
    }
    return uri;
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const purposeOf = (f: StagedFile) => (f.mime.startsWith('image/') ? 'photo' : 'general');

/** Checks the token before anything is written: a stale or unknown one refuses the whole registration. */
export const checkStagedMail = loadStagedMail;

/**
 * The staged message's files as attachments of the new case: the original `.eml`/`.msg` as the
 * case's e-mail, each kept attachment as a photo (images) or a general file. Runs in the
 * registration's transaction; the content store is written first, and a rolled-back registration
 * leaves only unreferenced content, as an interrupted upload does.
 */
export async function attachStagedMail(
  a: Actor,
  attachmentsDir: string,
  staged: ReturnType<typeof loadStagedMail>,
  complaintId: number,
): Promise<number> {
  const events: AuditEntry[] = [];
  const files: Array<[StagedFile, 'email' | 'general' | 'photo']> = [[staged.original, 'email'], ...staged.attachments.map((f) => [f, purposeOf(f)] as [StagedFile, 'general' | 'photo'])];
  for (const [f, purpose] of files) {
    const sha256 = storeContent(attachmentsDir, staged.read(f));
    const row = await a.db
      .insertInto('attachments')
      .values({ complaint_id: complaintId, sha256, size: f.size, name: f.name, mime: f.mime, purpose, uploaded_by: a.userId, uploaded_at: a.now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    events.push({ complaintId, kind: 'attachment_added', field: 'attachments', after: { id: row.id, name: f.name, size: f.size, sha256, purpose } });
  }
  await appendEvents(a.db, a.userId, a.now, events);
  return files.length;
}
