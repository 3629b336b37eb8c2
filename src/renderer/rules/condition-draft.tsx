import { Alert, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConditionField } from '../../shared/schemas/rules-escalation';
import { ConditionEditor } from './condition-editor';
import { fromForm, toForm, type ConditionForm } from './condition-model';

/**
 * The conditions being edited, held two ways: the form (when it can show them) and the JSON text of
 * the extra tab. Editing either updates the other; JSON that does not parse keeps its text and its
 * parser message, and the last good conditions stay what the form shows.
 */

export type DraftTab = 'form' | 'json';

export function useConditionDraft(initial: unknown, fields: readonly ConditionField[]) {
  const [form, setFormState] = useState<ConditionForm | null>(() => toForm(initial, fields));
  const [value, setValue] = useState<unknown>(initial);
  const [json, setJsonText] = useState(() => JSON.stringify(initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [tab, setTab] = useState<DraftTab>(() => (toForm(initial, fields) ? 'form' : 'json'));

  return {
    form,
    json,
    jsonError,
    tab,
    setTab,
    setForm(next: ConditionForm) {
      const c = fromForm(next);
      setFormState(next);
      setValue(c);
      setJsonText(JSON.stringify(c, null, 2));
      setJsonError(null);
    },
    setJson(text: string) {
      setJsonText(text);
      try {
        const parsed: unknown = JSON.parse(text);
        setJsonError(null);
        setValue(parsed);
        setFormState(toForm(parsed, fields));
      } catch (e) {
        setJsonError(e instanceof Error ? e.message : String(e));
      }
    },
    /** The conditions to check and send, or the JSON parser's message. */
    current(): { ok: true; value: unknown } | { ok: false; detail: string } {
      return jsonError !== null ? { ok: false, detail: jsonError } : { ok: true, value };
    },
  };
}
export type ConditionDraft = ReturnType<typeof useConditionDraft>;

interface Props {
  draft: ConditionDraft;
  fields: readonly ConditionField[];
  disabled?: boolean;
  errors: Record<string, string[]>;
}

export function ConditionTabs({ draft, fields, disabled, errors }: Props) {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      activeKey={draft.tab}
      onChange={(k) => draft.setTab(k as DraftTab)}
      items={[
        {
          key: 'form',
          label: <span data-testid="cond-tab-form">{t('rules.cond.formTab')}</span>,
          children: draft.form ? (
            <>
              {draft.jsonError !== null && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('rules.json.stale')} />}
              <ConditionEditor value={draft.form} fields={fields} disabled={disabled} errors={errors} onChange={draft.setForm} />
            </>
          ) : (
            <Alert type="info" showIcon title={t('rules.cond.notInForm')} />
          ),
        },
        {
          key: 'json',
          label: <span data-testid="cond-tab-json">{t('rules.cond.jsonTab')}</span>,
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('rules.json.hint')}
              </Typography.Paragraph>
              <Input.TextArea
                id="rule-json"
                className="rule-json"
                spellCheck={false}
                disabled={disabled}
                autoSize={{ minRows: 10, maxRows: 24 }}
                value={draft.json}
                onChange={(e) => draft.setJson(e.target.value)}
                status={draft.jsonError !== null ? 'error' : undefined}
              />
              {draft.jsonError !== null && (
                <Alert
                  type="error"
                  showIcon
                  data-testid="rule-json-error"
                  style={{ marginTop: 8 }}
                  title={t('rules.json.syntax')}
                  description={draft.jsonError}
                />
              )}
            </>
          ),
        },
      ]}
    />
  );
}
