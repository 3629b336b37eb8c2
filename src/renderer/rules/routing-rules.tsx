import { HistoryOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleDocument } from '../../shared/engine';
import { formatInstant } from '../common/format';
import { conditionLine } from './condition-view';
import { HistoryDrawer } from './history-drawer';
import { roleLabel, ruleDescription, ruleName } from './labels';
import { useRuleDocs } from './use-rules';

/**
 * Routing (issue 4; seed 002 §5.2–5.3): quality cases to production after-sales, non-quality ones to
 * sales administration, technical questions also to technical support. Shown read-only here.
 */
type RoutingDoc = Extract<RuleDocument, { kind: 'routing' }>;

export function RoutingRulesPanel() {
  const { t } = useTranslation();
  const { docs } = useRuleDocs('routing');
  const [history, setHistory] = useState<RoutingDoc | null>(null);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('rules.routing.hint')}</Typography.Paragraph>
      <Table<RoutingDoc>
        data-testid="routing-rules"
        rowKey="key"
        size="small"
        loading={docs === null}
        dataSource={docs ?? []}
        pagination={false}
        columns={[
          {
            title: t('rules.col.name'),
            key: 'name',
            render: (_, d) => (
              <div>
                <Typography.Text strong>{ruleName(t, 'routing', d.key, d.data.name)}</Typography.Text>
                {d.data.description && <div className="rule-cond-line">{ruleDescription(t, 'routing', d.key, d.data.description)}</div>}
              </div>
            ),
          },
          { title: t('rules.routing.when'), key: 'when', render: (_, d) => conditionLine(t, d.data.conditions) },
          {
            title: t('rules.routing.assignTo'),
            key: 'assign',
            render: (_, d) => (d.data.assignTo ? <Tag color="blue">{roleLabel(t, d.data.assignTo)}</Tag> : '—'),
          },
          {
            title: t('rules.form.notify'),
            key: 'notify',
            render: (_, d) => d.data.notify.map((r) => <Tag key={r}>{roleLabel(t, r)}</Tag>),
          },
          {
            title: t('rules.col.enabled'),
            key: 'enabled',
            width: 80,
            render: (_, d) => (d.enabled ? t('rules.enabled') : t('rules.disabled')),
          },
          {
            title: t('rules.col.version'),
            key: 'version',
            width: 160,
            render: (_, d) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                v{d.version} · {formatInstant(d.savedAt)}
              </Typography.Text>
            ),
          },
          {
            title: '',
            key: 'h',
            width: 50,
            render: (_, d) => <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(d)} />,
          },
        ]}
      />
      {history && (
        <HistoryDrawer
          kind="routing"
          ruleKey={history.key}
          title={ruleName(t, 'routing', history.key, history.data.name)}
          onClose={() => setHistory(null)}
        />
      )}
    </>
  );
}
