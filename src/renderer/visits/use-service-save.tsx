import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../shared/contract';
import { call } from '../api/client';
import { toApiError } from '../common/api-errors';
import { useCase } from '../case/case-context';
import { caseIssueText } from '../case/reasons';

export type ServiceSaveInput = Omit<MethodInput<'service.save'>, 'id' | 'version'>;

/**
 * Saves a service action with the case's version, then reloads the case (the visit list follows the
 * case's version). The form's own issues (engineers, result, times) land on its fields in this
 * part's words; a conflict or a refusal by the rules goes the case page's way.
 */
export function useServiceSave() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const { file, fail, refresh } = useCase();
  return useCallback(
    async (input: ServiceSaveInput, form?: FormInstance): Promise<boolean> => {
      try {
        await call('service.save', { ...input, id: file.id, version: file.version });
        await refresh();
        void message.success(t('visits.saved'));
        return true;
      } catch (raw) {
        const e = toApiError(raw);
        if (e.code === 'VALIDATION' && form) {
          // Only the fields this form shows: an issue on another goes into the notification.
          const fields = new Set(Object.keys(form.getFieldsValue() as object));
          const byField = new Map<string, string[]>();
          const rest: string[] = [];
          for (const i of e.issues) {
            const text = t(`visits.issue.${i.code}`, { ...i.params, defaultValue: caseIssueText(t, i) });
            if (fields.has(i.path)) byField.set(i.path, [...(byField.get(i.path) ?? []), text]);
            else rest.push(text);
          }
          form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
          if (rest.length) notification.error({ key: 'visit-save', title: t('error.VALIDATION'), description: rest.map((r, k) => <div key={k}>{r}</div>) });
        } else {
          fail(raw);
        }
        return false;
      }
    },
    [file.id, file.version, fail, refresh, message, notification, t],
  );
}
