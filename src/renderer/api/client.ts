import type { DeskBridge, DeskEventName, DeskEvents, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { ApiError, type ApiResult } from '../../shared/errors';

/**
 * The typed client: the only way the screens reach main. Under Electron the preload exposes
 * `window.desk`; under the headless host the same calls go over HTTP (`POST /api/call`) and events
 * arrive as server-sent events. Callers get the method's output or an `ApiError`.
 */

function httpBridge(): DeskBridge {
  let source: EventSource | null = null;
  const listeners = new Map<DeskEventName, Set<(payload: never) => void>>();

  function ensureSource(): void {
    if (source) return;
    source = new EventSource('/api/events');
    // EventSource reconnects by itself; a listener per known event name dispatches the payload.
    for (const name of ['complaints.changed', 'session.changed', 'app.dataReset', 'notifications.changed', 'rules.changed', 'contracts.changed', 'parts.changed', 'costs.changed', 'capa.changed', 'report.sent', 'import.progress', 'backup.changed'] satisfies DeskEventName[]) {
      source.addEventListener(name, (e: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(e.data);
        } catch {
          payload = {};
        }
        for (const l of listeners.get(name) ?? []) (l as (p: unknown) => void)(payload);
      });
    }
  }

  return {
    async call(method, input) {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ method, input }),
      });
      if (res.status === 401 || res.status === 403) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: `the host refused the call (HTTP ${res.status})` } };
      }
      if (!res.ok) {
        return { ok: false, error: { code: 'INTERNAL', message: `the host answered HTTP ${res.status}` } };
      }
      return (await res.json()) as ApiResult<never>;
    },
    on(event, listener) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };
}

let bridge: DeskBridge | null = null;
function getBridge(): DeskBridge {
  bridge ??= window.desk ?? httpBridge();
  return bridge;
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let result: ApiResult<MethodOutput<M>>;
  try {
    result = await getBridge().call(method, input);
  } catch (e) {
    // The transport itself failed (host gone, network): not an api answer, but shown the same way.
    throw new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
  }
  if (!result.ok) throw ApiError.fromBody(result.error);
  return result.value;
}

export function on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
  return getBridge().on(event, listener);
}
