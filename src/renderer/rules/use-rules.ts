import { useCallback, useEffect, useState } from 'react';
import { RULE_EDITORS, type RuleDocument, type RuleDocumentOf, type RuleKind } from '../../shared/engine';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { useSession } from '../shell/session';

/** The documents of one kind in use now, loaded again whenever a rule of that kind changes (here or elsewhere). */
export function useRuleDocs<K extends RuleKind>(kind: K) {
  const showError = useShowError();
  const [docs, setDocs] = useState<RuleDocumentOf<K>[] | null>(null);
  const reload = useCallback(() => {
    call('rules.list', { kind }).then(
      (d) => setDocs(d.filter((x: RuleDocument): x is RuleDocument & RuleDocumentOf<K> => x.kind === kind)),
      showError,
    );
  }, [kind, showError]);
  useEffect(() => {
    reload();
    return on('rules.changed', (p) => {
      if (p.kind === kind) reload();
    });
  }, [kind, reload]);
  return { docs, reload };
}

/** Whether the person working may change this kind of rule (main checks again: RULE_EDITORS). */
export function useCanEdit(kind: RuleKind): boolean {
  const { user } = useSession();
  return !!user && RULE_EDITORS[kind].includes(user.role);
}
