import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES } from '../../shared/schemas/data-io';
import { call } from '../api/client';
import { readAsBase64 } from '../case/upload';
import { toApiError, useShowError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';
import { setMailDraft } from './draft-store';
import { isMailFileName } from './draft-values';

/** Why main refused the file, in words about the file (`mailImport.error.<code>`). */
const FILE_CODES = new Set(['not_mail', 'mail_unreadable', 'file_empty', 'file_too_large']);
const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/**
 * `importFiles(files)`: the first e-mail among the files is read by main into a draft, and the
 * registration page opens with it. Other files are left alone with a word why; one e-mail at a
 * time, as one complaint is registered at a time.
 */
export function useMailImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: File[]) => {
      const mails = files.filter((f) => isMailFileName(f.name));
      const others = files.filter((f) => !isMailFileName(f.name));
      if (others.length) void message.warning(t('mailImport.notMailFiles', { names: others.map((f) => f.name).join(', ') }), 5);
      const file = mails[0];
      if (!file) return;
      if (mails.length > 1) void message.info(t('mailImport.onlyFirst', { name: file.name }), 5);
      if (file.size > MAX_IMPORT_BYTES) {
        void message.error(t('mailImport.error.file_too_large', { name: file.name, max: MAX_MB }), 6);
        return;
      }
      setBusy(true);
      const key = 'mail-import';
      void message.loading({ key, content: t('mailImport.reading', { name: file.name }), duration: 0 });
      try {
        const draft = await call('mailImport.parse', { fileName: file.name, data: await readAsBase64(file) });
        setMailDraft(draft);
        void message.success({ key, content: t('mailImport.prefilled'), duration: 4 });
        navigate(paths.register);
      } catch (raw) {
        message.destroy(key);
        const e = toApiError(raw);
        const code = e.issues.find((i) => i.path === 'data' && FILE_CODES.has(i.code))?.code;
        if (e.code === 'VALIDATION' && code) void message.error(t(`mailImport.error.${code}`, { name: file.name, max: MAX_MB }), 6);
        else showError(e);
      } finally {
        setBusy(false);
      }
    },
    [message, showError, t],
  );
  return { importFiles, busy };
}
