import { printHash, type FormLanguage } from '../../shared/print';
import { call } from '../api/client';

/**
 * Printing and saving the visit report, the same in both shells (like the feedback form): Electron
 * prints through the system dialog; in the host the page prints itself, or opens in a new tab that
 * prints once drawn. The PDF comes from main and is downloaded as a file.
 */

export async function printVisitReport(actionId: number, lang: FormLanguage, from: 'report' | 'elsewhere'): Promise<void> {
  const { dialog } = await call('print.visitReport', { actionId, lang });
  if (dialog) return;
  if (from === 'report') window.print();
  else window.open(`${window.location.pathname}${printHash({ doc: 'visit-report', id: actionId, lang }, { autoprint: true })}`, '_blank', 'noopener');
}

export async function saveVisitReportPdf(actionId: number, lang: FormLanguage): Promise<string> {
  const { fileName, data } = await call('print.visitReportPdf', { actionId, lang });
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
}

export const visitReportHash = (actionId: number, lang: FormLanguage) => printHash({ doc: 'visit-report', id: actionId, lang });
