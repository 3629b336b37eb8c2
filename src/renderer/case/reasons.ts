import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError, type FieldIssue } from '../../shared/errors';
import type { Blocker } from '../../shared/types';
import { issueText } from '../common/api-errors';
import { formatFen } from './amounts';

/**
 * The rules' reasons in the person's words. A blocker (or a FORBIDDEN issue on the path `workflow`)
 * carries a code under `workflow.reason.` and parameters in the store's terms — role codes, a state
 * code, money in fen — which are put into words before the sentence is translated.
 */

type Reason = Pick<Blocker, 'code' | 'params' | 'message'>;

function wordsFor(t: TFunction, params: Reason['params']): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (typeof params?.roles === 'string') {
    out.roles = params.roles
      .split(',')
      .map((r) => t(`enum.role.${r}`, { defaultValue: r }))
      .join(t('workflow.roleJoin'));
  }
  if (typeof params?.state === 'string') out.state = t(`enum.state.${params.state}`, { defaultValue: params.state });
  if (typeof params?.cost === 'number') out.cost = formatFen(params.cost);
  if (typeof params?.threshold === 'number') out.threshold = formatFen(params.threshold);
  return out;
}

/**
 * Where reason codes are translated: the procedure's own, then those of the parts of service work
 * (issue 5), each in its own catalogue. The first key that exists wins.
 */
const REASON_KEYS = ['workflow.reason', 'contracts.workflowReason', 'visits.reason', 'returns.reason', 'parts.reason', 'contracts.reason', 'costs.reason', 'amortisation.reason', 'capa.reason'];

/** A reason a step is blocked, translated. */
export function reasonText(t: TFunction, b: Reason): string {
  return t(
    REASON_KEYS.map((k) => `${k}.${b.code}`),
    { ...wordsFor(t, b.params), defaultValue: b.message },
  );
}

/** Why a part of the form cannot be changed now, translated. */
export function sectionReasonText(t: TFunction, b: Reason): string {
  return t(`workflow.sectionReason.${b.code}`, { ...wordsFor(t, b.params), defaultValue: reasonText(t, b) });
}

/** The reasons of a refusal from the rules, when the error is one. */
export function workflowReasons(e: ApiError): FieldIssue[] {
  return e.code === 'FORBIDDEN' ? e.issues.filter((i) => i.path === 'workflow') : [];
}

/** Where field-issue codes are translated: the case page's, then those of service work and costs. */
const ISSUE_KEYS = ['case.issue', 'visits.issue', 'returns.issue', 'parts.issue', 'contracts.issue', 'costs.issue', 'amortisation.issue'];

/** A validation issue of the lifecycle forms: codes of this page first, then the common ones. */
export function caseIssueText(t: TFunction, issue: FieldIssue): string {
  return t(
    ISSUE_KEYS.map((k) => `${k}.${issue.code}`),
    { ...issue.params, defaultValue: issueText(t, issue) },
  );
}

/**
 * Puts each server issue on its form field (`fieldFor` maps the server path to a field name path,
 * or null); answers the issues no field took.
 */
export function applyCaseIssues(
  form: FormInstance,
  t: TFunction,
  e: ApiError,
  fieldFor: (path: string) => (string | number)[] | null,
): FieldIssue[] {
  const rest: FieldIssue[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of e.issues) {
    const name = fieldFor(issue.path);
    if (!name) {
      rest.push(issue);
      continue;
    }
    const same = fields.find((f) => f.name.join('.') === name.join('.'));
    if (same) same.errors.push(caseIssueText(t, issue));
    else fields.push({ name, errors: [caseIssueText(t, issue)] });
  }
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return rest;
}

/** The default mapping: the server's dotted path is the form's field path (`entries.0.shareBp`). */
export function samePath(path: string): (string | number)[] | null {
  if (!path || path === 'id' || path === 'version') return null;
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
