/**
 * Who may write to the database file now. People's changes and the scheduler's passes write through
 * main's connection and share the gate; an import (a worker thread with its own connection, one long
 * transaction) or a restore holds it alone. Without it, main's next write would wait for the
 * worker's lock in SQLite's busy handler, which sleeps on main's thread; with it, the change waits
 * on a promise and the window stays responsive.
 */
export interface WriteGate {
  /** Runs `fn` beside other shared writers, after any exclusive holder has finished. */
  shared<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` alone: new shared writers wait, running ones finish first. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether an exclusive holder runs or waits. */
  held(): boolean;
}

export function createWriteGate(): WriteGate {
  let sharedCount = 0;
  let drained: (() => void) | null = null;
  /** The chain of exclusive holders: each starts after the previous one has finished. */
  let tail: Promise<void> = Promise.resolve();
  let holders = 0;
  let current: Promise<void> | null = null;

  return {
    async shared(fn) {
      while (current) await current;
      sharedCount++;
      try {
        return await fn();
      } finally {
        sharedCount--;
        if (sharedCount === 0 && drained) drained();
      }
    },
    async exclusive(fn) {
      holders++;
      const previous = tail;
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      tail = previous.then(() => mine);
      await previous;
      current = mine;
      try {
        if (sharedCount > 0) await new Promise<void>((r) => (drained = r));
        drained = null;
        return await fn();
      } finally {
        holders--;
        current = null;
        release();
      }
    },
    held: () => holders > 0,
  };
}
