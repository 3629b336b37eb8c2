import type { FormTarget } from '../../shared/print';

/**
 * The printer port: how main turns the form page into paper or PDF. Main's services know only this
 * interface; the Electron shell implements it with a hidden BrowserWindow (`electron/print.ts`), the
 * headless host with Chromium driven by playwright-core (`host/pdf-printer.ts`). Both load the same
 * renderer route the person sees, so screen, paper and PDF cannot differ.
 */
export interface FormPrinter {
  /** The feedback form as PDF bytes, on the page size its CSS asks for (A4). */
  pdf(target: FormTarget): Promise<Uint8Array>;
  /**
   * Shows the system print dialog for the form. Absent where main has no screen of its own (the
   * host): the page then prints itself with `window.print()`.
   */
  print?(target: FormTarget): Promise<void>;
  /**
   * Gets ready for a PDF that is likely to be asked for soon (the report page was opened; the app
   * has been idle since it started): starts what the first `pdf` would otherwise wait for. Returns
   * at once; idempotent; never throws — a failure is logged and the next `pdf` tries again.
   */
  warm?(): void;
}
