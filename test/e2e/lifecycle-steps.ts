import { deflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2E } from './harness';

/** The moves a person makes on the case page, for test/e2e/lifecycle.test.ts. */

/** A small PNG (a grey square with a darker frame), made here: the customer's receipt as a photo. */
export function receiptPng(size = 24): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc(size * (size + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) rows[y * (size + 1) + 1 + x] = x < 2 || y < 2 || x >= size - 2 || y >= size - 2 ? 60 : 210;
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Chooses who is working through the header's profile chooser; the page loads again as that person. */
export async function switchTo(page: Page, userId: number, name: string, onCase = true): Promise<void> {
  // On a loaded machine a click can land while the list is still sliding in and be lost: try again
  // (closing what is open first) until the header names the person.
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.locator('#profile-switch').click();
    await page.getByTestId(`profile-${userId}`).click();
    try {
      await expect.poll(() => page.getByTestId('current-user').innerText(), { timeout: 8000 }).toContain(name);
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
  // The list closes after a switch; choosing the person already working can leave it open (or still
  // sliding in), and it would then cover the page for the next click.
  const list = page.locator('.profile-list');
  if (await list.isVisible()) await page.keyboard.press('Escape');
  await list.waitFor({ state: 'hidden' });
  if (onCase) await page.getByTestId('case-tracking-no').waitFor();
}

/** Registers a complaint through the form of issue 2, for a new customer; ends on its case page. */
export async function registerByForm(
  page: Page,
  origin: string,
  c: { customer: string; contact: string; phone: string; model: string; description: string; category: string },
): Promise<void> {
  await page.goto(`${origin}/#/complaints/new`);
  await pick(page, '#register_channel', '电话');
  await page.locator('#register_customerId').fill(c.customer);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${c.customer}"]`).click();
  await page.locator('#register_contactName').fill(c.contact);
  await page.locator('#register_contactPhone').fill(c.phone);
  await page.locator('#register_productModel').fill(c.model);
  await page.locator('#register_description').fill(c.description);
  await pick(page, '#register_defectCategory', c.category);
  await page.locator('#register-submit').click();
  await page.getByTestId('case-tracking-no').waitFor({ timeout: 15_000 });
}

/** Classifies the case as quality or non-quality in its "classification and routing" part. */
export async function classify(page: Page, value: 'quality' | 'non_quality'): Promise<void> {
  await page.locator('#classification-edit').click();
  await page.locator(`form#classification label:has(input[value="${value}"])`).click();
}

export const stateTag = (page: Page) => page.getByTestId('case-state').innerText();

export async function expectState(page: Page, label: string): Promise<void> {
  await expect.poll(() => stateTag(page), { timeout: 10_000 }).toBe(label);
}

/** Picks an option of an antd Select by its visible title. */
export async function pick(page: Page, selector: string, title: string): Promise<void> {
  // An autocomplete list of an earlier field may still be open (it closes on blur, late on a loaded
  // machine): close every list first, so that the option is looked up in this select's own list.
  const open = page.locator('.ant-select-dropdown:visible');
  await page.keyboard.press('Escape');
  await expect.poll(() => open.count()).toBe(0);
  await page.locator(selector).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
  await expect.poll(() => open.count()).toBe(0);
}

/** Takes a step of the procedure through its button and the confirming dialog. */
export async function act(page: Page, action: string, fill?: { reason?: string; option?: number }): Promise<void> {
  await page.locator(`#action-${action}`).click();
  await page.locator('#action-confirm').waitFor();
  if (fill?.option !== undefined) await page.getByTestId(`choose-option-${fill.option}`).click();
  if (fill?.reason) await page.locator('#action-reason').fill(fill.reason);
  const confirm = page.locator('#action-confirm');
  await confirm.click();
  const closed = await confirm.waitFor({ state: 'detached', timeout: 8_000 }).then(
    () => true,
    () => false,
  );
  if (!closed) {
    // On a loaded machine a click can land while the dialog is still settling and be lost: once more
    // (a refusal would show its message and leave the dialog open, failing below with the page as it is).
    await confirm.click({ timeout: 2_000 }).catch(() => undefined);
    await confirm.waitFor({ state: 'detached' });
  }
}

/** The tooltip of a blocked step: what the person reads when pointing at the greyed-out button. */
export async function blockedReason(page: Page, action: string): Promise<string> {
  await expect(page.locator(`#action-${action}`).isDisabled()).resolves.toBe(true);
  await page.locator(`.case-action-wrap:has(#action-${action})`).hover();
  const tip = page.locator('.ant-tooltip:visible .ant-tooltip-container, .ant-tooltip:visible .ant-tooltip-inner').first();
  await tip.waitFor();
  const text = await tip.innerText();
  await page.mouse.move(0, 0);
  await page.locator('.ant-tooltip:visible').waitFor({ state: 'hidden' });
  return text;
}

/** Saves a part's form and waits until it is read-only again. */
export async function savePart(page: Page, section: string): Promise<void> {
  await page.locator(`#${section}-save`).click();
  await page.locator(`#${section}-save`).waitFor({ state: 'detached' });
}

/** The case as the store holds it, read through the api. */
export async function stored(e: E2E, id: number) {
  const r = await e.app.dispatch('complaints.file', { id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as import('../../src/shared/types').CaseFile;
}

/** Registers a complaint through the api (as whoever is working), as another office PC would. */
export async function createByApi(e: E2E, input: Record<string, unknown>): Promise<number> {
  const r = await e.app.dispatch('complaints.create', { receivedAt: new Date(Date.now() - 60_000).toISOString(), ...input });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: number }).id;
}

/** Tries a step through the api: the codes of the rules' reasons when refused, [] when it went through. */
export async function refusedCodes(e: E2E, id: number, action: string): Promise<string[]> {
  const r = await e.app.dispatch('complaints.transition', { id, version: (await stored(e, id)).version, action });
  if (r.ok) return [];
  expect(r.error.code).toBe('FORBIDDEN');
  return (r.error.issues ?? []).filter((i) => i.path === 'workflow').map((i) => i.code);
}

/** Clicks what opens an attachment and answers the address the viewer window showed. */
export async function openedAt(page: Page, what: ReturnType<Page['locator']>): Promise<string> {
  const [viewer] = await Promise.all([page.context().waitForEvent('page'), what.click()]);
  await viewer.waitForLoadState();
  const url = viewer.url();
  await viewer.close();
  return url;
}

export async function caseIdOf(page: Page): Promise<number> {
  const m = /#\/complaints\/(\d+)/.exec(page.url());
  if (!m) throw new Error(`not on a case page: ${page.url()}`);
  return Number(m[1]);
}

/**
 * A screenshot of the whole case page: the shell scrolls inside the window, so the window is made
 * as tall as the page for the picture. Dialogs and tooltips are taken with `e.shot` instead.
 */
export async function pageShot(e: E2E, name: string): Promise<void> {
  const { page } = e;
  // The confirmations of the last steps fade after three seconds; the picture shows the page.
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 5_000 }).toBe(0);
  const height = await page.evaluate(() => {
    const c = document.querySelector('.shell-content');
    return c ? c.getBoundingClientRect().top + c.scrollHeight : document.body.scrollHeight;
  });
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) });
  await e.shot(name);
  await page.setViewportSize(viewport);
}

/** A screenshot of an open dialog, once it has finished zooming in. */
export async function dialogShot(e: E2E, name: string): Promise<void> {
  await e.page.locator('.ant-modal:not([class*="-enter"]):not([class*="-appear"])').first().waitFor();
  await e.page.waitForTimeout(100);
  await e.shot(name);
}
