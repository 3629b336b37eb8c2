import { useEffect, useSyncExternalStore } from 'react';
import type { CaseEngine } from '../../shared/engine';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';
import { useCase } from './case-context';

/**
 * The rule engine's view of the case on the page (complaints.engine, issue 4), one copy for the
 * engine panel, the escalation part of the form and the header, so that they tell one story from one
 * answer. Loaded again whenever the case's version or engine columns change (every save and every
 * scheduler pass that wrote to it), and every minute, since the clocks run on their own.
 */

export interface EngineState {
  engine: CaseEngine | null;
  error: string | null;
}

const REFRESH_MS = 60_000;

/** One case at a time: the page shows one. */
const store = {
  id: 0,
  key: '',
  seq: 0,
  startedAt: 0,
  state: { engine: null, error: null } as EngineState,
  listeners: new Set<() => void>(),
};

function publish(state: EngineState) {
  store.state = state;
  for (const l of store.listeners) l();
}

/** Asks main again unless the same question is on its way (two parts of the page mount together). */
function load(id: number, key: string, force = false) {
  const now = Date.now();
  if (id !== store.id) {
    store.id = id;
    publish({ engine: null, error: null });
  } else if (key === store.key && (!force || now - store.startedAt < REFRESH_MS / 2)) {
    return;
  }
  store.key = key;
  store.startedAt = now;
  const mine = ++store.seq;
  call('complaints.engine', { id }).then(
    (engine) => mine === store.seq && publish({ engine, error: null }),
    (e: unknown) => mine === store.seq && publish({ ...store.state, error: toApiError(e).message }),
  );
}

const subscribe = (l: () => void) => {
  store.listeners.add(l);
  return () => void store.listeners.delete(l);
};

/** The engine's view of the case; `refresh` (the panel's) also asks again every minute. */
export function useCaseEngine({ refresh = false }: { refresh?: boolean } = {}): EngineState {
  const { file } = useCase();
  const key = [file.version, file.slaState, file.escalationLevel, file.waitingCustomerSince].join('|');
  useEffect(() => load(file.id, key), [file.id, key]);
  useEffect(() => {
    if (!refresh) return;
    const timer = window.setInterval(() => load(file.id, store.key, true), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [file.id, refresh]);
  const state = useSyncExternalStore(subscribe, () => store.state);
  // Another case's answer (the page is switching cases) is not this case's.
  return store.id === file.id ? state : { engine: null, error: null };
}
