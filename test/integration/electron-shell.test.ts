import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppOptions, DeskApp } from '../../src/main/app';
import type { DeskBridge } from '../../src/shared/contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../src/main/electron/channels';
import { registerIpc, type IpcDeps } from '../../src/main/electron/ipc';
import { createMainWindow } from '../../src/main/electron/window';
import { startShell } from '../../src/main/electron/shell';
import { PRODUCTION_CSP } from '../../src/main/electron/session-policy';
import { isOwnUrl, type RendererLocation } from '../../src/main/electron/renderer-location';

/**
 * The Electron binary cannot run here, so the shell runs against a stand-in for the `electron`
 * module that records what the shell asks of it: window options, handlers, IPC registrations.
 */

type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Fn[]>();
    on(name: string, fn: Fn) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Fn) {
      return this.on(name, fn);
    }
    /** Calls the listeners as Electron would; returns their results. */
    emit(name: string, ...args: unknown[]): unknown[] {
      return (this.listeners.get(name) ?? []).map((fn) => (fn as (...a: unknown[]) => unknown)(...args));
    }
  }

  class FakeWebContents extends Emitter {
    url = '';
    openHandler: ((details: { url: string }) => unknown) | undefined;
    sent: unknown[][] = [];
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.openHandler = handler;
    }
    getURL() {
      return this.url;
    }
    send(channel: string, ...args: unknown[]) {
      this.sent.push([channel, ...args]);
    }
  }

  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    destroyed = false;
    constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
    loadURL(url: string) {
      this.webContents.url = url;
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.webContents.url = `file://${file}`;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    show() {}
    focus() {}
    restore() {}
  }

  const ipcMain = {
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
    handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
      // Electron throws on a second handler for the same channel; so does the stand-in.
      if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipcMain.handlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      ipcMain.handlers.delete(channel);
    },
    on: vi.fn(),
  };

  const app = Object.assign(new Emitter(), {
    ready: Promise.resolve(),
    whenReady: () => app.ready,
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn(() => '/tmp/after-sales-desk-user-data'),
    getVersion: () => '0.1.0',
    getName: () => 'After-Sales Desk',
    getLocale: () => 'zh-CN',
    isPackaged: true,
  });

  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  };

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(name: string, api: unknown) {
      contextBridge.exposed.set(name, api);
    },
  };

  const rendererListeners = new Map<string, Set<Fn>>();
  const ipcRenderer = {
    invoke: vi.fn<(channel: string, request: unknown) => Promise<unknown>>(async () => ({ ok: true, value: 'answer' })),
    on(channel: string, fn: Fn) {
      rendererListeners.set(channel, (rendererListeners.get(channel) ?? new Set()).add(fn));
    },
    removeListener(channel: string, fn: Fn) {
      rendererListeners.get(channel)?.delete(fn);
    },
    /** What main's `webContents.send` would deliver to the page. */
    deliver(channel: string, message: unknown) {
      for (const fn of rendererListeners.get(channel) ?? []) (fn as (...a: unknown[]) => void)({ sender: ipcRenderer }, message);
    },
  };

  return {
    FakeBrowserWindow,
    ipcMain,
    app,
    session,
    contextBridge,
    ipcRenderer,
    shell: { openExternal: vi.fn<(url: string) => Promise<void>>(async () => {}) },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    dialog: { showErrorBox: vi.fn() },
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeBrowserWindow,
  ipcMain: fake.ipcMain,
  session: fake.session,
  shell: fake.shell,
  Menu: fake.Menu,
  dialog: fake.dialog,
  contextBridge: fake.contextBridge,
  ipcRenderer: fake.ipcRenderer,
}));

const INDEX = '/opt/after-sales-desk/resources/app.asar/dist/renderer/index.html';
const OWN_URL = `${pathToFileURL(INDEX).href}#/complaints`;
const location: RendererLocation = { kind: 'file', indexFile: INDEX };

function openWindow() {
  const win = createMainWindow({ location, preloadPath: '/opt/app/.vite/build/preload.js', title: 'After-Sales Desk' });
  const raw = fake.FakeBrowserWindow.instances.at(-1)!;
  return { win, raw };
}

