import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleKind, RuleSaveResult } from '../../shared/engine';
import { ApiError, type FieldIssue } from '../../shared/errors';
import type { Json } from './json';
import { call } from '../api/client';
import { issueText, toApiError, useShowError } from '../common/api-errors';
import { fieldLabel, operatorLabel } from './labels';

/**
 * Saving a rule document and showing why main refused it. A VALIDATION refusal lists each issue with
 * where it is (`conditions › 2 › value`) and the rule's own code translated (`rules.issue.<code>`,
 * falling back to the common codes, then to main's English message); a CONFLICT says that someone
 * saved another version meanwhile. Either way nothing was written and the version in use stays.
 */

export type Refusal = { kind: 'issues'; issues: FieldIssue[] } | { kind: 'conflict'; message: string; version: number | null };

/** "条件 › 第 3 项 › 值" for `data.conditions.all.2.value`. */
export function pathText(t: TFunction, path: string): string {
  const parts = path.split('.').filter((p, i) => p !== '' && !(i === 0 && p === 'data'));
  return parts
    .map((p) => (/^\d+$/.test(p) ? t('rules.path.index', { n: Number(p) + 1 }) : t(`rules.path.${p}`, { defaultValue: p })))
    .join(' › ');
}

/** An issue's parameters in words: operators and fields by their screen names. */
function issueWords(t: TFunction, issue: FieldIssue): Record<string, string | number> {
  const p = { ...issue.params };
  if (typeof p.operator === 'string') p.operator = operatorLabel(t, p.operator);
  if (typeof p.field === 'string') p.field = fieldLabel(t, p.field);
  if (typeof p.allowed === 'string' && issue.code.includes('operator')) {
    p.allowed = p.allowed
      .split(', ')
      .map((o) => operatorLabel(t, o))
      .join(t('rules.listJoin'));
  }
  return p;
}

export function ruleIssueText(t: TFunction, issue: FieldIssue): string {
  return t(`rules.issue.${issue.code}`, { ...issueWords(t, issue), defaultValue: issueText(t, issue) });
}

export function RefusalView({ refusal, onClose }: { refusal: Refusal | null; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!refusal) return null;
  if (refusal.kind === 'conflict') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="rule-conflict"
        title={t('rules.conflict.title')}
        description={t('rules.conflict.body', { version: refusal.version ?? '?' })}
        closable={onClose ? { onClose } : false}
        style={{ marginBottom: 12 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="rule-issues"
      title={t('rules.refused')}
      description={
        <ul className="rule-issue-list">
          {refusal.issues.map((i, n) => {
            const where = pathText(t, i.path);
            return (
              <li key={n}>
                {where && <span className="rule-issue-path">{where}：</span>}
                {ruleIssueText(t, i)}
                {i.message && ruleIssueText(t, i) !== i.message && <div className="rule-issue-detail">{i.message}</div>}
              </li>
            );
          })}
        </ul>
      }
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 12 }}
    />
  );
}

export type SaveOutcome = { ok: true; result: RuleSaveResult } | { ok: false; refusal: Refusal | null };

/** `save(kind, key, data, expectedVersion)`: the new document, or the refusal (also kept in `refusal`). */
export function useRuleSave() {
  const showError = useShowError();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useCallback(
    async (kind: RuleKind, key: string, data: Json, expectedVersion: number | null): Promise<SaveOutcome> => {
      setBusy(true);
      try {
        const result = await call('rules.save', { kind, key, data, expectedVersion });
        setRefusal(null);
        return { ok: true, result };
      } catch (raw) {
        const r = refusalOf(raw);
        setRefusal(r);
        if (!r) showError(raw);
        return { ok: false, refusal: r };
      } finally {
        setBusy(false);
      }
    },
    [showError],
  );
  return { save, refusal, setRefusal, busy };
}

export function refusalOf(raw: unknown): Refusal | null {
  const e: ApiError = toApiError(raw);
  if (e.code === 'VALIDATION')
    return { kind: 'issues', issues: e.issues.length ? e.issues : [{ path: '', code: 'invalid', message: e.message }] };
  if (e.code === 'CONFLICT') {
    const v = e.issues.find((i) => i.code === 'rule_stale')?.params?.version;
    return { kind: 'conflict', message: e.message, version: typeof v === 'number' ? v : null };
  }
  return null;
}
