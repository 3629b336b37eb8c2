import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../../shared/errors';

/**
 * How an api failure reaches the person: a translated title from the error code; the server's
 * English message as a secondary detail where it names the thing (conflict, forbidden, not found);
 * and for VALIDATION each issue, translated, on the form field it belongs to.
 */

/** The one error notification on screen; a later success closes it (`notification.destroy(API_ERROR_KEY)`). */
export const API_ERROR_KEY = 'api-error';

const DETAIL_CODES = new Set(['CONFLICT', 'FORBIDDEN', 'NOT_FOUND']);

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}

export function errorTitle(t: TFunction, e: ApiError): string {
  return t(`error.${e.code}`, { defaultValue: t('error.INTERNAL') });
}

export function errorDetail(e: ApiError): string | undefined {
  return DETAIL_CODES.has(e.code) ? e.message : undefined;
}

export function issueText(t: TFunction, issue: FieldIssue): string {
  return t(`issue.${issue.code}`, { ...issue.params, defaultValue: issue.message });
}

/**
 * Puts each issue on its form field. `fieldFor` maps a server path (`newCustomer.name`) to a form
 * field name, or null when the form has no such field. Returns the issues left over.
 */
export function applyIssues(
  form: FormInstance,
  t: TFunction,
  e: ApiError,
  fieldFor: (path: string) => string | null,
): FieldIssue[] {
  const byField = new Map<string, string[]>();
  const rest: FieldIssue[] = [];
  for (const issue of e.issues) {
    const field = fieldFor(issue.path);
    if (!field) {
      rest.push(issue);
      continue;
    }
    const list = byField.get(field) ?? [];
    list.push(issueText(t, issue));
    byField.set(field, list);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = byField.keys().next();
  if (!first.done) form.scrollToField(first.value, { block: 'center' });
  return rest;
}

/** The server's own (English) words, secondary to the translated title. */
export function ServerDetail({ text }: { text: string }) {
  return <div style={{ marginTop: 4, fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>{text}</div>;
}

/** A hook giving `showError(e, form?)`: notification for the error, field errors on the form. */
export function useShowError() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  return useCallback(
    (raw: unknown, form?: { instance: FormInstance; fieldFor: (path: string) => string | null }) => {
      const e = toApiError(raw);
      let rest = e.issues;
      if (e.code === 'VALIDATION' && form) rest = applyIssues(form.instance, t, e, form.fieldFor);
      const lines = rest.map((i) => (i.path ? `${t(`field.${i.path}`, { defaultValue: i.path })}: ` : '') + issueText(t, i));
      const detail = errorDetail(e);
      notification.error({
        key: API_ERROR_KEY,
        title: errorTitle(t, e),
        description:
          lines.length || detail ? (
            <>
              {lines.map((l, i) => (
                <div key={i}>{l}</div>
              ))}
              {detail && <ServerDetail text={detail} />}
            </>
          ) : undefined,
      });
    },
    [notification, t],
  );
}