/** An invoke event as Electron builds it; `frame` is what `senderFrame` returns. */
function invokeEvent(sender: unknown, frame: { url: string; parent: unknown } | null) {
  return { sender, senderFrame: frame, frameId: 1, processId: 1, type: 'frame' };
}

function setupIpc() {
  const { win, raw } = openWindow();
  const dispatch = vi.fn<IpcDeps['dispatch']>(async () => ({ ok: true, value: { id: 7 } }));
  const listeners: Array<Parameters<DeskApp['subscribe']>[0]> = [];
  const dispose = registerIpc({
    dispatch,
    subscribe: (l) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
    windows: () => [win],
    isOwnUrl: (url) => isOwnUrl(location, url),
  });
  const call = (event: unknown, request: unknown) => fake.ipcMain.handlers.get(CALL_CHANNEL)!(event, request);
  return { win, raw, dispatch, listeners, dispose, call };
}

beforeEach(() => {
  fake.ipcMain.handlers.clear();
  fake.FakeBrowserWindow.instances = [];
  vi.clearAllMocks();
});

describe('main window', () => {
  it('runs the renderer isolated, sandboxed and without Node', () => {
    const { raw } = openWindow();
    expect(raw.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/opt/app/.vite/build/preload.js',
    });
    expect(raw.webContents.url).toBe(`file://${INDEX}`);
  });

  it('denies every new window and opens only http(s) links in the browser', () => {
    const { raw } = openWindow();
    expect(raw.webContents.openHandler?.({ url: 'https://example.com/manual' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/manual');
    fake.shell.openExternal.mockClear();
    for (const url of ['file:///etc/passwd', 'smb://server/share', 'javascript:alert(1)', OWN_URL]) {
      expect(raw.webContents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('cancels navigation away from the app, not within it', () => {
    const { raw } = openWindow();
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() };
    raw.webContents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();

    const otherFile = { url: 'file:///etc/hosts', preventDefault: vi.fn() };
    raw.webContents.emit('will-navigate', otherFile);
    expect(otherFile.preventDefault).toHaveBeenCalled();

    const within = { url: OWN_URL, preventDefault: vi.fn() };
    raw.webContents.emit('will-navigate', within);
    expect(within.preventDefault).not.toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    raw.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('IPC', () => {
  it('registers exactly one channel, with handle', () => {
    setupIpc();
    expect([...fake.ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL]);
    expect(fake.ipcMain.on).not.toHaveBeenCalled();
  });

  it('passes a call from our own main frame to the dispatcher', async () => {
    const { raw, dispatch, call } = setupIpc();
    const result = await call(invokeEvent(raw.webContents, { url: OWN_URL, parent: null }), {
      method: 'complaints.get',
      input: { id: 7 },
    });
    expect(dispatch).toHaveBeenCalledWith('complaints.get', { id: 7 });
    expect(result).toEqual({ ok: true, value: { id: 7 } });
  });

  it.each([
    ['a page from another origin', { url: 'https://evil.example/', parent: null }],
    ['another file on disk', { url: 'file:///tmp/evil.html', parent: null }],
    ['a subframe of our page', { url: OWN_URL, parent: { url: OWN_URL } }],
    ['a frame that is gone', null],
  ])('refuses %s with FORBIDDEN, without reaching the dispatcher', async (_name, frame) => {
    const { raw, dispatch, call } = setupIpc();
    const result = await call(invokeEvent(raw.webContents, frame), { method: 'complaints.get', input: { id: 1 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a webContents that is not one of our windows', async () => {
    const { dispatch, call } = setupIpc();
    const stranger = new fake.FakeBrowserWindow({}).webContents;
    const result = await call(invokeEvent(stranger, { url: OWN_URL, parent: null }), { method: 'app.status', input: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('answers a malformed envelope with VALIDATION', async () => {
    const { raw, dispatch, call } = setupIpc();
    const result = await call(invokeEvent(raw.webContents, { url: OWN_URL, parent: null }), 'complaints.get');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards events to our windows on desk:event, and unregisters on dispose', () => {
    const { raw, listeners, dispose } = setupIpc();
    listeners[0]!('complaints.changed', { ids: [3] });
    expect(raw.webContents.sent).toEqual([[EVENT_CHANNEL, { event: 'complaints.changed', payload: { ids: [3] } }]]);

    raw.webContents.url = 'https://evil.example/';
    listeners[0]!('complaints.changed', { ids: [4] });
    expect(raw.webContents.sent).toHaveLength(1);

    dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(listeners).toHaveLength(0);
  });
});

describe('preload', () => {
  it('exposes only call and on, under the name desk', async () => {
    await import('../../src/main/preload');
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['desk']);
    const desk = fake.contextBridge.exposed.get('desk') as DeskBridge;
    expect(Object.keys(desk).sort()).toEqual(['call', 'on']);

    await expect(desk.call('complaints.get', { id: 5 })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(CALL_CHANNEL, { method: 'complaints.get', input: { id: 5 } });

    const seen: unknown[] = [];
    const off = desk.on('complaints.changed', (payload) => seen.push(payload));
    fake.ipcRenderer.deliver(EVENT_CHANNEL, { event: 'app.dataReset', payload: {} });
    fake.ipcRenderer.deliver(EVENT_CHANNEL, { event: 'complaints.changed', payload: { ids: [1] } });
    off();
    fake.ipcRenderer.deliver(EVENT_CHANNEL, { event: 'complaints.changed', payload: { ids: [2] } });
    // The payload alone: the IPC event (and its `sender`, the ipcRenderer) never reaches the page.
    expect(seen).toEqual([{ ids: [1] }]);
  });
});

describe('life cycle', () => {
  function fakeDesk() {
    const close = vi.fn(async () => {});
    const desk = { dispatch: vi.fn(), subscribe: vi.fn(() => () => {}), close } as unknown as DeskApp;
    const create = vi.fn<(opts: AppOptions) => Promise<DeskApp>>(async () => desk);
    return { create, close };
  }

  beforeEach(() => {
    fake.app.listeners.clear();
    fake.app.requestSingleInstanceLock.mockReturnValue(true);
  });

  it('opens the store in the user-data folder, then the window; closes the store before quitting', async () => {
    const { create, close } = fakeDesk();
    startShell({ createDeskApp: create, mainDir: '/opt/app/.vite/build', rendererName: 'main_window', preloadPath: '/p.js' });
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));

    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ dataDir: '/tmp/after-sales-desk-user-data', version: '0.1.0' }),
    );
    // Electron's own printer (hidden window) and the system viewer for attachments are wired in.
    const opts = create.mock.calls[0]![0];
    expect(typeof opts.printer?.pdf).toBe('function');
    expect(typeof opts.printer?.print).toBe('function');
    expect(typeof opts.openAttachment).toBe('function');
    expect([...fake.ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL]);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);

    // The packaged app gets a CSP on every response.
    const [onHeaders] = fake.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0] as [
      (d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void,
    ];
    const answered = vi.fn();
    onHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } }, answered);
    expect(answered).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [PRODUCTION_CSP] },
    });

    const quitting = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(close).toHaveBeenCalledTimes(1);
    expect(fake.ipcMain.handlers.size).toBe(0);

    // The second quit passes once the store is closed.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('a second instance quits at once, without opening the store', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    const { create } = fakeDesk();
    startShell({ createDeskApp: create, mainDir: '/opt/app/.vite/build', rendererName: 'main_window', preloadPath: '/p.js' });
    await Promise.resolve();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
  });

  it('the dev server gets no CSP (Vite injects inline scripts) and is the only origin allowed', async () => {
    const { create } = fakeDesk();
    startShell({
      createDeskApp: create,
      devServerUrl: 'http://localhost:5173',
      mainDir: '/opt/app/.vite/build',
      rendererName: 'main_window',
      preloadPath: '/p.js',
    });
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));
    expect(fake.session.defaultSession.webRequest.onHeadersReceived).not.toHaveBeenCalled();
    const raw = fake.FakeBrowserWindow.instances[0]!;
    expect(raw.webContents.url).toBe('http://localhost:5173');
    const away = { url: 'http://localhost:8080/', preventDefault: vi.fn() };
    raw.webContents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
  });
});
