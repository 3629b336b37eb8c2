import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MailDraft } from '../../src/shared/data-io';
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/schemas/lifecycle';
import { BODY_TEXT, buildEml, hostileEml, PDF, PNG, readGbkEml, SUBJECT } from '../fixtures/mail/eml-fixtures';
import { buildMsg } from '../fixtures/mail/msg-builder';
import { complaintInput, openTestApp, type TestApp } from './helpers';

/**
 * Issue 8, importing e-mails: an `.eml` or Outlook `.msg` read into a complaint draft with its
 * sender matched to a contact and customer; registering the draft keeps the original message and
 * its attachments with the new case, byte for byte; a token that is unknown or stale, or a file
 * that is no e-mail, is refused with nothing written.
 */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (b: Buffer) => b.toString('base64');
const stagingDir = (app: TestApp) => join(app.dataDir, 'staging', 'mail');
const staged = (app: TestApp) => (existsSync(stagingDir(app)) ? readdirSync(stagingDir(app)) : []);

/** Three customers whose contacts have e-mail addresses: the registration form remembers them. */
async function office(app: TestApp): Promise<Record<'hz' | 'nb' | 'free', number>> {
  const hz = await app.call(
    'complaints.create',
    complaintInput({ newCustomer: { name: '杭州测试精工有限公司', region: '杭州' }, contactName: '周工', contactEmail: 'zhou@hztest-precision.com' }),
  );
  const nb = await app.call(
    'complaints.create',
    complaintInput({ newCustomer: { name: '宁波华瑞机械有限公司', region: '宁波' }, contactName: '陈工', contactEmail: 'chen.gong@ningbo-huarui.cn' }),
  );
  const free = await app.call(
    'complaints.create',
    complaintInput({ newCustomer: { name: '个体户张三', region: null }, contactName: '张三', contactEmail: 'zhangsan@qq.com' }),
  );
  return { hz: hz.customerId, nb: nb.customerId, free: free.customerId };
}

function registerFrom(d: MailDraft, over: Parameters<typeof complaintInput>[0] = {}) {
  return complaintInput({
    receivedAt: d.receivedAt!,
    channel: 'email',
    newCustomer: null,
    customerId: d.customer?.id ?? null,
    contactName: d.contact?.name ?? d.from.name,
    contactEmail: d.from.address,
    contactPhone: d.contact?.phone ?? null,
    description: `${d.subject}\n\n${d.text}`,
    mailToken: d.token,
    ...over,
  });
}

