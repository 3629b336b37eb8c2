import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readMail, sniffMailFormat } from '../../src/main/services/mail-import-read';
import { safeName } from '../../src/main/services/mail-import-names';
import { ApiError } from '../../src/shared/errors';
import { BODY_TEXT, buildEml, hostileEml, PDF, PNG, readGbkEml, SUBJECT } from '../fixtures/mail/eml-fixtures';
import { buildMsg, uncompressedRtf } from '../fixtures/mail/msg-builder';

/**
 * Reading `.eml` and Outlook `.msg` files into one shape: sender, subject, time, bodies and the
 * attachments' bytes, with the kind of file told by its content.
 */

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  const err = e as ApiError;
  expect(err.issues[0]?.path).toBe('data');
  return err.issues[0]!.code;
}

describe('telling an e-mail by its content', () => {
  it('knows a compound file, a mail header block, and neither', async () => {
    expect(sniffMailFormat(buildMsg({ subject: 'x' }))).toBe('msg');
    expect(sniffMailFormat(await buildEml())).toBe('eml');
    expect(sniffMailFormat(readGbkEml())).toBe('eml');
    expect(sniffMailFormat(Buffer.from('From someone@x.com Tue Nov 10 09:15:00 2026\nFrom: a@b.cn\nSubject: x\n\nhi'))).toBe('eml');
    expect(sniffMailFormat(Buffer.from('trackingNo,customer\nCC-1,ACME\n'))).toBeNull();
    expect(sniffMailFormat(PDF)).toBeNull();
    expect(sniffMailFormat(PNG)).toBeNull();
    // One header-looking line is not a message (a note saying "Subject: noise").
    expect(sniffMailFormat(Buffer.from('Subject: noise\n\nthe compressor is loud'))).toBeNull();
    expect(sniffMailFormat(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a file that is neither, and a compound file that is no Outlook message', async () => {
    expect(await refusal(readMail(Buffer.from('PK\u0003\u0004 a zip, renamed to .eml')))).toBe('not_mail');
    const cfbNoMessage = buildMsg({ subject: 'x' });
    // Damage the directory: still a compound file by its signature, but nothing in it reads.
    cfbNoMessage.fill(0xff, 512);
    expect(await refusal(readMail(cfbNoMessage))).toBe('mail_unreadable');
  });
});

describe('reading an .eml', () => {
  it('decodes the Chinese subject, sender, body and both attachments byte for byte', async () => {
    const m = await readMail(await buildEml());
    expect(m.format).toBe('eml');
    expect(m.subject).toBe(SUBJECT);
    expect(m.from).toEqual({ name: '周工', address: 'zhou@hztest-precision.com' });
    expect(m.date?.toISOString()).toBe('2026-11-20T02:30:00.000Z');
    expect(m.text.trim()).toBe(BODY_TEXT);
    expect(m.attachments.map((a) => [a.name, a.mime, a.size])).toEqual([
      ['现场照片.png', 'image/png', PNG.length],
      ['检测报告.pdf', 'application/pdf', PDF.length],
    ]);
    expect(sha(m.attachments[0]!.data())).toBe(sha(PNG));
    expect(sha(m.attachments[1]!.data())).toBe(sha(PDF));
  });

  it('keeps the hostile HTML body as it is (sanitising is the screen’s job) and the cid of the inline photo', async () => {
    const m = await readMail(await hostileEml('http://127.0.0.1:9'));
    expect(m.html).toContain('<script>');
    expect(m.html).toContain('cid:fault-photo@hengda');
    expect(m.attachments[0]!.contentId).toBe('fault-photo@hengda');
  });

  it('reads a GB2312/GBK quoted-printable message from an older Chinese mail program', async () => {
    const m = await readMail(readGbkEml());
    expect(m.subject).toBe('关于LX-200冷干机漏水的投诉');
    expect(m.from).toEqual({ name: '李经理', address: 'li.jingli@ningbo-huarui.cn' });
    expect(m.date?.toISOString()).toBe('2026-11-10T01:15:00.000Z');
    expect(m.text).toContain('LX-200 冷干机（序列号 LX2-0931）自十一月初起排水阀持续漏水');
    expect(m.html).toBeNull();
    expect(m.attachments).toEqual([]);
  });
});

describe('reading an Outlook .msg', () => {
  const at = new Date('2026-11-18T06:45:00Z');

  it('reads subject, sender, bodies, delivery time and attachments', async () => {
    const msg = buildMsg({
      subject: SUBJECT,
      senderName: '周工',
      senderEmail: 'zhou@hztest-precision.com',
      body: BODY_TEXT,
      html: '<p>压缩机 <b>排气温度</b>过高</p><img src="cid:photo1">',
      deliveryTime: at,
      submitTime: new Date(at.getTime() - 60_000),
      recipients: [{ name: '售后服务部', email: 'service@hengda.example.com' }],
      attachments: [
        { name: '现场照片.png', mime: 'image/png', data: PNG, contentId: 'photo1' },
        { name: '检测报告.pdf', data: PDF },
      ],
    });
    const m = await readMail(msg);
    expect(m.format).toBe('msg');
    expect(m.subject).toBe(SUBJECT);
    expect(m.from).toEqual({ name: '周工', address: 'zhou@hztest-precision.com' });
    expect(m.date?.toISOString()).toBe(at.toISOString());
    expect(m.text).toBe(BODY_TEXT);
    expect(m.html).toBe('<p>压缩机 <b>排气温度</b>过高</p><img src="cid:photo1">');
    expect(m.attachments.map((a) => [a.name, a.mime, a.size, a.contentId])).toEqual([
      ['现场照片.png', 'image/png', PNG.length, 'photo1'],
      // No MIME tag in the file: told by the extension.
      ['检测报告.pdf', 'application/pdf', PDF.length, null],
    ]);
    expect(sha(m.attachments[0]!.data())).toBe(sha(PNG));
    expect(sha(m.attachments[1]!.data())).toBe(sha(PDF));
  });

  it('takes an Exchange sender’s SMTP address, not its X.500 name', async () => {
    const m = await readMail(
      buildMsg({
        subject: 'x',
        senderName: 'Wang Lei',
        senderAddressType: 'EX',
        senderEmail: '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=WANGLEI',
        senderSmtpAddress: 'wang.lei@ningbo-huarui.cn',
        body: 'b',
        submitTime: at,
      }),
    );
    expect(m.from).toEqual({ name: 'Wang Lei', address: 'wang.lei@ningbo-huarui.cn' });
    // No delivery time: the time it was sent.
    expect(m.date?.toISOString()).toBe(at.toISOString());
  });

  it('keeps the display name when an Exchange sender has no SMTP address at all', async () => {
    const m = await readMail(
      buildMsg({ subject: 'x', senderName: '李经理', senderAddressType: 'EX', senderEmail: '/O=ORG/OU=SITE/CN=RECIPIENTS/CN=LI', body: 'b' }),
    );
    expect(m.from).toEqual({ name: '李经理', address: null });
    expect(m.date).toBeNull();
  });

  it('unwraps HTML that Outlook kept only inside the compressed RTF body', async () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg936\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}' +
      '{\\*\\htmltag64 <p>}{\\htmlrtf Leaking }Drain valve leaks{\\*\\htmltag72 </p>}' +
      '{\\*\\htmltag64 <p>}\\u28431?\\u27700?{\\*\\htmltag72 </p>}}';
    const m = await readMail(buildMsg({ subject: 'RTF', senderName: 'x', senderEmail: 'x@y.cn', body: 'Drain valve leaks', compressedRtf: uncompressedRtf(rtf) }));
    expect(m.html).toBe('<p>Drain valve leaks</p><p>漏水</p>');
    expect(m.text).toBe('Drain valve leaks');
  });

  it('finds words for a message with only an HTML body', async () => {
    const m = await readMail(buildMsg({ subject: 'x', html: '<p>第一行</p><p>第二行 &amp; more</p><script>bad()</script>' }));
    expect(m.text).toBe('第一行\n第二行 & more');
  });
});

describe('attachment names', () => {
  it('never carries a folder or control characters, and always has one', () => {
    expect(safeName('..\\..\\windows/system32.dll', 'x', 0)).toBe('.._.._windows_system32.dll');
    expect(safeName('a\u0000b\u0007.txt', 'text/plain', 0)).toBe('ab.txt');
    expect(safeName('', 'image/png', 2)).toBe('attachment-3.png');
    expect(safeName(undefined, 'application/x-unknown', 0)).toBe('attachment-1.bin');
    const long = `${'很'.repeat(300)}.pdf`;
    expect(safeName(long, 'application/pdf', 0)).toHaveLength(255);
    expect(safeName(long, 'application/pdf', 0).endsWith('.pdf')).toBe(true);
  });
});
