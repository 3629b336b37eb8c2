import { useSyncExternalStore } from 'react';
import type { MailDraft } from '../../shared/data-io';

/**
 * The e-mail being registered: set where the file was dropped or picked (anywhere in the window),
 * read by the registration page. Kept outside the page so that a switch of profile, which mounts
 * the page again, does not lose it; cleared when the complaint is saved or the person removes it.
 */

let current: MailDraft | null = null;
const listeners = new Set<() => void>();

function publish(next: MailDraft | null): void {
  current = next;
  for (const l of listeners) l();
}

export const setMailDraft = (d: MailDraft) => publish(d);
export const clearMailDraft = () => publish(null);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMailDraft(): MailDraft | null {
  return useSyncExternalStore(subscribe, () => current);
}