describe('importing an e-mail into a complaint draft', () => {
  it('reads the hostile Chinese .eml into a draft matched to the sender’s contact and customer', async () => {
    const app = await openTestApp();
    const ids = await office(app);
    const eml = await hostileEml('http://127.0.0.1:9');
    const d = await app.call('mailImport.parse', { fileName: '投诉邮件.eml', data: b64(eml) });
    expect(d).toMatchObject({
      fileName: '投诉邮件.eml',
      format: 'eml',
      from: { name: '周工', address: 'zhou@hztest-precision.com' },
      subject: SUBJECT,
      receivedAt: '2026-11-20T02:30:00.000Z',
      match: 'contact',
      customer: { id: ids.hz, name: '杭州测试精工有限公司', region: '杭州' },
      contact: { name: '周工', email: 'zhou@hztest-precision.com', phone: '+86 512 6688 1234' },
      skipped: [],
      notes: [],
    });
    expect(d.token).toMatch(/^[a-f0-9]{32}$/);
    expect(d.text).toContain('排气温度超过 110℃');
    // The photo the HTML shows inline comes along as an image the frame can show, not a cid: link.
    expect(d.html).toContain(`data:image/png;base64,${b64(PNG)}`);
    expect(d.html).not.toContain('cid:fault-photo');
    expect(d.attachments).toEqual([
      { index: 0, name: '现场照片.png', mime: 'image/png', size: PNG.length, inline: true },
      { index: 1, name: '检测报告.pdf', mime: 'application/pdf', size: PDF.length, inline: false },
    ]);
    // Staged in the data folder, nothing in the database yet.
    expect(staged(app)).toEqual([d.token]);
    expect(app.counts().attachments).toBe(0);
  });

  it('matches the sender whatever the case of the address', async () => {
    const app = await openTestApp();
    const ids = await office(app);
    const d = await app.call('mailImport.parse', { fileName: 'a.eml', data: b64(await buildEml({ from: 'ZHOU Gong <Zhou@HZTest-Precision.COM>' })) });
    expect(d).toMatchObject({ match: 'contact', customer: { id: ids.hz }, contact: { name: '周工' } });
  });

  it('suggests the customer of a colleague at the same company domain, never for free mail domains', async () => {
    const app = await openTestApp();
    const ids = await office(app);
    const gbk = await app.call('mailImport.parse', { fileName: '漏水.eml', data: b64(readGbkEml()) });
    expect(gbk).toMatchObject({
      from: { name: '李经理', address: 'li.jingli@ningbo-huarui.cn' },
      subject: '关于LX-200冷干机漏水的投诉',
      receivedAt: '2026-11-10T01:15:00.000Z',
      match: 'domain',
      customer: { id: ids.nb, name: '宁波华瑞机械有限公司' },
      contact: null,
      html: null,
      attachments: [],
    });
    const qq = await app.call('mailImport.parse', { fileName: 'qq.eml', data: b64(await buildEml({ from: '李四 <lisi@qq.com>' })) });
    expect(qq).toMatchObject({ match: 'none', customer: null, contact: null });
    const stranger = await app.call('mailImport.parse', { fileName: 'x.eml', data: b64(await buildEml({ from: 'someone@unknown-company.cn' })) });
    expect(stranger).toMatchObject({ match: 'none', customer: null, from: { name: null, address: 'someone@unknown-company.cn' } });
  });

  it('brings a date in the future back to the import’s time, and says when there is no date', async () => {
    const app = await openTestApp();
    const before = Date.now();
    const future = await app.call('mailImport.parse', { fileName: 'f.eml', data: b64(await buildEml({ date: new Date(Date.now() + 3 * 86400_000) })) });
    expect(Date.parse(future.receivedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(future.receivedAt!)).toBeLessThanOrEqual(Date.now());
    expect(future.notes.map((n) => n.code)).toEqual(['received_clamped']);
    const raw = Buffer.from('From: 王工 <wang@x-corp.cn>\r\nSubject: no date\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n正文\r\n');
    const undated = await app.call('mailImport.parse', { fileName: 'n.eml', data: b64(raw) });
    expect(undated.receivedAt).toBeNull();
    expect(undated.notes.map((n) => n.code)).toEqual(['no_date']);
  });

  it('lists an attachment over 20 MB as not kept, and keeps the rest and the original', async () => {
    const app = await openTestApp();
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x41);
    const eml = await buildEml({
      attachments: [
        { filename: '现场视频.mp4', content: big, contentType: 'video/mp4' },
        { filename: '检测报告.pdf', content: PDF, contentType: 'application/pdf' },
      ],
    });
    const d = await app.call('mailImport.parse', { fileName: 'big.eml', data: b64(eml) });
    expect(d.skipped).toEqual([{ name: '现场视频.mp4', size: big.length, reason: 'too_large' }]);
    expect(d.attachments.map((a) => a.name)).toEqual(['检测报告.pdf']);
    const c = await app.call('complaints.create', registerFrom(d, { newCustomer: { name: '新客户', region: null }, customerId: null }));
    const file = await app.call('complaints.file', { id: c.id });
    expect(file.attachments.map((a) => [a.name, a.purpose, a.size])).toEqual([
      ['big.eml', 'email', eml.length],
      ['检测报告.pdf', 'general', PDF.length],
    ]);
  });

  it('refuses a file that is no e-mail, with a reason on the file', async () => {
    const app = await openTestApp();
    for (const data of [Buffer.from('跟踪编号,客户\nCC-1,ACME\n'), PDF, PNG]) {
      const e = await app.fail('mailImport.parse', { fileName: 'complaint.eml', data: b64(data) });
      expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'data', code: 'not_mail' }] });
    }
    expect((await app.fail('mailImport.parse', { fileName: 'e.eml', data: '' })).issues).toMatchObject([{ path: 'data', code: 'file_empty' }]);
    expect(staged(app)).toEqual([]);
  });
});

