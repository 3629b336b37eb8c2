import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { ApiError, fieldError } from '../../shared/errors';
import { MAX_ATTACHMENT_BYTES, type attachmentAddSchema } from '../../shared/schemas/lifecycle';
import type { Attachment } from '../../shared/types';
import { loadForChange, type Actor } from './case-change';
import { appendEvents } from './audit';

/**
 * Photos, scans, e-mails and the customer's receipt (seed 001). Files are stored once by their
 * SHA-256 under the data folder; the database holds what they are and which case they belong to.
 */

export function attachmentPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Writes the bytes if this content is not stored intact yet (a file changed on disk is replaced by
 * the right bytes, so a new upload never points at damaged content); a crash leaves at most a temp
 * file, never half a blob.
 */
export function store(dir: string, data: Buffer): string {
  const sha = sha256Of(data);
  const target = attachmentPath(dir, sha);
  if (!existsSync(target) || sha256Of(readFileSync(target)) !== sha) {
    mkdirSync(join(dir, sha.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, data, { flush: true });
    renameSync(tmp, target);
  }
  return sha;
}

export async function addAttachment(a: Actor, dir: string, i: z.output<typeof attachmentAddSchema>): Promise<Attachment> {
  const file = await a.db.selectFrom('complaints').select('version').where('id', '=', i.complaintId).executeTakeFirst();
  if (!file) throw fieldError('complaintId', 'not_found', `no complaint with id ${i.complaintId}`);
  const f = await loadForChange(a, i.complaintId, file.version, 'attachments');
  const data = Buffer.from(i.data, 'base64');
  if (data.length === 0) throw fieldError('data', 'file_empty', 'the file is empty');
  if (data.length > MAX_ATTACHMENT_BYTES) {
    throw fieldError('data', 'file_too_large', 'the file is larger than 20 MB', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  }
  const sha256 = store(dir, data);
  const row = await a.db
    .insertInto('attachments')
    .values({
      complaint_id: f.id,
      sha256,
      size: data.length,
      name: i.name,
      mime: i.mime || 'application/octet-stream',
      purpose: i.purpose,
      uploaded_by: a.userId,
      uploaded_at: a.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Attachments only ever add: no version bump, so a colleague's upload never makes an open form stale.
  await appendEvents(a.db, a.userId, a.now, [
    { complaintId: f.id, kind: 'attachment_added', field: 'attachments', after: { id: row.id, name: i.name, size: data.length, sha256, purpose: i.purpose } },
  ]);
  const user = await a.db.selectFrom('users').select('name').where('id', '=', a.userId).executeTakeFirstOrThrow();
  return { id: row.id, name: i.name, mime: i.mime, size: data.length, sha256, purpose: i.purpose, uploadedBy: user.name, uploadedAt: a.now.toISOString() };
}

export interface StoredAttachment {
  path: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Finds an attachment's file and checks that its content is still what was stored. */
export async function locateAttachment(a: Pick<Actor, 'db'>, dir: string, id: number): Promise<StoredAttachment> {
  const r = await a.db.selectFrom('attachments').select(['sha256', 'name', 'mime', 'size']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new ApiError('NOT_FOUND', `no attachment with id ${id}`);
  const path = attachmentPath(dir, r.sha256);
  if (!existsSync(path)) throw new ApiError('NOT_FOUND', `the file of attachment ${r.name} is missing from the data folder`);
  return { path, ...r };
}

export async function readAttachment(a: Pick<Actor, 'db'>, dir: string, id: number): Promise<StoredAttachment & { data: Buffer }> {
  const s = await locateAttachment(a, dir, id);
  const data = readFileSync(s.path);
  if (sha256Of(data) !== s.sha256) {
    throw new ApiError('CONFLICT', `the file of attachment ${s.name} has been changed on disk; restore it from a backup`);
  }
  return { ...s, data };
}
