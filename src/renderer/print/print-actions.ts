import { feedbackFormHash, type FormLanguage } from '../../shared/print';
import { call } from '../api/client';

/**
 * Printing and saving the feedback form, the same in both shells:
 * - Print asks main first. Electron prints a hidden window through the system dialog and answers
 *   `dialog: true`. The host cannot, so the browser prints: the form page itself (`window.print()`),
 *   or, from another page, the form opened in a new tab that prints itself once drawn.
 * - Save as PDF asks main for the PDF (Electron's printToPDF, the host's Chromium) and downloads it
 *   as a file: the browser saves it to its downloads, Electron asks where with its save dialog.
 */

export async function printFeedbackForm(id: number, lang: FormLanguage, from: 'form' | 'elsewhere'): Promise<void> {
  const { dialog } = await call('print.feedbackForm', { id, lang });
  if (dialog) return;
  if (from === 'form') window.print();
  else window.open(`${window.location.pathname}${feedbackFormHash(id, lang, { autoprint: true })}`, '_blank', 'noopener');
}

export async function saveFeedbackFormPdf(id: number, lang: FormLanguage): Promise<string> {
  const { fileName, data } = await call('print.feedbackFormPdf', { id, lang });
  downloadBase64(fileName, 'application/pdf', data);
  return fileName;
}

function downloadBase64(name: string, mime: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy by then; a minute covers a slow save dialog.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
