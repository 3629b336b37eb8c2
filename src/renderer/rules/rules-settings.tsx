import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
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
          children: <EscalationRules />,
        },
        { key: 'sla', label: <span data-testid="rules-tab-sla">{t('rules.kind.sla')}</span>, children: <SlaPolicyPanel /> },
        {
          key: 'warranty',
          label: <span data-testid="rules-tab-warranty">{t('rules.kind.warranty')}</span>,
          children: <WarrantyPoliciesPanel />,
        },
        { key: 'repeat', label: <span data-testid="rules-tab-repeat">{t('rules.kind.repeat')}</span>, children: <RepeatSettingsPanel /> },
        { key: 'routing', label: <span data-testid="rules-tab-routing">{t('rules.kind.routing')}</span>, children: <RoutingRulesPanel /> },
      ]}
    />
  );
}
