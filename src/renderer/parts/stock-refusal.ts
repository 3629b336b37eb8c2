import type { TFunction } from 'i18next';
import type { ApiError, FieldIssue } from '../../shared/errors';
import { toApiError } from '../common/api-errors';

/**
 * Main refuses a move that would take a part's stock below zero (`stock_below_zero`, on the path
 * `workflow`, with the part, the quantity on hand and the quantity asked). The parts screens show it
 * in place, with the way on: receive stock first, or override with a reason.
 */
export function stockRefusal(raw: unknown): FieldIssue | null {
  const e: ApiError = toApiError(raw);
  return (e.code === 'FORBIDDEN' && e.issues.find((i) => i.path === 'workflow' && i.code === 'stock_below_zero')) || null;
}

export function stockRefusalText(t: TFunction, issue: FieldIssue): string {
  return t('parts.reason.stock_below_zero', { ...issue.params, defaultValue: issue.message });
}

/** A field issue of the parts forms in words: this catalogue's codes first, then the common ones. */
export function partsIssueText(t: TFunction, issue: FieldIssue): string {
  return t([`parts.issue.${issue.code}`, `case.issue.${issue.code}`, `issue.${issue.code}`], { ...issue.params, defaultValue: issue.message });
}
