import { RulesSettings } from '../rules/rules-settings';

/** Settings → Rules: escalation, SLA, warranty, repeat and routing rules (src/renderer/rules/). */
export function RulesTab() {
  return <RulesSettings />;
}
