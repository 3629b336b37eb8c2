import { Collapse, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleDocument, RuleKind } from '../../shared/engine';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { ConditionView } from './condition-view';
import { levelLabel, roleLabel, ruleDescription, ruleName } from './labels';

/**
 * Every version of one rule document, newest first (rules.history): who saved it and when, and each
 * version read-only, so that a firing recorded with "version 3" can be read as it was then.
 */

function RuleVersion({ doc }: { doc: RuleDocument }) {
  const { t } = useTranslation();
  if (doc.kind === 'escalation' || doc.kind === 'routing') {
    const r = doc.data;
    const actions =
      doc.kind === 'escalation'
        ? (['raisePriority', 'email', 'requireChairman', 'managementReview'] as const)
            .filter((k) => doc.data.actions[k])
            .map((k) => t(`rules.action.${k}`))
        : [];
    const notify = doc.kind === 'escalation' ? doc.data.actions.notify : doc.data.notify;
    const items = [
      { key: 'name', label: t('rules.form.name'), children: ruleName(t, doc.kind, r.id, r.name) },
      r.description
        ? { key: 'description', label: t('rules.form.description'), children: ruleDescription(t, doc.kind, r.id, r.description) }
        : null,
      doc.kind === 'escalation' ? { key: 'level', label: t('rules.form.level'), children: levelLabel(t, doc.data.level) } : null,
      doc.kind === 'routing'
        ? { key: 'assignTo', label: t('rules.routing.assignTo'), children: doc.data.assignTo ? roleLabel(t, doc.data.assignTo) : '—' }
        : null,
      { key: 'notify', label: t('rules.form.notify'), children: notify.map((n) => roleLabel(t, n)).join(t('rules.listJoin')) || '—' },
      doc.kind === 'escalation'
        ? {
            key: 'actions',
            label: t('rules.form.actions'),
            children: [...actions, doc.data.deescalate ? t('rules.action.deescalate') : t('rules.action.noDeescalate')].join(
              t('rules.listJoin'),
            ),
          }
        : null,
      { key: 'enabled', label: t('rules.form.enabled'), children: doc.enabled ? t('rules.enabled') : t('rules.disabled') },
      { key: 'conditions', label: t('rules.form.conditions'), children: <ConditionView condition={r.conditions} /> },
    ];
    return <Descriptions size="small" column={1} bordered items={items.filter((x) => x !== null)} />;
  }
  return <pre className="rule-json-view">{JSON.stringify(doc.data, null, 2)}</pre>;
}

export function HistoryDrawer({ kind, ruleKey, title, onClose }: { kind: RuleKind; ruleKey: string; title: string; onClose(): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [versions, setVersions] = useState<RuleDocument[] | null>(null);
  useEffect(() => {
    call('rules.history', { kind, key: ruleKey }).then(setVersions, showError);
  }, [kind, ruleKey, showError]);

  return (
    <Drawer open size={720} onClose={onClose} title={t('rules.history.title', { name: title })} data-testid="rule-history-drawer">
      {versions === null ? (
        <Skeleton active />
      ) : versions.length === 0 ? (
        <Empty />
      ) : (
        <Collapse
          defaultActiveKey={[String(versions[0]!.version)]}
          items={versions.map((v, i) => ({
            key: String(v.version),
            label: (
              <Space wrap data-testid={`rule-version-${v.version}`}>
                <Typography.Text strong>{t('rules.history.version', { version: v.version })}</Typography.Text>
                {i === 0 && <Tag color="green">{t('rules.history.inUse')}</Tag>}
                <Typography.Text type="secondary">
                  {t('rules.history.savedBy', { who: v.savedBy ?? t('rules.history.seeded'), at: formatInstant(v.savedAt) })}
                </Typography.Text>
              </Space>
            ),
            children: <RuleVersion doc={v} />,
          }))}
        />
      )}
    </Drawer>
  );
}
