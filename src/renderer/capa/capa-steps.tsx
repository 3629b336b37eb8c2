import { App, Button, DatePicker, Form, Input, Modal, Radio, Space, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPA_EFFECTIVENESS, type Capa, type CapaEffectiveness, type CapaState } from '../../shared/analysis';
import type { Role } from '../../shared/domain';
import type { FieldIssue } from '../../shared/errors';
import { call } from '../api/client';
import { issueText, toApiError, useShowError } from '../common/api-errors';
import { DATE_FORMAT } from '../common/format';
import { reasonText, workflowReasons } from '../case/reasons';
import { useSession } from '../shell/session';

/**
 * A CAPA's state and its next steps. The table mirrors main/rules/capa-steps.ts (which main checks
 * again on every call): where each step leaves from and who may take it. Closing asks for the
 * effectiveness check (result, date, how it was checked); cancelling asks for the reason.
 */

export type CapaStepAction = 'start' | 'to_check' | 'close' | 'cancel' | 'reopen';

/** Who edits CAPAs (the contract's CAPA_EDITORS). */
export const CAPA_EDITOR_ROLES: readonly Role[] = [
  'production_technology',
  'production_after_sales',
  'technical_support',
  'sales_admin',
  'sales_manager',
  'branch_manager',
  'admin',
];
const MANAGEMENT: readonly Role[] = ['sales_manager', 'branch_manager', 'admin'];

const STEPS: Array<{ action: CapaStepAction; from: readonly CapaState[]; roles: readonly Role[] }> = [
  { action: 'start', from: ['open'], roles: CAPA_EDITOR_ROLES },
  { action: 'to_check', from: ['in_progress'], roles: CAPA_EDITOR_ROLES },
  { action: 'close', from: ['effectiveness_check'], roles: MANAGEMENT },
  { action: 'reopen', from: ['closed', 'cancelled'], roles: MANAGEMENT },
  { action: 'cancel', from: ['open', 'in_progress', 'effectiveness_check'], roles: MANAGEMENT },
];

export const ACTIVE_STATES: readonly CapaState[] = ['open', 'in_progress', 'effectiveness_check'];

const STATE_COLORS: Record<CapaState, string> = {
  open: 'blue',
  in_progress: 'gold',
  effectiveness_check: 'purple',
  closed: 'green',
  cancelled: 'default',
};