describe('registering the complaint from the draft', () => {
  it('keeps the original message and its attachments with the case, byte for byte, and clears the staging', async () => {
    const app = await openTestApp();
    const ids = await office(app);
    const eml = await hostileEml('http://127.0.0.1:9');
    const d = await app.call('mailImport.parse', { fileName: '投诉邮件.eml', data: b64(eml) });
    const before = app.counts();
    const c = await app.call('complaints.create', registerFrom(d));
    expect(c).toMatchObject({ channel: 'email', customerId: ids.hz, contactEmail: 'zhou@hztest-precision.com', receivedAt: '2026-11-20T02:30:00.000Z' });
    expect(c.description).toBe(`${SUBJECT}\n\n${BODY_TEXT}`);

    const file = await app.call('complaints.file', { id: c.id });
    expect(file.attachments.map((a) => [a.name, a.mime, a.purpose, a.size])).toEqual([
      ['投诉邮件.eml', 'message/rfc822', 'email', eml.length],
      ['现场照片.png', 'image/png', 'photo', PNG.length],
      ['检测报告.pdf', 'application/pdf', 'general', PDF.length],
    ]);
    const expected = [sha(eml), sha(PNG), sha(PDF)];
    for (const [i, a] of file.attachments.entries()) {
      expect(a.sha256).toBe(expected[i]);
      const content = await app.call('attachments.content', { id: a.id });
      expect(sha(Buffer.from(content.data, 'base64'))).toBe(expected[i]);
    }
    const events = await app.call('complaints.events', { id: c.id });
    expect(events.filter((e) => e.kind === 'attachment_added')).toHaveLength(3);
    expect(app.counts().attachments).toBe((before.attachments ?? 0) + 3);
    // The staged message is gone: the same token cannot add the files to a second case.
    expect(staged(app)).toEqual([]);
    const again = app.counts();
    const e = await app.fail('complaints.create', registerFrom(d));
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'mailToken', code: 'mail_token_unknown' }] });
    expect(app.counts()).toEqual(again);
  });

  it('keeps an Outlook .msg and its attachments the same way', async () => {
    const app = await openTestApp();
    const ids = await office(app);
    const msg = buildMsg({
      subject: 'LX-200 漏水',
      senderName: 'Li Jingli',
      senderAddressType: 'EX',
      senderEmail: '/O=HUARUI/OU=FIRST ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=LIJINGLI',
      senderSmtpAddress: 'li.jingli@ningbo-huarui.cn',
      body: '排水阀漏水，请派人检修。',
      html: '<p>排水阀<b>漏水</b>，请派人检修。</p>',
      deliveryTime: new Date('2026-11-18T06:45:00Z'),
      attachments: [
        { name: 'leak.png', mime: 'image/png', data: PNG },
        { name: '保修卡.pdf', data: PDF },
      ],
    });
    const d = await app.call('mailImport.parse', { fileName: 'LX-200 漏水.msg', data: b64(msg) });
    expect(d).toMatchObject({
      format: 'msg',
      from: { name: 'Li Jingli', address: 'li.jingli@ningbo-huarui.cn' },
      subject: 'LX-200 漏水',
      receivedAt: '2026-11-18T06:45:00.000Z',
      text: '排水阀漏水，请派人检修。',
      html: '<p>排水阀<b>漏水</b>，请派人检修。</p>',
      match: 'domain',
      customer: { id: ids.nb },
    });
    const c = await app.call('complaints.create', registerFrom(d));
    const file = await app.call('complaints.file', { id: c.id });
    expect(file.attachments.map((a) => [a.name, a.mime, a.purpose, a.sha256])).toEqual([
      ['LX-200 漏水.msg', 'application/vnd.ms-outlook', 'email', sha(msg)],
      ['leak.png', 'image/png', 'photo', sha(PNG)],
      ['保修卡.pdf', 'application/pdf', 'general', sha(PDF)],
    ]);
  });

  it('refuses an unknown or malformed token on the field, writing nothing', async () => {
    const app = await openTestApp();
    await office(app);
    const before = app.counts();
    for (const mailToken of ['0123456789abcdef0123456789abcdef', 'not-a-token']) {
      const e = await app.fail('complaints.create', { ...complaintInput(), mailToken });
      expect(e).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'mailToken', code: 'mail_token_unknown' }] });
    }
    expect(app.counts()).toEqual(before);
  });

  it('leaves the staged message for another try when the registration itself is refused', async () => {
    const app = await openTestApp();
    await office(app);
    const d = await app.call('mailImport.parse', { fileName: 'a.eml', data: b64(await buildEml()) });
    const before = app.counts();
    // A customer that does not exist: refused inside the transaction, after the token was checked.
    const e = await app.fail('complaints.create', registerFrom(d, { customerId: 99999 }));
    expect(e.issues?.[0]?.path).toBe('customerId');
    expect(app.counts()).toEqual(before);
    expect(staged(app)).toEqual([d.token]);
    const c = await app.call('complaints.create', registerFrom(d));
    expect((await app.call('complaints.file', { id: c.id })).attachments).toHaveLength(3);
  });

  it('refuses a token older than a week, and sweeps it at the next import', async () => {
    let now = Date.parse('2026-11-21T01:00:00Z');
    const app = await openTestApp({ clock: () => new Date(now) });
    const ids = await office(app);
    const d = await app.call('mailImport.parse', { fileName: 'a.eml', data: b64(await buildEml()) });
    now += 7 * 86400_000 + 60_000;
    const before = app.counts();
    const e = await app.fail('complaints.create', registerFrom(d, { customerId: ids.hz }));
    expect(e).toMatchObject({ issues: [{ path: 'mailToken', code: 'mail_token_unknown' }] });
    expect(app.counts()).toEqual(before);
    expect(staged(app)).toEqual([d.token]);
    const next = await app.call('mailImport.parse', { fileName: 'b.eml', data: b64(await buildEml()) });
    expect(staged(app)).toEqual([next.token]);
  });
});
