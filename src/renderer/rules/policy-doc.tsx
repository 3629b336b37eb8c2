import { HistoryOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleDataByKind } from '../../shared/engine';
import { formatInstant } from '../common/format';
import { HistoryDrawer } from './history-drawer';
import { toJson } from './json';
import { RefusalView, useRuleSave } from './rule-save';
import { useCanEdit, useRuleDocs } from './use-rules';

/**
 * A one-document kind (SLA targets, warranty policies, repeat settings) edited as a whole: the
 * version in use, a local draft, save as the next version (or refused with the reasons), undo, and
 * the version history. A change saved elsewhere replaces the draft unless the person is editing.
 */

type PolicyKind = 'sla' | 'warranty' | 'repeat' | 'calendar';

export function usePolicyDoc<K extends PolicyKind>(kind: K) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { docs, reload } = useRuleDocs(kind);
  const doc = docs?.[0] ?? null;
  // The person's changes; null while he has changed nothing and the version in use is shown.
  const [edited, setEdited] = useState<RuleDataByKind[K] | null>(null);
  const draft = edited ?? doc?.data ?? null;
  const dirty = edited !== null;
  const saver = useRuleSave();
  const editable = useCanEdit(kind);

  return {
    kind,
    doc,
    draft,
    dirty,
    editable,
    saver,
    change(next: RuleDataByKind[K]) {
      setEdited(next);
    },
    reset() {
      setEdited(null);
      saver.setRefusal(null);
    },
    async save() {
      if (!draft || !doc) return;
      const r = await saver.save(kind, 'default', toJson(draft), doc.version);
      if (!r.ok) {
        if (r.refusal?.kind === 'conflict') reload();
        return;
      }
      setEdited(null);
      void message[r.result.bumped ? 'success' : 'info'](
        r.result.bumped ? t('rules.savedVersion', { version: r.result.document.version }) : t('rules.unchanged'),
      );
      reload();
    },
  };
}
export type PolicyDoc<K extends PolicyKind> = ReturnType<typeof usePolicyDoc<K>>;

export function PolicyFrame<K extends PolicyKind>({
  policy,
  hint,
  children,
}: {
  policy: PolicyDoc<K>;
  hint: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [history, setHistory] = useState(false);
  const { doc } = policy;
  return (
    <div data-testid={`policy-${policy.kind}`}>
      <div className="policy-head">
        <Typography.Text type="secondary">{hint}</Typography.Text>
        <span className="spacer" />
        {doc && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rules.docVersion', { version: doc.version, who: doc.savedBy ?? t('rules.history.seeded'), at: formatInstant(doc.savedAt) })}
          </Typography.Text>
        )}
        <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
          {t('rules.history.button')}
        </Button>
      </div>
      <RefusalView refusal={policy.saver.refusal} onClose={() => policy.saver.setRefusal(null)} />
      {children}
      {policy.editable && (
        <Space style={{ marginTop: 12 }}>
          <Button
            id={`${policy.kind}-save`}
            type="primary"
            icon={<SaveOutlined />}
            disabled={!policy.dirty}
            loading={policy.saver.busy}
            onClick={() => void policy.save()}
          >
            {t('rules.save')}
          </Button>
          <Button icon={<UndoOutlined />} disabled={!policy.dirty} onClick={policy.reset}>
            {t('rules.undo')}
          </Button>
        </Space>
      )}
      {history && (
        <HistoryDrawer kind={policy.kind} ruleKey="default" title={t(`rules.kind.${policy.kind}`)} onClose={() => setHistory(false)} />
      )}
    </div>
  );
}
