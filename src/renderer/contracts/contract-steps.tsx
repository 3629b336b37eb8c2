import { App, Button, DatePicker, Form, Input, Modal, Space, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contractStepsFrom } from '../../shared/contract-steps';
import type { ContractAction, ContractState, ServiceContract } from '../../shared/service';
import { call } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { DATE_FORMAT } from '../common/format';
import { reasonText, workflowReasons } from '../case/reasons';
import { useSession } from '../shell/session';

/**
 * A contract's state and its next steps (shared/contract-steps.ts: the same table main checks).
 * Each step is confirmed in a small form asking what it needs: the customer's signatory and the
 * date to sign, the invoice number to invoice, a note otherwise. Refusals come back translated.
 */

const STATE_COLORS: Record<ContractState, string> = {
  quotation: 'blue',
  sent: 'geekblue',
  signed: 'green',
  invoiced: 'cyan',
  cancelled: 'default',
};

export function ContractStateTag({ state }: { state: ContractState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="contract-state" style={{ marginInlineEnd: 0 }}>
      {t(`contracts.state.${state}`)}
    </Tag>
  );
}

interface StepValues {
  signedBy?: string;
  signedOn?: Dayjs | null;
  invoiceNo?: string;
  note?: string;
}

function StepModal({ contract, action, onClose, onDone }: { contract: ServiceContract; action: ContractAction; onClose(): void; onDone(c: ServiceContract): void }) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<StepValues>();
  const [busy, setBusy] = useState(false);

  async function submit(v: StepValues) {
    setBusy(true);
    try {
      const next = await call('contracts.step', {
        contractId: contract.id,
        version: contract.version,
        action,
        signedBy: v.signedBy?.trim() || null,
        signedOn: v.signedOn ? v.signedOn.format(DATE_FORMAT) : null,
        invoiceNo: v.invoiceNo?.trim() || null,
        note: v.note?.trim() || null,
      });
      void message.success(t('contracts.stepDone', { no: contract.contractNo, action: t(`contracts.action.${action}`) }));
      onDone(next);
    } catch (raw) {
      const e = toApiError(raw);
      const reasons = workflowReasons(e);
      if (reasons.length) {
        notification.error({ key: 'contract-step', title: t('contracts.refused'), description: reasons.map((r, i) => <div key={i}>{reasonText(t, r)}</div>) });
      } else if (e.code === 'CONFLICT') {
        notification.warning({ key: 'contract-step', title: t('contracts.conflict') });
        onDone(contract);
      } else showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${t(`contracts.action.${action}`)} · ${contract.contractNo}`}
      okText={t(`contracts.action.${action}`)}
      okButtonProps={{ id: 'contract-step-ok', loading: busy, danger: action === 'cancel' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="contract-step" onFinish={submit} initialValues={{ signedOn: dayjs() }}>
        {action === 'sign' && (
          <>
            <Form.Item name="signedBy" label={t('contracts.field.signedBy')} rules={[{ required: true, whitespace: true, message: t('contracts.required') }]}>
              <Input maxLength={100} id="contract-signedBy" />
            </Form.Item>
            <Form.Item name="signedOn" label={t('contracts.field.signedOn')} rules={[{ required: true, message: t('contracts.required') }]}>
              <DatePicker id="contract-signedOn" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </>
        )}
        {action === 'invoice' && (
          <Form.Item name="invoiceNo" label={t('contracts.field.invoiceNo')} rules={[{ required: true, whitespace: true, message: t('contracts.required') }]}>
            <Input maxLength={60} id="contract-invoiceNo" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('contracts.field.note')} extra={t('contracts.noteHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The steps a contract can take from its state; those this person may not take are shown disabled, saying who may. */
export function ContractStepButtons({ contract, onDone }: { contract: ServiceContract; onDone(c: ServiceContract): void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [action, setAction] = useState<ContractAction | null>(null);
  const steps = contractStepsFrom(contract.state, user?.role ?? null);
  if (!steps.length) return null;
  const roles = (list: readonly string[]) => list.map((r) => t(`enum.role.${r}`, { defaultValue: r })).join(t('workflow.roleJoin'));
  return (
    <>
      <Space size={4} wrap>
        {steps.map((s) => {
          const button = (
            <Button
              key={s.action}
              size="small"
              type={s.action === 'sign' && s.allowed ? 'primary' : 'default'}
              danger={s.action === 'cancel'}
              disabled={!s.allowed}
              data-testid={`contract-${s.action}-${contract.id}`}
              onClick={() => setAction(s.action)}
            >
              {t(`contracts.action.${s.action}`)}
            </Button>
          );
          return s.allowed ? (
            button
          ) : (
            <Tooltip key={s.action} title={t('contracts.onlyRoles', { roles: roles(s.roles) })}>
              <span>{button}</span>
            </Tooltip>
          );
        })}
      </Space>
      {action && (
        <StepModal
          contract={contract}
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

/** "SN1, SN2 · SA-37A" */
export function unitsText(c: Pick<ServiceContract, 'serials' | 'models'>): string {
  return [c.serials.join(', '), c.models.join(', ')].filter(Boolean).join(' · ');
}
