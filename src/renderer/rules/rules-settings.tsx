import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { RuleKind } from '../../shared/engine';
import { EditorsNotice } from './editors-notice';
import { EscalationRules } from './escalation-rules';
import { RepeatSettingsPanel } from './repeat-settings';
import { RoutingRulesPanel } from './routing-rules';
import { SlaPolicyPanel } from './sla-policy';
import { WarrantyPoliciesPanel } from './warranty-policies';
import './rules.css';

/**
 * Settings → Rules: the rule engine's data, one kind per tab. Who may change which kind is
 * RULE_EDITORS (shared/engine.ts): the sales manager keeps the rules he is measured by, the
 * administrator everything; the others read.
 */
/** A kind's tab: who may change it (for those who may not), then the rules. */
const tab = (kind: RuleKind, children: ReactNode) => (
  <>
    <EditorsNotice kind={kind} />
    {children}
  </>
);

export function RulesSettings() {
  const { t } = useTranslation();
  return (
    <Tabs
      type="card"
      size="small"
      destroyOnHidden
      items={[
        {
          key: 'escalation',
          label: <span data-testid="rules-tab-escalation">{t('rules.kind.escalation')}</span>,
          children: tab('escalation', <EscalationRules />),
        },
        { key: 'sla', label: <span data-testid="rules-tab-sla">{t('rules.kind.sla')}</span>, children: tab('sla', <SlaPolicyPanel />) },
        {
          key: 'warranty',
          label: <span data-testid="rules-tab-warranty">{t('rules.kind.warranty')}</span>,
          children: tab('warranty', <WarrantyPoliciesPanel />),
        },
        { key: 'repeat', label: <span data-testid="rules-tab-repeat">{t('rules.kind.repeat')}</span>, children: tab('repeat', <RepeatSettingsPanel />) },
        { key: 'routing', label: <span data-testid="rules-tab-routing">{t('rules.kind.routing')}</span>, children: tab('routing', <RoutingRulesPanel />) },
      ]}
    />
  );
}