export function CapaStateTag({ capa }: { capa: Pick<Capa, 'state' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATE_COLORS[capa.state]} data-testid="capa-state" style={{ marginInlineEnd: 0 }}>
        {t(`capa.state.${capa.state}`)}
      </Tag>
      {capa.overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('capa.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** A refusal reason: the CAPA's own words first, then the shared ones. */
export function capaReasonText(t: TFunction, r: Pick<FieldIssue, 'code' | 'params' | 'message'>): string {
  const params: Record<string, string | number> = { ...r.params };
  if (typeof params.capaState === 'string') params.capaState = t(`capa.state.${params.capaState}`, { defaultValue: params.capaState });
  if (typeof params.roles === 'string') {
    params.roles = params.roles
      .split(',')
      .map((x) => t(`enum.role.${x}`, { defaultValue: x }))
      .join(t('workflow.roleJoin'));
  }
  return t(`capa.reason.${r.code}`, { ...params, defaultValue: reasonText(t, r) });
}

/** Shows a failed CAPA call: translated refusal reasons, a conflict (then reloads), or the general display. */
export function useCapaError() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const showError = useShowError();
  return useCallback(
    (raw: unknown, reload?: () => void) => {
    const e = toApiError(raw);
    const reasons = workflowReasons(e);
    if (reasons.length) {
      notification.error({ key: 'capa-refused', title: t('capa.refused'), description: reasons.map((r, i) => <div key={i}>{capaReasonText(t, r)}</div>) });
    } else if (e.code === 'CONFLICT') {
      notification.warning({ key: 'capa-refused', title: t('capa.conflict') });
      reload?.();
    } else if (e.code === 'VALIDATION' && e.issues.length) {
      // The checks main makes against the store (a case or a profile that does not exist).
      notification.error({
        key: 'capa-refused',
        title: t('capa.invalid'),
        description: e.issues.map((i, k) => <div key={k}>{t(`capa.issue.${i.code}`, { ...i.params, defaultValue: issueText(t, i) })}</div>),
      });
    } else showError(e);
    },
    [t, notification, showError],
  );
}

interface StepValues {
  effectiveness?: CapaEffectiveness;
  checkedOn?: Dayjs | null;
  note?: string;
}

function StepModal({ capa, action, onClose, onDone }: { capa: Capa; action: CapaStepAction; onClose(): void; onDone(c: Capa): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useCapaError();
  const [form] = Form.useForm<StepValues>();
  const [busy, setBusy] = useState(false);

  async function submit(v: StepValues) {
    setBusy(true);
    try {
      const next = await call('capa.step', {
        capaId: capa.id,
        version: capa.version,
        action,
        effectiveness: v.effectiveness ?? null,
        checkedOn: v.checkedOn ? v.checkedOn.format(DATE_FORMAT) : null,
        note: v.note?.trim() || null,
      });
      void message.success(t('capa.stepDone', { no: capa.capaNo, action: t(`capa.action.${action}`) }));
      onDone(next);
    } catch (e) {
      fail(e, () => onDone(capa));
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, message: t('capa.required') };
  return (
    <Modal
      open
      title={`${t(`capa.action.${action}`)} · ${capa.capaNo}`}
      okText={t(`capa.action.${action}`)}
      okButtonProps={{ id: 'capa-step-ok', loading: busy, danger: action === 'cancel' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="capa-step" onFinish={submit} initialValues={{ checkedOn: dayjs() }}>
        {action === 'close' && (
          <>
            <Form.Item name="effectiveness" label={t('capa.field.effectiveness')} rules={[required]} extra={t('capa.effectivenessHint')}>
              <Radio.Group id="capa-effectiveness" optionType="button" options={CAPA_EFFECTIVENESS.map((x) => ({ value: x, label: t(`capa.effectiveness.${x}`) }))} />
            </Form.Item>
            <Form.Item name="checkedOn" label={t('capa.field.checkedOn')} rules={[required]}>
              <DatePicker id="capa-checkedOn" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </>
        )}
        <Form.Item
            name="note"
            label={t(action === 'close' ? 'capa.field.checkNote' : action === 'cancel' ? 'capa.field.cancelReason' : 'capa.field.stepNote')}
            rules={action === 'close' || action === 'cancel' ? [{ ...required, whitespace: true }] : []}
          >
            <Input.TextArea id="capa-step-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
      </Form>
    </Modal>
  );
}

/** The steps a CAPA can take from its state; those this person may not take are disabled, saying who may. */
export function CapaStepButtons({ capa, disabled, onDone }: { capa: Capa; disabled?: string | null; onDone(c: Capa): void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [action, setAction] = useState<CapaStepAction | null>(null);
  const steps = STEPS.filter((s) => s.from.includes(capa.state));
  if (!steps.length) return null;
  const roles = (list: readonly string[]) => list.map((r) => t(`enum.role.${r}`, { defaultValue: r })).join(t('workflow.roleJoin'));
  return (
    <>
      <Space size={4} wrap>
        {steps.map((s) => {
          const allowed = !!user && s.roles.includes(user.role);
          const why = !allowed ? t('capa.onlyRoles', { roles: roles(s.roles) }) : disabled;
          const button = (
            <Button
              key={s.action}
              size="small"
              type={s.action !== 'cancel' && s.action !== 'reopen' && allowed ? 'primary' : 'default'}
              danger={s.action === 'cancel'}
              disabled={!!why}
              data-testid={`capa-step-${s.action}`}
              onClick={() => setAction(s.action)}
            >
              {t(`capa.action.${s.action}`)}
            </Button>
          );
          return why ? (
            <Tooltip key={s.action} title={why}>
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Space>
      {action && (
        <StepModal
          capa={capa}
          action={action}
          onClose={() => setAction(null)}
          onDone={(c) => {
            setAction(null);
            onDone(c);
          }}
        />
      )}
    </>
  );
}
