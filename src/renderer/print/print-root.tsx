import { FeedbackFormPage } from './feedback-form-page';
import { PrintDocRoot } from './print-toolbar';
import type { FeedbackFormRoute } from './route';

/** The feedback form's print route. */
export function PrintRoot({ route }: { route: FeedbackFormRoute }) {
  return (
    <PrintDocRoot>
      {/* Keyed: another case or language is a fresh page (and a fresh "ready"). */}
      <FeedbackFormPage key={`${route.id}-${route.lang ?? ''}`} route={route} />
    </PrintDocRoot>
  );
}
