import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { RULE_EDITORS, type RuleKind } from '../../shared/engine';
import { useSession } from '../shell/session';
import { roleLabel } from './labels';

/**
 * Who may change this kind of rule, told to those who may not: RULE_EDITORS (shared/engine.ts),
 * the same list main checks. Nothing for those who may.
 */
export function EditorsNotice({ kind }: { kind: RuleKind }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user || RULE_EDITORS[kind].includes(user.role)) return null;
  const editors = RULE_EDITORS[kind].map((r) => roleLabel(t, r)).join(t('workflow.roleJoin'));
  return (
    <Alert
      type="info"
      showIcon
      className="rules-read-only"
      data-testid={`rules-read-only-${kind}`}
      title={t('rules.editors.title', { kind: t(`rules.kind.${kind}`), editors })}
      description={t('rules.editors.hint', { role: roleLabel(t, user.role), editors })}
    />
  );
}
