import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Typography, App } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RMA_DISPOSITIONS, type Rma, type RmaAction, type RmaDisposition } from '../../shared/service';
import { call } from '../api/client';
import { hundredthsRule, yuanToFen } from '../case/amounts';
import { useCase } from '../case/case-context';
import { withRmaWords } from './rma-reasons';

/**
 * The form of one step of a return, in a modal: what the step needs (a reason to reject, carrier
 * and waybill, the inspection's result and disposition, the refund in yuan) and nothing else.
 * `request` asks for a new return. Main checks everything again; its refusals land on the fields.
 */

export type RmaModalAction = RmaAction | 'request';

interface Values {
  quantity?: number;
  serialNo?: string;
  reason?: string;
  note?: string;
  carrier?: string;
  waybillNo?: string;
  at?: Dayjs | null;
  inspectionResult?: string;
  disposition?: RmaDisposition;
  refundAmount?: string;
}

const FIELDS = new Set(['quantity', 'serialNo', 'reason', 'note', 'carrier', 'waybillNo', 'at', 'inspectionResult', 'disposition', 'refundAmount']);
const MAX_REFUND_FEN = 10_000_000_000;

export function RmaStepModal({ action, rma, onClose }: { action: RmaModalAction; rma: Rma | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { file, fail, refresh } = useCase();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const required = { required: true, whitespace: true, message: t('returns.required') };
  const label = t(`returns.action.${action}`);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const ref = { id: file.id, version: file.version };
      if (action === 'request' || !rma) {
        await call('rma.request', { ...ref, quantity: v.quantity ?? 1, serialNo: v.serialNo ?? null, reason: v.reason ?? '' });
      } else {
        await call('rma.step', {
          ...ref,
          rmaId: rma.id,
          rmaVersion: rma.version,
          action,
          note: v.note ?? null,
          carrier: v.carrier ?? null,
          waybillNo: v.waybillNo ?? null,
          at: (action === 'ship' || action === 'receive') && v.at ? v.at.toISOString() : null,
          inspectionResult: v.inspectionResult ?? null,
          disposition: v.disposition ?? null,
          refundAmount: v.refundAmount ? yuanToFen(v.refundAmount) : null,
        });
      }
      void message.success(t('returns.done', { action: label }));
      onClose();
      await refresh();
    } catch (e) {
      fail(withRmaWords(t, e), { form, fieldFor: (p) => (FIELDS.has(p) ? [p] : null) });
    } finally {
      setSaving(false);
    }
  };

  const when = (
    <Form.Item name="at" label={t('returns.field.at')}>
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={rma ? `${label} · ${rma.rmaNo ?? `#${rma.id}`}` : label}
      okText={label}
      okButtonProps={{ id: 'rma-confirm', loading: saving, danger: action === 'reject' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="rma-step"
        initialValues={{ quantity: 1, serialNo: file.serialNo ?? '', at: dayjs() }}
        onFinish={(v) => void submit(v)}
      >
        {action === 'request' && (
          <>
            <Form.Item name="quantity" label={t('returns.field.quantity')} rules={[{ required: true, message: t('returns.required') }]}>
              <InputNumber min={1} max={100_000} precision={0} />
            </Form.Item>
            <Form.Item name="serialNo" label={t('returns.field.serialNo')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="reason" label={t('returns.field.reason')} rules={[required]}>
              <Input.TextArea id="rma-reason" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'approve' && (
          <>
            <Typography.Paragraph type="secondary">{t('returns.hint.approve')}</Typography.Paragraph>
            <Form.Item name="note" label={t('returns.field.decisionNote')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {action === 'reject' && (
          <Form.Item name="note" label={t('returns.field.rejectNote')} rules={[required]}>
            <Input.TextArea id="rma-note" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'ship' && (
          <>
            <Form.Item name="carrier" label={t('returns.field.carrier')} rules={[required]}>
              <Input id="rma-carrier" maxLength={100} />
            </Form.Item>
            <Form.Item name="waybillNo" label={t('returns.field.waybillNo')} rules={[required]}>
              <Input id="rma-waybill" maxLength={100} />
            </Form.Item>
            {when}
          </>
        )}
        {action === 'receive' && when}
        {action === 'inspect' && (
          <>
            <Form.Item name="inspectionResult" label={t('returns.field.inspectionResult')} rules={[required]}>
              <Input.TextArea id="rma-inspection" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="disposition" label={t('returns.field.disposition')} rules={[{ required: true, message: t('returns.required') }]}>
              <Select
                id="rma-disposition"
                style={{ width: 220 }}
                options={RMA_DISPOSITIONS.map((d) => ({ value: d, label: t(`returns.enum.disposition.${d}`) }))}
              />
            </Form.Item>
          </>
        )}
        {action === 'close' && rma && (
          <>
            <Alert type="info" showIcon title={t('returns.hint.close')} style={{ marginBottom: 16 }} />
            <Typography.Paragraph>
              {t('returns.field.disposition')}: {rma.disposition ? t(`returns.enum.disposition.${rma.disposition}`) : '—'}
            </Typography.Paragraph>
            {rma.disposition === 'refund' && (
              <Form.Item
                name="refundAmount"
                label={t('returns.field.refundAmount')}
                extra={t('returns.hint.refundAmount')}
                rules={[hundredthsRule(t('returns.invalidAmount'), { required: true, min: 1, max: MAX_REFUND_FEN })]}
              >
                <Input id="rma-refund" inputMode="decimal" prefix="¥" style={{ width: 220 }} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('returns.field.closeNote')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
