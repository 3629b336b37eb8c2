import { HistoryOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/errors';
import type { RuleDocument } from '../../shared/engine';
import { escalationRuleDraftSchema, ruleIssues, type EscalationRule } from '../../shared/schemas/rules-escalation';
import { ConditionTabs, useConditionDraft } from './condition-draft';
import { ESCALATION_FIELDS, rowKeyForPath, type ConditionForm } from './condition-model';
import { DryRunButton, DryRunView, useDryRun } from './dry-run';
import { EscalationFields, ruleOf, valuesOf, type EscalationValues } from './escalation-fields';
import { toJson } from './json';
import { RefusalView, ruleIssueText, useRuleSave, type Refusal } from './rule-save';

/**
 * One escalation rule in a drawer: its name, level and actions in a form, its conditions in the
 * condition form (raw JSON as an extra tab), a dry run against the open cases, and save. The draft
 * is checked here with the same schema main uses, so that a mistake is pointed at before anything is
 * sent; main checks again, and its refusal (or a version saved meanwhile) is shown the same way.
 */

type EscalationDoc = Extract<RuleDocument, { kind: 'escalation' }>;

interface Props {
  doc: EscalationDoc | null;
  editable: boolean;
  onClose(): void;
  onSaved(doc: RuleDocument): void;
  onHistory(doc: EscalationDoc): void;
}

const FORM_FIELDS = new Set(['id', 'name', 'description', 'level']);
const NEW_CONDITIONS = { all: [{ fact: 'severity', operator: 'equal', value: 'major' }] };

/** Server and local issues: on form fields, on condition rows, or in the list above the buttons. */
function place(issues: FieldIssue[], form: ConditionForm | null) {
  const fields: Record<string, FieldIssue[]> = {};
  const rows: Record<string, FieldIssue[]> = {};
  const rest: FieldIssue[] = [];
  for (const i of issues) {
    const [head, ...tail] = i.path
      .replace(/^data\.?/, '')
      .split('.')
      .filter(Boolean);
    const key =
      head === 'conditions' && form
        ? rowKeyForPath(
            form,
            tail.map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          )
        : null;
    if (head && FORM_FIELDS.has(head) && tail.length === 0) (fields[head] ??= []).push(i);
    else if (key) (rows[key] ??= []).push(i);
    else rest.push(i);
  }
  return { fields, rows, rest };
}

export function EscalationEditor({ doc, editable, onClose, onSaved, onHistory }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const original: EscalationRule | null = doc?.data ?? null;
  const [form] = Form.useForm<EscalationValues>();
  const draft = useConditionDraft(original?.conditions ?? NEW_CONDITIONS, ESCALATION_FIELDS);
  const saver = useRuleSave();
  const dry = useDryRun();
  const [rowErrors, setRowErrors] = useState<Record<string, string[]>>({});
  const [local, setLocal] = useState<Refusal | null>(null);

  /** Puts issues where they belong; answers those that belong to no field or row. */
  const show = (issues: FieldIssue[]) => {
    const placed = place(issues, draft.form);
    const words = (list: FieldIssue[]) => list.map((i) => ruleIssueText(t, i));
    form.setFields(Object.entries(placed.fields).map(([name, list]) => ({ name: name as keyof EscalationValues, errors: words(list) })));
    setRowErrors(Object.fromEntries(Object.entries(placed.rows).map(([k, list]) => [k, words(list)])));
    if (Object.keys(placed.rows).length) draft.setTab('form');
    return placed.rest;
  };
  // Every issue is also listed above the buttons, with where it is: the drawer may hide the field.
  const refuse = (r: Refusal) => {
    if (r.kind === 'issues') show(r.issues);
    setLocal(r);
  };

  /** The draft to send, or null after showing why it cannot be sent. */
  async function checked(): Promise<ReturnType<typeof ruleOf> | null> {
    setLocal(null);
    setRowErrors({});
    let values: EscalationValues;
    try {
      values = await form.validateFields();
    } catch {
      return null;
    }
    const conditions = draft.current();
    if (!conditions.ok) {
      draft.setTab('json');
      setLocal({
        kind: 'issues',
        issues: [{ path: 'conditions', code: 'rule_json_syntax', params: { detail: conditions.detail }, message: conditions.detail }],
      });
      return null;
    }
    const rule = ruleOf(t, values, conditions.value, original);
    const parsed = escalationRuleDraftSchema.safeParse(rule);
    if (!parsed.success) {
      refuse({ kind: 'issues', issues: ruleIssues(parsed.error) });
      return null;
    }
    return rule;
  }

  async function dryRun() {
    const rule = await checked();
    if (rule) await dry.run(toJson(rule), refuse);
  }

  async function save() {
    const rule = await checked();
    if (!rule) return;
    const outcome = await saver.save('escalation', rule.id, toJson(rule), doc?.version ?? null);
    if (!outcome.ok) {
      if (outcome.refusal) refuse(outcome.refusal);
      saver.setRefusal(null);
      return;
    }
    const r = outcome.result;
    if (!r.bumped) void message.info(t('rules.unchanged'));
    else void message.success(t('rules.savedVersion', { version: r.document.version }));
    onSaved(r.document);
  }

  return (
    <Drawer
      open
      size={820}
      onClose={onClose}
      destroyOnHidden
      title={doc ? t('rules.editTitle', { name: valuesOf(t, original).name, version: doc.version }) : t('rules.newTitle')}
      extra={
        doc && (
          <Button id="rule-history" icon={<HistoryOutlined />} onClick={() => onHistory(doc)}>
            {t('rules.history.button')}
          </Button>
        )
      }
      footer={
        <div className="rule-editor-footer">
          <div className="rule-editor-results">
            <RefusalView refusal={local} onClose={() => setLocal(null)} />
            <DryRunView result={dry.result} onOpen={onClose} />
          </div>
          <Space>
            <DryRunButton busy={dry.busy} onClick={() => void dryRun()} />
            {editable && (
              <Button id="rule-save" type="primary" loading={saver.busy} onClick={() => void save()}>
                {t('rules.save')}
              </Button>
            )}
            <Button id="rule-cancel" onClick={onClose}>
              {t('rules.cancel')}
            </Button>
            {!editable && <Typography.Text type="secondary">{t('rules.readOnly')}</Typography.Text>}
          </Space>
        </div>
      }
      data-testid="rule-editor"
    >
      <Form<EscalationValues> form={form} layout="vertical" name="rule" initialValues={valuesOf(t, original)}>
        <EscalationFields isNew={!doc} disabled={!editable} />
        <Form.Item label={t('rules.form.conditions')} required>
          <ConditionTabs draft={draft} fields={ESCALATION_FIELDS} disabled={!editable} errors={rowErrors} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
