/**
 * src/renderer/print — the printable customer feedback processing form (seed 002 §5.1).
 *
 * - `route.ts`: `#/print/feedback-form/:id?lang=` (shown without the app's frame; App.tsx).
 * - `feedback-form-page.tsx`: loads the case, draws the form under a toolbar that print CSS hides,
 *   and marks `<html data-print-state>` for the printers in main (Electron window, host Chromium).
 * - `feedback-form.tsx` and `sections-*.tsx`: the sheet; `form-parts.tsx` its ruled tables and blanks.
 * - `feedback-form-buttons.tsx`: View / Print / Save as PDF for the case page.
 * - `print-actions.ts`: how Print and Save as PDF work in each shell.
 * Only the `form` and `print` catalogue namespaces belong here; the form's words follow its `lang`.
 */
export { FeedbackFormButtons } from './feedback-form-buttons';
export { printFeedbackForm, saveFeedbackFormPdf } from './print-actions';
