import { useEffect, useRef, useState } from 'react';

/**
 * A debounced callback that always runs the latest `fn`; `flush` runs a pending call now
 * (used when the page goes away, so a layout change is not lost).
 */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  const [api] = useState(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: A | null = null;
    const self = {
      run(...args: A) {
        pending = args;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => self.flush(), ms);
      },
      flush() {
        if (timer) clearTimeout(timer);
        timer = null;
        const args = pending;
        pending = null;
        if (args) fnRef.current(...args);
      },
      cancel() {
        if (timer) clearTimeout(timer);
        timer = null;
        pending = null;
      },
    };
    return self;
  });
  return api;
}
