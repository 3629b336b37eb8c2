import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeskApp } from '../../src/main/app';
import { openWithSystemViewer } from '../../src/main/electron/open-attachment';
import { createElectronPrinter } from '../../src/main/electron/print';
import type { RendererLocation } from '../../src/main/electron/renderer-location';

/**
 * The Electron side of printing, against a stand-in `electron` module (the binary cannot run here):
 * the hidden window loads the form route, is waited for, printed with the page's CSS size, and
 * destroyed; the api answers the PDF. Attachments open with the system viewer from a temp copy.
 */

const fake = vi.hoisted(() => {
  const PDF = Buffer.from('%PDF-1.4\n% stand-in\n');
  class FakeWebContents {
    /** What the page answers for `data-print-state`, one value per probe (the last one repeats). */
    states: Array<string | null> = [null, 'ready'];
    executeJavaScript = vi.fn(async (code: string) => {
      void code;
      return this.states.length > 1 ? this.states.shift() : this.states[0];
    });
    printToPDF = vi.fn(async (options: Record<string, unknown>) => {
      void options;
      return PDF;
    });
    print = vi.fn((options: Record<string, unknown>, cb: (success: boolean, reason: string) => void) => {
      void options;
      cb(false, 'cancelled');
    });
    setWindowOpenHandler = vi.fn();
    on = vi.fn();
  }
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    destroyed = false;
    url = '';
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      FakeBrowserWindow.instances.push(this);
    }
    async loadURL(url: string) {
      this.url = url;
    }
    destroy() {
      this.destroyed = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  const shell = {
    openPath: vi.fn(async (path: string) => {
      void path;
      return '';
    }),
    showItemInFolder: vi.fn(),
    openExternal: vi.fn(async () => {}),
  };
  return { PDF, FakeBrowserWindow, shell };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow, shell: fake.shell }));

const INDEX = '/opt/after-sales-desk/resources/app.asar/dist/renderer/index.html';
const location: RendererLocation = { kind: 'file', indexFile: INDEX };

function printer() {
  const tracked: unknown[] = [];
  const untracked: unknown[] = [];
  const p = createElectronPrinter({
    location,
    preloadPath: '/opt/app/.vite/build/preload.js',
    pollMs: 1,
    track: (win) => {
      tracked.push(win);
      return () => untracked.push(win);
    },
  });
  return { p, tracked, untracked };
}

