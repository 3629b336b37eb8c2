import type { TFunction } from 'i18next';
import { departmentCode } from '../../shared/departments';
import type { FieldIssue } from '../../shared/errors';
import type { Department } from '../../shared/types';
import { issueText } from '../common/api-errors';

/**
 * Words of the cost screens: the enums of cost lines (type, payer, class, source, state), the
 * refusals of the costs api, department names. Enum words are looked up in the costs part's
 * catalogue first (`costs.enum.*`), then in this screen's own (`costsUi.enum.*`).
 */

export type CostEnum = 'costType' | 'payer' | 'costClass' | 'source' | 'state' | 'kind';

export function costEnum(t: TFunction, kind: CostEnum, value: string): string {
  return t([`costs.enum.${kind}.${value}`, `costsUi.enum.${kind}.${value}`], {
    defaultValue: value,
  });
}

/** A refusal of the costs api (FORBIDDEN issue on `workflow`), in words. */
export function costReasonText(t: TFunction, issue: Pick<FieldIssue, 'code' | 'params' | 'message'>): string {
  return t([`costs.reason.${issue.code}`, `costsUi.reason.${issue.code}`, `workflow.reason.${issue.code}`], {
    ...issue.params,
    defaultValue: issue.message,
  });
}

/** A field issue of the cost forms: this part's codes first, then the common ones. */
export function costIssueText(t: TFunction, issue: FieldIssue): string {
  return t([`costs.issue.${issue.code}`, `costsUi.issue.${issue.code}`, `case.issue.${issue.code}`], {
    ...issue.params,
    defaultValue: issueText(t, issue),
  });
}

/** A department by its id, in the person's language while it keeps its default name. */
export function departmentLabel(t: TFunction, departments: Department[], id: number | null, fallback: string | null): string {
  const d = id === null ? undefined : departments.find((x) => x.id === id);
  if (!d) return fallback ?? '';
  const code = departmentCode(d);
  return code ? t(`department.${code}`, { defaultValue: d.name }) : d.name;
}

/** Short month names in the person's language: "1月" or "Jan". */
export function monthNames(lang: string): string[] {
  const f = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 15))));
}
