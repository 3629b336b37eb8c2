import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { DeskApp } from '../app';
import { ApiError, type ApiResult } from '../../shared/errors';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallRequest, type EventMessage } from './channels';

/**
 * The one IPC channel. Every call is checked before the dispatcher sees it: it must come from the
 * main frame of one of our windows, showing our renderer. A frame that navigated elsewhere, an
 * iframe, or any other webContents gets FORBIDDEN and the dispatcher is never reached. The input
 * itself is validated by `dispatch` (zod), so this layer only unwraps the envelope.
 */

export interface IpcDeps {
  dispatch: DeskApp['dispatch'];
  subscribe: DeskApp['subscribe'];
  /** The live list of our windows (closed ones may still be in it; they are skipped). */
  windows(): readonly BrowserWindow[];
  isOwnUrl(url: string): boolean;
}

export function registerIpc(deps: IpcDeps): () => void {
  ipcMain.handle(CALL_CHANNEL, (event, request: unknown) => handleCall(deps, event, request));
  const unsubscribe = deps.subscribe((event, payload) => broadcast(deps, { event, payload }));
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  windows: readonly BrowserWindow[],
  isOwnUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  // null: the frame navigated or was destroyed while the message was in flight.
  if (!frame || frame.parent !== null) return false;
  if (!windows.some((w) => !w.isDestroyed() && w.webContents === event.sender)) return false;
  return isOwnUrl(frame.url);
}

async function handleCall(deps: IpcDeps, event: IpcMainInvokeEvent, request: unknown): Promise<ApiResult<unknown>> {
  if (!isTrustedSender(event, deps.windows(), deps.isOwnUrl)) {
    return failure(new ApiError('FORBIDDEN', 'calls are accepted only from the main frame of our own window'));
  }
  if (!isCallRequest(request)) return failure(new ApiError('VALIDATION', 'malformed request: expected {method, input}'));
  try {
    return await deps.dispatch(request.method, request.input);
  } catch (e) {
    // dispatch maps its own failures; this guards the promise so invoke never rejects in the page.
    console.error(`${CALL_CHANNEL} ${request.method.slice(0, 100)} failed`, e);
    return failure(new ApiError('INTERNAL', 'internal error; see the log'));
  }
}

function broadcast(deps: IpcDeps, message: EventMessage): void {
  for (const w of deps.windows()) {
    if (w.isDestroyed()) continue;
    // Events carry case ids: send them only to a window still showing our renderer.
    if (deps.isOwnUrl(w.webContents.getURL())) w.webContents.send(EVENT_CHANNEL, message);
  }
}

function isCallRequest(value: unknown): value is CallRequest {
  return typeof value === 'object' && value !== null && typeof (value as { method?: unknown }).method === 'string';
}

function failure(error: ApiError): ApiResult<never> {
  return { ok: false, error: error.toBody() };
}