let dir: string;
beforeEach(() => {
  fake.FakeBrowserWindow.instances = [];
  vi.clearAllMocks();
  dir = mkdtempSync(join(tmpdir(), 'desk-eprint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the Electron printer', () => {
  it('prints the form route of a hidden, sandboxed window to PDF with the CSS page size (A4)', async () => {
    const { p, tracked, untracked } = printer();
    const pdf = await p.pdf({ id: 7, lang: 'zh-CN' });

    expect(Buffer.from(pdf).toString('latin1')).toBe(fake.PDF.toString('latin1'));
    const win = fake.FakeBrowserWindow.instances[0]!;
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/opt/app/.vite/build/preload.js' });
    expect(win.url).toBe(`${pathToFileURL(INDEX).href}#/print/feedback-form/7?lang=zh-CN`);
    // Waited until the page said it was drawn, then printed once with the page's own size.
    expect(win.webContents.executeJavaScript).toHaveBeenCalledTimes(2);
    expect(win.webContents.printToPDF).toHaveBeenCalledExactlyOnceWith({ preferCSSPageSize: true, printBackground: true });
    // Its api calls were let through while it lived; then it is gone.
    expect(tracked).toEqual([win]);
    expect(untracked).toEqual([win]);
    expect(win.destroyed).toBe(true);
  });

  it('loads the form from the dev server under electron-forge start', async () => {
    const p = createElectronPrinter({ location: { kind: 'dev-server', url: 'http://localhost:5173/' }, preloadPath: '/p.js', track: () => () => {}, pollMs: 1 });
    await p.pdf({ id: 3, lang: 'en' });
    expect(fake.FakeBrowserWindow.instances[0]!.url).toBe('http://localhost:5173/#/print/feedback-form/3?lang=en');
  });

  it('fails, and still destroys the window, when the page cannot draw the form', async () => {
    const { p, untracked } = printer();
    const done = p.pdf({ id: 7, lang: 'en' });
    fake.FakeBrowserWindow.instances[0]!.webContents.states = ['error'];
    await expect(done).rejects.toThrow(/could not be drawn/);
    const win = fake.FakeBrowserWindow.instances[0]!;
    expect(win.webContents.printToPDF).not.toHaveBeenCalled();
    expect(win.destroyed).toBe(true);
    expect(untracked).toEqual([win]);
  });

  it('shows the system print dialog; cancelling it is not an error', async () => {
    const { p } = printer();
    await p.print!({ id: 7, lang: 'zh-CN' });
    const win = fake.FakeBrowserWindow.instances[0]!;
    expect(win.webContents.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
    expect(win.destroyed).toBe(true);
  });

  it('warm() creates the hidden window ahead of the next print, which uses it once', async () => {
    const { p, tracked } = printer();
    p.warm();
    p.warm();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const spare = fake.FakeBrowserWindow.instances[0]!;
    expect(spare.options.show).toBe(false);
    expect(spare.url).toBe('');
    await p.pdf({ id: 7, lang: 'zh-CN' });
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(tracked).toEqual([spare]);
    expect(spare.url).toBe(`${pathToFileURL(INDEX).href}#/print/feedback-form/7?lang=zh-CN`);
    expect(spare.destroyed).toBe(true);
    // The next print without a warm-up opens a window of its own.
    await p.print!({ id: 7, lang: 'en' });
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('destroys a spare window no one used: after a while, and at once on dispose() (it would keep the app from quitting)', async () => {
    vi.useFakeTimers();
    try {
      const p = createElectronPrinter({ location, preloadPath: '/p.js', track: () => () => {}, pollMs: 1, spareMs: 1000 });
      p.warm();
      const first = fake.FakeBrowserWindow.instances[0]!;
      vi.advanceTimersByTime(1001);
      expect(first.destroyed).toBe(true);
      p.warm();
      const second = fake.FakeBrowserWindow.instances[1]!;
      expect(second.destroyed).toBe(false);
      p.dispose();
      expect(second.destroyed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers the PDF through the api, named after the tracking number', async () => {
    const app = await createDeskApp({ dataDir: dir, version: 'test', printer: printer().p });
    try {
      const c = await app.dispatch('complaints.create', {
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        channel: 'email',
        newCustomer: { name: '苏州测试有限公司' },
        productModel: 'SA-22',
        description: '噪音大',
        defectCategory: 'noise_vibration',
        severity: 'normal',
      });
      if (!c.ok) throw new Error(c.error.message);
      const { id, trackingNo } = c.value as { id: number; trackingNo: string };
      const r = await app.dispatch('print.feedbackFormPdf', { id, lang: 'zh-CN' });
      expect(r).toEqual({ ok: true, value: { fileName: `客户反馈处理单-${trackingNo}.pdf`, data: fake.PDF.toString('base64') } });
      await expect(app.dispatch('print.feedbackForm', { id, lang: 'en' })).resolves.toEqual({ ok: true, value: { dialog: true } });
      await expect(app.dispatch('print.feedbackFormPdf', { id, lang: 'fr' })).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    } finally {
      await app.close();
    }
  });
});

describe('opening an attachment with the system viewer', () => {
  function stored(name: string, content = 'scan of the receipt') {
    const data = Buffer.from(content);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = join(dir, sha256);
    writeFileSync(path, data);
    return { id: 12, path, name, mime: 'application/pdf', size: data.length, sha256 };
  }

  it('copies the file to a temp folder under its own name and opens it there', async () => {
    const file = stored('回执 2026-11.pdf');
    await expect(openWithSystemViewer(file, join(dir, 'tmp'))).resolves.toEqual({ url: null });
    const copy = join(dir, 'tmp', 'after-sales-desk', 'attachments', '12', '回执 2026-11.pdf');
    expect(fake.shell.openPath).toHaveBeenCalledWith(copy);
    expect(readFileSync(copy, 'utf8')).toBe('scan of the receipt');
    // Opening it again reuses the copy.
    await openWithSystemViewer(file, join(dir, 'tmp'));
    expect(fake.shell.openPath).toHaveBeenCalledTimes(2);
  });

  it('never runs a program: an attached .exe is shown in its folder instead', async () => {
    await openWithSystemViewer(stored('invoice.pdf.exe'), join(dir, 'tmp'));
    expect(fake.shell.openPath).not.toHaveBeenCalled();
    expect(fake.shell.showItemInFolder).toHaveBeenCalledWith(join(dir, 'tmp', 'after-sales-desk', 'attachments', '12', 'invoice.pdf.exe'));
  });

  it('refuses a file changed on disk, and reports a viewer that fails', async () => {
    const file = stored('a.pdf');
    writeFileSync(file.path, 'tampered');
    await expect(openWithSystemViewer(file, join(dir, 'tmp'))).rejects.toMatchObject({ code: 'CONFLICT' });
    fake.shell.openPath.mockResolvedValueOnce('no application is associated');
    await expect(openWithSystemViewer(stored('b.pdf'), join(dir, 'tmp'))).rejects.toThrow(/no application/);
  });
});
