import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/schemas/lifecycle';
import { attachmentPath } from '../../src/main/services/attachments';
import { ACCEPTANCE, driveTo, openOffice, registerCase, type Office } from './helpers';

/**
 * Attachments (photos, scans, e-mails, the customer's receipt): stored once by content hash, a size
 * limit, the bytes given back unchanged, and a file changed on disk noticed.
 */

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every file under the attachments folder (none when it does not exist yet). */
function storedFiles(o: Office): string[] {
  const root = join(o.dataDir, 'attachments');
  const walk = (dir: string): string[] => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  };
  return walk(root);
}

async function withCase(classification: 'quality' | 'non_quality' = 'quality') {
  const o = await openOffice();
  const f = await registerCase(o, classification);
  await o.as('sales_admin');
  return { o, f };
}

describe('attachments', () => {
  it('stores the same bytes once on disk, with a row for each upload', async () => {
    const { o, f } = await withCase();
    const photo = Buffer.from('\x89PNG\r\n fake photo of the control board');
    const a = await o.call('attachments.add', { complaintId: f.id, name: '主控板.png', mime: 'image/png', purpose: 'photo', data: b64(photo) });
    const other = await registerCase(o);
    await o.as('production_after_sales');
    const b = await o.call('attachments.add', { complaintId: other.id, name: 'same.png', mime: 'image/png', purpose: 'photo', data: b64(photo) });

    expect(a).toMatchObject({ name: '主控板.png', mime: 'image/png', size: photo.length, sha256: sha(photo), purpose: 'photo', uploadedBy: 'sales_admin 1' });
    expect(b.sha256).toBe(a.sha256);
    expect(b.id).not.toBe(a.id);
    expect(storedFiles(o)).toEqual([attachmentPath(join(o.dataDir, 'attachments'), sha(photo))]);
    expect(readFileSync(storedFiles(o)[0]!)).toEqual(photo);
    expect(o.counts().attachments).toBe(2);
    expect((await o.file(f.id)).attachments.map((x) => x.name)).toEqual(['主控板.png']);
    expect((await o.file(other.id)).attachments.map((x) => [x.name, x.uploadedBy])).toEqual([['same.png', 'production_after_sales 1']]);
  });

  it('gives the bytes back with attachments.content', async () => {
    const { o, f } = await withCase();
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const a = await o.call('attachments.add', { complaintId: f.id, name: 'scan.bin', data: b64(bytes) });
    const got = await o.call('attachments.content', { id: a.id });
    expect(got).toEqual({ name: 'scan.bin', mime: 'application/octet-stream', data: b64(bytes) });
    expect(Buffer.from(got.data, 'base64')).toEqual(bytes);
    // The host's transport answers a URL to open (Electron opens the system viewer instead).
    expect(await o.call('attachments.open', { id: a.id })).toEqual({ url: `/attachments/${a.id}` });
  });

  it('refuses a file over 20 MB with file_too_large, and writes nothing', async () => {
    const { o, f } = await withCase();
    const before = { counts: o.counts(), version: (await o.file(f.id)).version };
    // One byte over: within what the base64 check lets through, refused by size.
    const over = await o.fail('attachments.add', { complaintId: f.id, name: 'big.jpg', data: b64(Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 7)) });
    expect(over).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'data', code: 'file_too_large', params: { max: 20 } })] });
    // Far over: refused by the input schema before it is decoded.
    const far = await o.fail('attachments.add', { complaintId: f.id, name: 'video.mp4', data: 'A'.repeat(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 8) });
    expect(far.issues).toEqual([expect.objectContaining({ path: 'data', code: 'file_too_large' })]);
    expect(o.counts()).toEqual(before.counts);
    expect((await o.file(f.id)).version).toBe(before.version);
    expect(storedFiles(o)).toEqual([]);
  });

  it('takes a file of exactly 20 MB', async () => {
    const { o, f } = await withCase();
    const a = await o.call('attachments.add', { complaintId: f.id, name: 'max.jpg', data: b64(Buffer.alloc(MAX_ATTACHMENT_BYTES, 1)) });
    expect(a.size).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('refuses an empty file, a path for a name, and an unknown case', async () => {
    const { o, f } = await withCase();
    const before = o.counts();
    expect((await o.fail('attachments.add', { complaintId: f.id, name: 'empty.txt', data: '' })).issues).toEqual([
      expect.objectContaining({ path: 'data', code: 'file_empty' }),
    ]);
    expect((await o.fail('attachments.add', { complaintId: f.id, name: '../../etc/passwd', data: b64('x') })).issues).toEqual([
      expect.objectContaining({ path: 'name', code: 'file_name' }),
    ]);
    expect((await o.fail('attachments.add', { complaintId: 9999, name: 'a.txt', data: b64('x') })).issues).toEqual([
      expect.objectContaining({ path: 'complaintId', code: 'not_found' }),
    ]);
    expect(o.counts()).toEqual(before);
    expect(storedFiles(o)).toEqual([]);
  });

  it('refuses an upload by a role that may not add attachments (the chairman)', async () => {
    const { o, f } = await withCase();
    await o.as('chairman');
    const r = await o.fail('attachments.add', { complaintId: f.id, name: 'a.txt', data: b64('x') });
    expect(r).toMatchObject({ code: 'FORBIDDEN', issues: [expect.objectContaining({ path: 'workflow', code: 'wrong_role' })] });
  });

  it('takes as the receipt only an attachment of the same case', async () => {
    const { o, f } = await withCase();
    const other = await registerCase(o);
    await o.as('sales_admin');
    const foreign = await o.call('attachments.add', { complaintId: other.id, name: '别的验收单.pdf', purpose: 'receipt', data: b64('other receipt') });
    await driveTo(o, f.id, 'in_service');
    const before = o.counts();
    const r = await o.refuse('production_after_sales', 'complaints.recordAcceptance', f.id, { ...ACCEPTANCE, receiptAttachmentId: foreign.id });
    expect(r).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'receiptAttachmentId', code: 'not_found' })] });
    expect(o.counts()).toEqual(before);

    await o.as('production_after_sales');
    const own = await o.call('attachments.add', { complaintId: f.id, name: '验收单.pdf', purpose: 'receipt', data: b64('our receipt') });
    const g = await o.edit('production_after_sales', 'complaints.recordAcceptance', f.id, { ...ACCEPTANCE, receiptAttachmentId: own.id });
    expect(g.acceptance?.receiptAttachmentId).toBe(own.id);
  });

  it('notices a file changed on disk (CONFLICT) and a missing one (NOT_FOUND)', async () => {
    const { o, f } = await withCase();
    const bytes = Buffer.from('the customer e-mail, as received');
    const a = await o.call('attachments.add', { complaintId: f.id, name: 'mail.eml', mime: 'message/rfc822', purpose: 'email', data: b64(bytes) });
    const path = attachmentPath(join(o.dataDir, 'attachments'), a.sha256);
    writeFileSync(path, 'tampered');
    const r = await o.fail('attachments.content', { id: a.id });
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toMatch(/changed on disk/);

    // Uploading the original again puts the right bytes back under its hash.
    await o.call('attachments.add', { complaintId: f.id, name: 'mail again.eml', data: b64(bytes) });
    expect((await o.call('attachments.content', { id: a.id })).data).toBe(b64(bytes));

    expect((await o.fail('attachments.content', { id: 9999 })).code).toBe('NOT_FOUND');
  });

  it('adds attachments to a closed case, too', async () => {
    const { o, f } = await withCase();
    await driveTo(o, f.id, 'closed');
    await o.as('finance');
    const a = await o.call('attachments.add', { complaintId: f.id, name: '发票.pdf', purpose: 'scan', data: b64('invoice') });
    expect((await o.file(f.id)).attachments.map((x) => x.id)).toEqual([a.id]);
  });
});
