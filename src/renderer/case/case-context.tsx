import { App, type FormInstance } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../shared/contract';
import type { CaseFile, CaseWorkflow, ComplaintEvent, Department, Settings, UserProfile } from '../../shared/types';
import { call, on } from '../api/client';
import { API_ERROR_KEY, ServerDetail, toApiError, useShowError } from '../common/api-errors';
import { applyCaseIssues, caseIssueText, reasonText, samePath, workflowReasons } from './reasons';

/**
 * The case the page shows and the one way its parts are saved. Every save names the version the
 * person saw; the answer (the whole case file) replaces the page's copy, and what may be done next
 * is asked again. A change made elsewhere reloads the page unless a part of it is being edited —
 * then the save's version check stops a stale overwrite and the page reloads instead.
 */

export interface CaseData {
  file: CaseFile;
  workflow: CaseWorkflow;
  events: ComplaintEvent[];
}

export interface CaseLookups {
  profiles: UserProfile[];
  departments: Department[];
  settings: Settings;
}

export type CaseMethod =
  | 'complaints.transition'
  | 'complaints.classify'
  | 'complaints.assign'
  | 'complaints.saveInvestigation'
  | 'complaints.saveOptions'
  | 'complaints.recordAgreement'
  | 'complaints.saveResponsibility'
  | 'complaints.setEscalation'
  | 'complaints.setDispute'
  | 'complaints.recordAcceptance'
  | 'complaints.recordVerification';
export type PartInput<M extends CaseMethod> = Omit<MethodInput<M>, 'id' | 'version'>;

/** The form a save came from: server issues land on its fields. */
export interface FormBinding {
  form: FormInstance;
  fieldFor?: (path: string) => (string | number)[] | null;
}

export interface CaseApi extends CaseData, CaseLookups {
  save<M extends CaseMethod>(method: M, input: PartInput<M>, binding?: FormBinding): Promise<boolean>;
  /** Shows a failed call the way `save` does (for calls outside the case methods). */
  fail(error: unknown, binding?: FormBinding): void;
  /** Loads the case again (after an attachment was added, which changes its version). */
  refresh(): Promise<void>;
  setEditing(key: string, editing: boolean): void;
}

const CaseContext = createContext<CaseApi | null>(null);
export const CaseProvider = CaseContext.Provider;

export function useCase(): CaseApi {
  const c = useContext(CaseContext);
  if (!c) throw new Error('useCase outside a case page');
  return c;
}

async function loadCase(id: number): Promise<CaseData> {
  const [file, workflow, events] = await Promise.all([
    call('complaints.file', { id }),
    call('complaints.workflow', { id }),
    call('complaints.events', { id }),
  ]);
  return { file, workflow, events };
}

/** Loads the case and what the page looks things up in; keeps it current. */
export function useCaseLoader(id: number) {
  const [data, setData] = useState<CaseData | null>(null);
  const [lookups, setLookups] = useState<CaseLookups | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const editing = useRef(new Set<string>());
  // Answers arrive out of order (a save's reload and the change event's): only the latest counts.
  const seq = useRef(0);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    return loadCase(id).then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setLoadError(null);
      },
      (e: unknown) => {
        if (mine === seq.current) setLoadError(e);
      },
    );
  }, [id]);

  const applyFile = useCallback(
    async (file: CaseFile) => {
      const mine = ++seq.current;
      const [workflow, events] = await Promise.all([call('complaints.workflow', { id }), call('complaints.events', { id })]);
      if (mine === seq.current) setData({ file, workflow, events });
    },
    [id],
  );

  useEffect(() => {
    void reload();
    Promise.all([call('session.profiles', {}), call('departments.list', {}), call('settings.get', {})]).then(
      ([profiles, departments, settings]) => setLookups({ profiles, departments, settings }),
      (e: unknown) => setLoadError(e),
    );
    return on('complaints.changed', ({ ids }) => {
      if (ids.includes(id) && editing.current.size === 0) void reload();
    });
  }, [id, reload]);

  const setEditing = useCallback((key: string, on: boolean) => {
    if (on) editing.current.add(key);
    else editing.current.delete(key);
  }, []);

  return { data, lookups, loadError, reload, applyFile, setEditing };
}

/** The context value: the loaded case with `save`. */
export function useCaseApi(loader: ReturnType<typeof useCaseLoader>): CaseApi | null {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const { data, lookups, reload, applyFile, setEditing } = loader;

  /** Shows a failed save: a conflict reloads, the rules' refusal is translated, issues go on fields. */
  const fail = useCallback(
    (raw: unknown, binding?: FormBinding) => {
      const e = toApiError(raw);
      const reasons = workflowReasons(e);
      if (e.code === 'CONFLICT') {
        notification.warning({
          key: 'case-conflict',
          title: t('case.conflictTitle'),
          description: (
            <>
              <div>{t('case.conflictBody')}</div>
              <ServerDetail text={e.message} />
            </>
          ),
          duration: 8,
        });
        void reload();
      } else if (reasons.length) {
        notification.error({
          key: API_ERROR_KEY,
          title: t('workflow.refused'),
          description: reasons.map((r, i) => <div key={i}>{reasonText(t, r)}</div>),
        });
        void reload();
      } else if (e.code === 'VALIDATION' && binding) {
        const rest = applyCaseIssues(binding.form, t, e, binding.fieldFor ?? samePath);
        if (rest.length) {
          notification.error({
            key: API_ERROR_KEY,
            title: t('error.VALIDATION'),
            description: rest.map((r, i) => <div key={i}>{caseIssueText(t, r)}</div>),
          });
        }
      } else {
        showError(e);
      }
    },
    [notification, reload, showError, t],
  );

  const save = useCallback(
    async <M extends CaseMethod>(method: M, input: PartInput<M>, binding?: FormBinding): Promise<boolean> => {
      if (!data) return false;
      const full = { ...input, id: data.file.id, version: data.file.version } as MethodInput<M>;
      try {
        const next = (await call(method, full)) as CaseFile;
        notification.destroy(API_ERROR_KEY);
        await applyFile(next);
        const action = 'action' in input ? String(input.action) : null;
        void message.success(action ? t('workflow.done', { action: t(`workflow.action.${action}`) }) : t('case.saved'));
        return true;
      } catch (raw) {
        fail(raw, binding);
        return false;
      }
    },
    [data, applyFile, fail, notification, message, t],
  );

  return useMemo(
    () => (data && lookups ? { ...data, ...lookups, save, fail, refresh: reload, setEditing } : null),
    [data, lookups, save, fail, reload, setEditing],
  );
}
