import { EditOutlined, EyeOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleDocument } from '../../shared/engine';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../shared/schemas/rules-escalation';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { conditionLine } from './condition-view';
import { EscalationEditor } from './escalation-editor';
import { HistoryDrawer } from './history-drawer';
import { levelLabel, ruleName } from './labels';
import { refusalOf } from './rule-save';
import { useCanEdit, useRuleDocs } from './use-rules';

/**
 * The escalation rules (issue 4): when a case moves up to the sales manager, the branch manager and
 * department heads, or the chairman, and what that does. Switching a rule off or on is a new version
 * like any other change, so the history shows who did it and when.
 */

type EscalationDoc = Extract<RuleDocument, { kind: 'escalation' }>;

export const LEVEL_COLORS: Record<EscalationLevel, string> = {
  sales_manager: 'gold',
  branch_manager: 'orange',
  department_heads: 'volcano',
  chairman: 'red',
};

export function LevelTag({ level }: { level: EscalationLevel | null | undefined }) {
  const { t } = useTranslation();
  if (!level) return null;
  return (
    <Tag color={LEVEL_COLORS[level] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {levelLabel(t, level)}
    </Tag>
  );
}

export function EscalationRules() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const { docs, reload } = useRuleDocs('escalation');
  const editable = useCanEdit('escalation');
  const [editing, setEditing] = useState<EscalationDoc | 'new' | null>(null);
  const [history, setHistory] = useState<EscalationDoc | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function setEnabled(d: EscalationDoc, enabled: boolean) {
    setBusy(d.key);
    try {
      const r = await call('rules.setEnabled', { kind: 'escalation', key: d.key, enabled, expectedVersion: d.version });
      void message.success(t(enabled ? 'rules.enabledNow' : 'rules.disabledNow', { version: r.document.version }));
      reload();
    } catch (raw) {
      const refusal = refusalOf(raw);
      if (refusal?.kind === 'conflict') {
        notification.warning({
          key: 'rule-conflict',
          title: t('rules.conflict.title'),
          description: t('rules.conflict.body', { version: refusal.version ?? '?' }),
        });
        reload();
      } else showError(raw);
    } finally {
      setBusy(null);
    }
  }

  const order = (l: EscalationLevel) => ESCALATION_LEVELS.indexOf(l);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {editable && (
          <Button id="rule-new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('rules.new')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('rules.escalationHint')}</Typography.Text>
      </Space>
      <Table<EscalationDoc>
        data-testid="escalation-rules"
        rowKey="key"
        size="middle"
        loading={docs === null}
        dataSource={docs ?? []}
        pagination={false}
        columns={[
          {
            title: t('rules.col.name'),
            key: 'name',
            render: (_, d) => (
              <div>
                <Typography.Text strong>{ruleName(t, 'escalation', d.key, d.data.name)}</Typography.Text>
                <div className="rule-cond-line">{conditionLine(t, d.data.conditions)}</div>
              </div>
            ),
          },
          {
            title: t('rules.col.level'),
            key: 'level',
            width: 130,
            sorter: (a, b) => order(a.data.level) - order(b.data.level),
            render: (_, d) => <LevelTag level={d.data.level} />,
          },
          {
            title: t('rules.col.enabled'),
            key: 'enabled',
            width: 90,
            render: (_, d) => (
              <Switch
                size="small"
                checked={d.enabled}
                disabled={!editable}
                loading={busy === d.key}
                aria-label={t('rules.col.enabled')}
                data-testid={`rule-enabled-${d.key}`}
                onChange={(on) => void setEnabled(d, on)}
              />
            ),
          },
          {
            title: t('rules.col.version'),
            key: 'version',
            width: 80,
            render: (_, d) => <span data-testid={`rule-version-of-${d.key}`}>v{d.version}</span>,
          },
          {
            title: t('rules.col.saved'),
            key: 'saved',
            width: 190,
            render: (_, d) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.savedBy ?? t('rules.history.seeded')}
                <br />
                {formatInstant(d.savedAt)}
              </Typography.Text>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 190,
            render: (_, d) => (
              <Space>
                <Button
                  size="small"
                  icon={editable ? <EditOutlined /> : <EyeOutlined />}
                  data-testid={`rule-edit-${d.key}`}
                  onClick={() => setEditing(d)}
                >
                  {editable ? t('rules.edit') : t('rules.view')}
                </Button>
                <Tooltip title={t('rules.history.button')}>
                  <Button size="small" icon={<HistoryOutlined />} data-testid={`rule-history-${d.key}`} onClick={() => setHistory(d)} />
                </Tooltip>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <EscalationEditor
          key={editing === 'new' ? 'new' : `${editing.key}@${editing.version}`}
          doc={editing === 'new' ? null : editing}
          editable={editable}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onHistory={(d) => setHistory(d)}
        />
      )}
      {history && (
        <HistoryDrawer
          kind="escalation"
          ruleKey={history.key}
          title={ruleName(t, 'escalation', history.key, history.data.name)}
          onClose={() => setHistory(null)}
        />
      )}
    </>
  );
}
