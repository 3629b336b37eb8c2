import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WarrantyPolicy } from '../../shared/schemas/rules-policies';
import { seededText } from './labels';
import { PolicyFrame, usePolicyDoc } from './policy-doc';
import { WarrantyCatalogues } from './warranty-catalogue';
import { catalogueLabel, WarrantyPolicyModal } from './warranty-policy-modal';

/**
 * Warranty policies (issue 4; seed 000: "what is covered, what is excluded, how long support lasts,
 * and which conditions suspend or limit the obligation"): one per product line or model, a default
 * for the rest. The whole set is one document, saved as a new version.
 */
export function WarrantyPoliciesPanel() {
  const { t } = useTranslation();
  const policy = usePolicyDoc('warranty');
  const [editing, setEditing] = useState<WarrantyPolicy | 'new' | null>(null);
  const { draft } = policy;
  if (!draft) return <Skeleton active />;

  const scopeText = (p: WarrantyPolicy) =>
    p.scope.kind === 'default'
      ? t('warranty.scope.default')
      : p.scope.kind === 'model'
        ? `${t('warranty.scope.model')} ${p.scope.model}`
        : `${t('warranty.scope.product_line')} ${p.scope.productLine}`;
  const codes = (kind: 'exclusion' | 'suspension', list: string[]) => {
    const catalogue = kind === 'exclusion' ? draft.exclusionCodes : draft.suspensionCodes;
    return list.map((c) => (
      <Tag key={c} color={kind === 'suspension' ? 'orange' : undefined} style={{ marginBottom: 2, marginInlineEnd: 4 }}>
        {catalogueLabel(t, kind, catalogue.find((x) => x.code === c) ?? { code: c, label: null })}
      </Tag>
    ));
  };
  const put = (p: WarrantyPolicy) => {
    const at = draft.policies.findIndex((x) => x.id === (editing === 'new' ? null : editing?.id));
    const policies = at < 0 ? [...draft.policies, p] : draft.policies.map((x, i) => (i === at ? p : x));
    policy.change({ ...draft, policies });
    setEditing(null);
  };

  return (
    <PolicyFrame policy={policy} hint={t('warranty.policyHint')}>
      {policy.editable && (
        <Button size="small" icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setEditing('new')}>
          {t('warranty.new')}
        </Button>
      )}
      <Table<WarrantyPolicy>
        data-testid="warranty-policies"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={draft.policies}
        columns={[
          {
            title: t('warranty.col.name'),
            key: 'name',
            render: (_, p) => (
              <>
                {seededText(t, `warranty.seed.${p.id}`, p.name)}
                {!p.active && <Tag style={{ marginInlineStart: 6 }}>{t('rules.disabled')}</Tag>}
              </>
            ),
          },
          { title: t('warranty.col.scope'), key: 'scope', render: (_, p) => scopeText(p) },
          { title: t('warranty.col.months'), key: 'months', width: 90, render: (_, p) => t('warranty.months', { count: p.periodMonths }) },
          { title: t('warranty.col.startEvent'), key: 'start', width: 110, render: (_, p) => t(`warranty.startEvent.${p.startEvent}`) },
          { title: t('warranty.col.exclusions'), key: 'exclusions', render: (_, p) => codes('exclusion', p.exclusions) },
          { title: t('warranty.col.suspensions'), key: 'suspensions', render: (_, p) => codes('suspension', p.suspensions) },
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_, p) => (
              <Space>
                <Button size="small" icon={policy.editable ? <EditOutlined /> : <EyeOutlined />} onClick={() => setEditing(p)} />
                {policy.editable && p.scope.kind !== 'default' && (
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('warranty.remove')}
                    onClick={() => policy.change({ ...draft, policies: draft.policies.filter((x) => x.id !== p.id) })}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      <WarrantyCatalogues set={draft} editable={policy.editable} onChange={policy.change} />
      {editing && (
        <WarrantyPolicyModal
          policy={editing === 'new' ? null : editing}
          set={draft}
          editable={policy.editable}
          onCancel={() => setEditing(null)}
          onOk={put}
        />
      )}
    </PolicyFrame>
  );
}
