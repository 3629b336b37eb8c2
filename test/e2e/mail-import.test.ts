import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TEXT, hostileEml, PDF, PNG, SUBJECT } from '../fixtures/mail/eml-fixtures';
import { buildMsg } from '../fixtures/mail/msg-builder';
import { startE2E, type E2E } from './harness';

/**
 * Issue 8, an e-mail becomes a complaint: the hostile Chinese `.eml` dropped on the window opens the
 * registration form prefilled, its HTML body shown sanitised in a frame where nothing runs and
 * nothing remote loads (a tracker on the loopback counts every request); saving keeps the message
 * and its files with the case. In English, an Outlook `.msg` picked with the button, and files that
 * are no e-mail refused with a reason.
 */

async function pick(page: Page, fieldId: string, optionTitle: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`).click();
}

/** Drags a file over the window (the overlay shows) and, unless told otherwise, drops it. */
async function dragFile(page: Page, name: string, mime: string, data: Buffer, drop = true): Promise<void> {
  await page.evaluate(
    ({ name, mime, b64 }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: mime }));
      const w = window as unknown as { __dt: DataTransfer; __dragging: number };
      window.clearInterval(w.__dragging);
      w.__dt = dt;
      const target = document.querySelector('.shell-content') ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
      // As a real drag does: dragover again and again while the pointer is over the window.
      const over = () => target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      over();
      w.__dragging = window.setInterval(over, 50);
    },
    { name, mime, b64: data.toString('base64') },
  );
  if (!drop) return;
  await page.evaluate(() => {
    const w = window as unknown as { __dt: DataTransfer; __dragging: number };
    window.clearInterval(w.__dragging);
    (document.querySelector('.shell-content') ?? document.body).dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: w.__dt }));
  });
}

describe('importing an e-mail into a complaint', () => {
  let e: E2E;
  let tracker: Server;
  const hits: string[] = [];
  const dialogs: string[] = [];
  let origin = '';

  beforeAll(async () => {
    tracker = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((ok) => tracker.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(tracker.address() as { port: number }).port}`;
    e = await startE2E({ locale: 'zh-CN' });
    const call = async (method: string, input: unknown) => {
      const r = await e.app.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
      return r.value;
    };
    await call('app.startEmpty', {});
    // Two customers whose contacts wrote before: the sender of the .eml, a colleague of the .msg's.
    const base = {
      receivedAt: '2026-11-02T02:00:00.000Z',
      channel: 'phone',
      contactPhone: '0571-8888 6666',
      productModel: 'SA-55A',
      serialNo: null,
      deliveryDate: null,
      description: '上次的投诉',
      defectCategory: 'performance',
      severity: 'normal',
    };
    await call('complaints.create', { ...base, newCustomer: { name: '杭州测试精工有限公司', region: '杭州' }, contactName: '周工', contactEmail: 'zhou@hztest-precision.com' });
    await call('complaints.create', { ...base, newCustomer: { name: '宁波华瑞机械有限公司', region: '宁波' }, contactName: '陈工', contactEmail: 'chen.gong@ningbo-huarui.cn' });
    e.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await e.page.goto(`${e.host.url}`);
    await e.page.getByTestId('tracking-count').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await e?.close();
    await new Promise<void>((ok) => tracker?.close(() => ok()));
  });

  it('opens the form prefilled from the hostile e-mail dropped on the window, running nothing and loading nothing', async () => {
    const { page } = e;
    const eml = await hostileEml(origin);
    await dragFile(page, '投诉邮件.eml', 'message/rfc822', eml, false);
    await page.getByTestId('mail-drop-overlay').waitFor();
    await e.shot('issue8-mail-01-drop-overlay-zh');
    await dragFile(page, '投诉邮件.eml', 'message/rfc822', eml);
    await page.getByTestId('mail-drop-overlay').waitFor({ state: 'detached' });

    const preview = page.getByTestId('mail-preview');
    await preview.waitFor({ timeout: 15_000 });
    expect(page.url()).toContain('#/complaints/new');
    await expect.poll(() => page.locator('#register_description').inputValue()).toBe(`${SUBJECT}\n\n${BODY_TEXT}`);
    expect(await page.locator('#register_contactName').inputValue()).toBe('周工');
    expect(await page.locator('#register_contactEmail').inputValue()).toBe('zhou@hztest-precision.com');
    expect(await page.locator('#register_contactPhone').inputValue()).toBe('0571-8888 6666');
    expect(await page.locator('#register_receivedAt').inputValue()).toBe('2026-11-20 10:30');
    await expect(page.locator('.ant-form-item').filter({ has: page.locator('#register_channel') }).innerText()).resolves.toContain('邮件');
    await expect(page.locator('.ant-form-item').filter({ has: page.locator('#register_customerId') }).innerText()).resolves.toContain('杭州测试精工有限公司');
    await expect(preview.innerText()).resolves.toContain('发件人是 杭州测试精工有限公司 的联系人 周工');
    await expect(page.getByTestId('mail-subject').innerText()).resolves.toBe(SUBJECT);
    const kept = await page.getByTestId('mail-attachments').innerText();
    expect(kept).toContain('投诉邮件.eml');
    expect(kept).toContain('现场照片.png');
    expect(kept).toContain('检测报告.pdf');

    // The frame: no permissions, and a document with nothing active or remote left in it.
    const frameEl = page.getByTestId('mail-body');
    expect(await frameEl.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frameEl.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain('压缩机排气温度过高（HTML 正文）');
    for (const bad of ['<script', 'onerror', 'javascript:', '<iframe', '<form', '<input', '<svg', '@import']) expect(srcdoc).not.toContain(bad);
    // Nothing points a loading attribute or a stylesheet at the tracker; a link only says where it went.
    expect(srcdoc).not.toMatch(/(?:src|href|action|srcset|background)\s*=\s*["']?[^"'\s>]*127\.0\.0\.1/i);
    expect(srcdoc).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//i);
    expect(srcdoc).toContain(`<a title="${origin}/click">`);
    expect(srcdoc).toContain("default-src 'none'");
    const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
    expect(frame).toBeDefined();
    await expect.poll(() => frame!.evaluate(() => document.body.innerText)).toContain('压缩机排气温度过高（HTML 正文）');
    // The message's own stylesheet still applies; its inline photo shows from the message itself.
    expect(await frame!.evaluate(() => getComputedStyle(document.querySelector('.note')!).color)).toBe('rgb(176, 0, 32)');
    await expect.poll(() => frame!.evaluate(() => (document.querySelector('img[alt="故障照片"]') as HTMLImageElement | null)?.naturalWidth ?? 0)).toBe(24);
    await expect(page.getByTestId('mail-blocked').innerText()).resolves.toMatch(/已阻止加载 \d+ 个远程图片或样式/);

    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(hits).toEqual([]);
    await e.shot('issue8-mail-02-prefilled-zh');
  });

  it('saves the complaint with the message and its files on the case', async () => {
    const { page } = e;
    await page.locator('#register_productModel').fill('SA-55A');
    await pick(page, 'register_defectCategory', '性能');
    await page.locator('#register-submit').click();
    await page.getByTestId('case-tracking-no').waitFor({ timeout: 15_000 });
    const list = page.getByTestId('attachments-list');
    await list.waitFor();
    const text = await list.innerText();
    for (const name of ['投诉邮件.eml', '现场照片.png', '检测报告.pdf']) expect(text).toContain(name);
    await expect(page.getByTestId('case-details').innerText()).resolves.toContain('杭州测试精工有限公司');
    await page.getByTestId('attachments-list').scrollIntoViewIfNeeded();
    await e.shot('issue8-mail-03-case-attachments-zh');
    expect(hits).toEqual([]);
    expect(e.errors).toEqual([]);
  });

  it('in English: picks an Outlook .msg with the button, and refuses files that are no e-mail', async () => {
    const { page } = e;
    await page.getByText('English', { exact: true }).click();
    await page.goto(`${e.host.origin}/#/complaints/new`);
    const msg = buildMsg({
      subject: 'LX-200 dryer leaking at the drain valve',
      senderName: 'Li Jingli',
      senderAddressType: 'EX',
      senderEmail: '/O=HUARUI/OU=FIRST ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=LIJINGLI',
      senderSmtpAddress: 'li.jingli@ningbo-huarui.cn',
      body: 'The drain valve of the LX-200 (serial LX2-0931) has been leaking since early November.\n\nPlease send someone this week.',
      html: `<p>The drain valve of the <b>LX-200</b> (serial LX2-0931) has been leaking since early November.</p><p>Please send someone this week.</p><img src="${origin}/msg-pixel.gif">`,
      deliveryTime: new Date('2026-11-18T06:45:00Z'),
      attachments: [
        { name: 'leak.png', mime: 'image/png', data: PNG },
        { name: 'warranty card.pdf', data: PDF },
      ],
    });
    await page.locator('#mail-import-input').setInputFiles({ name: 'LX-200 leak.msg', mimeType: 'application/vnd.ms-outlook', buffer: msg });
    const preview = page.getByTestId('mail-preview');
    await expect.poll(() => preview.innerText().catch(() => '')).toContain('Customer suggested from the address @ningbo-huarui.cn');
    await expect.poll(() => page.locator('#register_contactName').inputValue()).toBe('Li Jingli');
    expect(await page.locator('#register_contactEmail').inputValue()).toBe('li.jingli@ningbo-huarui.cn');
    await expect(page.locator('.ant-form-item').filter({ has: page.locator('#register_customerId') }).innerText()).resolves.toContain('宁波华瑞机械有限公司');
    expect(await page.locator('#register_description').inputValue()).toMatch(/^LX-200 dryer leaking at the drain valve\n\nThe drain valve/);
    await expect(page.getByTestId('mail-attachments').innerText()).resolves.toMatch(/LX-200 leak\.msg[\s\S]*leak\.png[\s\S]*warranty card\.pdf/);
    await e.shot('issue8-mail-04-msg-prefilled-en');

    await dragFile(page, 'notes.txt', 'text/plain', Buffer.from('just notes'));
    await page.getByText('Only e-mails (.eml, .msg) are taken here; left alone: notes.txt').waitFor();
    await dragFile(page, 'old-table.eml', 'message/rfc822', Buffer.from('tracking no,customer\nCC-1,ACME\n'));
    await page.getByText('old-table.eml is neither an e-mail (.eml) nor an Outlook message (.msg)').waitFor();
    await page.getByText('Reading old-table.eml').waitFor({ state: 'detached' });
    await e.shot('issue8-mail-05-not-mail-en');
    // The refused files changed nothing: the .msg is still the one on the form.
    await expect(page.getByTestId('mail-subject').innerText()).resolves.toBe('LX-200 dryer leaking at the drain valve');

    await page.locator('#register_productModel').fill('LX-200');
    await pick(page, 'register_defectCategory', 'Leakage');
    await page.locator('#register-submit').click();
    await page.getByTestId('case-tracking-no').waitFor({ timeout: 15_000 });
    const text = await page.getByTestId('attachments-list').innerText();
    for (const name of ['LX-200 leak.msg', 'leak.png', 'warranty card.pdf']) expect(text).toContain(name);
    await e.shot('issue8-mail-06-case-en');
    await page.getByText('中文', { exact: true }).click();
    expect(hits).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(e.errors).toEqual([]);
  });
});
