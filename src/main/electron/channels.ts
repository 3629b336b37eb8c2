import type { DeskEventName } from '../../shared/contract';

/**
 * The IPC wire between the preload and main: one request channel and one event channel. Kept
 * free of `electron` imports so the sandboxed preload bundle pulls in nothing but these constants.
 */

/** Renderer → main: every api call, answered with an `ApiResult` (never a rejected promise). */
export const CALL_CHANNEL = 'desk:call';
/** Main → renderer: events published by the dispatcher after a transaction has committed. */
export const EVENT_CHANNEL = 'desk:event';

export interface CallRequest {
  method: string;
  input: unknown;
}

export interface EventMessage {
  event: DeskEventName;
  payload: unknown;
}
