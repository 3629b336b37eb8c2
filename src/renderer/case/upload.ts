import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES, type ATTACHMENT_PURPOSES } from '../../shared/schemas/lifecycle';
import type { Attachment } from '../../shared/types';
import { call } from '../api/client';
import { useCase } from './case-context';

/**
 * Adding a file to a case: the size is checked here before anything is read (20 MB: photos and
 * scans, not videos), the bytes go to main as base64, and main stores them by their SHA-256.
 */

export type Purpose = (typeof ATTACHMENT_PURPOSES)[number];

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('the file could not be read'));
    r.readAsDataURL(file);
  });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `upload(file, purpose)`: the stored attachment, or null when refused (the person was told why). */
export function useAttachmentUpload() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { file: c, refresh, fail } = useCase();
  const complaintId = c.id;
  return useCallback(
    async (file: File, purpose: Purpose): Promise<Attachment | null> => {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        void message.error(
          t('attachment.tooLarge', { name: file.name, size: formatSize(file.size), max: formatSize(MAX_ATTACHMENT_BYTES) }),
        );
        return null;
      }
      if (file.size === 0) {
        void message.error(t('attachment.empty', { name: file.name }));
        return null;
      }
      try {
        const data = await readAsBase64(file);
        const a = await call('attachments.add', {
          complaintId,
          name: file.name,
          mime: file.type || 'application/octet-stream',
          purpose,
          data,
        });
        void message.success(t('attachment.added', { name: a.name }));
        // Adding a file changes the case's version: the page takes the new one before any other save.
        await refresh();
        return a;
      } catch (e) {
        fail(e);
        return null;
      }
    },
    [complaintId, fail, message, refresh, t],
  );
}

export async function openAttachment(id: number): Promise<void> {
  const { url } = await call('attachments.open', { id });
  // The host answers a URL for the browser; Electron has already opened the system's viewer.
  if (url) window.open(url, '_blank', 'noopener');
}
