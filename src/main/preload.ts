import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskBridge, DeskEventName, DeskEvents, MethodInput, MethodName, MethodOutput } from '../shared/contract';
import type { ApiResult } from '../shared/errors';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallRequest, type EventMessage } from './electron/channels';

/**
 * The page's only door to main: `window.desk` with `call` and `on`, typed by the contract.
 * `ipcRenderer` itself never crosses the bridge, and listeners receive the payload alone — the
 * IPC event object would hand the page a reference to `ipcRenderer` through `event.sender`.
 * Imports from `shared/` are type-only, so the sandboxed preload bundles no zod or contract code.
 */

const desk = {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>> {
    const request: CallRequest = { method, input };
    return ipcRenderer.invoke(CALL_CHANNEL, request) as Promise<ApiResult<MethodOutput<M>>>;
  },
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: EventMessage) => {
      if (message.event === event) listener(message.payload as DeskEvents[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} satisfies DeskBridge;

contextBridge.exposeInMainWorld('desk', desk);
