import { useEffect, useRef } from 'react';
import { PRINT_STATE_ATTRIBUTE, type PrintState } from '../../shared/print';

/**
 * Tells printers the page is drawn (fonts included). Opened to print (`autoprintThen`: the same
 * route without `autoprint`), it opens the print dialog once, and forgets it so a reload does not.
 */
export function usePrintState(state: PrintState | null, autoprintThen: string | null): void {
  const done = useRef(false);
  useEffect(() => {
    const html = document.documentElement;
    if (!state) return;
    let live = true;
    void document.fonts.ready.then(() =>
      requestAnimationFrame(() => {
        if (!live) return;
        html.setAttribute(PRINT_STATE_ATTRIBUTE, state);
        if (state === 'ready' && autoprintThen && !done.current) {
          done.current = true;
          history.replaceState(null, '', autoprintThen);
          window.print();
        }
      }),
    );
    return () => {
      live = false;
      html.removeAttribute(PRINT_STATE_ATTRIBUTE);
    };
  }, [state, autoprintThen]);
}
