import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User } from '../../shared/types';
import { call, on } from '../api/client';

/**
 * Who is working. One profile is current for the whole app (main keeps it); when it changes — here
 * or in another window — `generation` goes up and the shell re-mounts the page, so every screen
 * loads again as the new person (their rights, their saved views and column layout).
 */
export interface SessionValue {
  user: User | null;
  generation: number;
  /** Called with the answer of `session.switch`. */
  switched(user: User): void;
  /** Reads the current profile again (its name or role was edited). */
  refresh(): void;
}

const SessionContext = createContext<SessionValue>({ user: null, generation: 0, switched: () => undefined, refresh: () => undefined });

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [generation, setGeneration] = useState(0);
  // The profile the screens were loaded for; both the switch's answer and the event land here once.
  const shownFor = useRef<number | null>(null);

  const adopt = useCallback((userId: number, known?: User) => {
    if (shownFor.current === userId) return;
    const first = shownFor.current === null;
    shownFor.current = userId;
    if (!first) setGeneration((g) => g + 1);
    if (known) setUser(known);
    else call('session.current', {}).then(setUser, () => setUser(null));
  }, []);

  useEffect(() => {
    call('session.current', {}).then(
      (u) => {
        shownFor.current ??= u.id;
        setUser((cur) => cur ?? u);
      },
      () => setUser(null),
    );
    return on('session.changed', ({ userId }) => adopt(userId));
  }, [adopt]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      generation,
      switched: (u) => adopt(u.id, u),
      refresh: () =>
        void call('session.current', {}).then((u) => {
          // A changed role changes what the screens allow: load them again.
          if (user && u.role !== user.role) setGeneration((g) => g + 1);
          setUser(u);
        }, () => setUser(null)),
    }),
    [user, generation, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
