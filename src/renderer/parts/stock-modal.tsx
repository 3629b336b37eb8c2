import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../shared/errors';
import type { Part } from '../../shared/service';
import { call } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { partsIssueText, stockRefusal, stockRefusalText } from './stock-refusal';

/**
 * A receipt into stock or an adjustment (a count, a loss). The override only appears when the move
 * would take the stock below zero, and then asks for the reason: main records the move as an
 * override and audits it.
 */

interface Values {
  kind: 'receipt' | 'adjustment';
  delta: number | null;
  note?: string;
  override?: boolean;
}

export function StockModal({ part, onClose, onMoved }: { part: Part; onClose(): void; onMoved(p: Part): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<FieldIssue | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'receipt';
  const delta = Form.useWatch('delta', form) ?? 0;
  const override = Form.useWatch('override', form) ?? false;
  const signed = kind === 'receipt' ? Math.abs(delta) : delta;
  const after = part.onHand + signed;
  const below = signed < 0 && after < 0;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const p = await call('stock.move', {
        partId: part.id,
        kind: v.kind,
        delta: v.kind === 'receipt' ? Math.abs(v.delta ?? 0) : (v.delta ?? 0),
        note: v.note ?? null,
        override: below && !!v.override,
      });
      void message.success(t('parts.move.done'));
      onMoved(p);
    } catch (raw) {
      const e = toApiError(raw);
      const r = stockRefusal(e);
      if (r) setRefusal(r);
      else if (e.code === 'VALIDATION' && e.issues.some((i) => i.path === 'note' || i.path === 'delta')) {
        form.setFields(e.issues.filter((i) => i.path === 'note' || i.path === 'delta').map((i) => ({ name: i.path as 'note' | 'delta', errors: [partsIssueText(t, i)] })));
      } else showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('parts.move.title', { partNo: part.partNo, name: part.name })}
      okText={t('case.savePart')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'stock-save', loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('parts.move.onHandNow', { onHand: part.onHand, unit: part.unit })}</Typography.Paragraph>
      <Form form={form} name="stock" layout="vertical" initialValues={{ kind: 'receipt', delta: null, note: '', override: false }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('parts.move.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'receipt', label: t('parts.kind.receipt') },
              { value: 'adjustment', label: t('parts.kind.adjustment') },
            ]}
            onChange={() => setRefusal(null)}
          />
        </Form.Item>
        <Form.Item
          name="delta"
          label={t('parts.move.quantity')}
          extra={kind === 'receipt' ? t('parts.move.quantityHintReceipt') : t('parts.move.quantityHintAdjustment')}
          rules={[
            { required: true, message: t('parts.form.required') },
            {
              validator: async (_, v: number | null) => {
                if (v === 0) throw new Error(t('parts.move.notZero'));
                if (kind === 'receipt' && v !== null && v < 1) throw new Error(t('parts.move.positive'));
              },
            },
          ]}
        >
          <InputNumber id="stock-delta" precision={0} min={kind === 'receipt' ? 1 : -1_000_000} max={1_000_000} style={{ width: 160 }} suffix={part.unit} onChange={() => setRefusal(null)} />
        </Form.Item>
        <Typography.Paragraph type={below ? 'danger' : 'secondary'} data-testid="stock-after">
          {t('parts.move.onHandAfter', { onHand: after, unit: part.unit })}
        </Typography.Paragraph>
        {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('parts.refusedTitle')} description={stockRefusalText(t, refusal)} data-testid="stock-refusal" />}
        {below && (
          <>
            {!refusal && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('parts.move.belowZero')} />}
            <Form.Item name="override" valuePropName="checked">
              <Checkbox id="stock-override">{t('parts.move.override')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={below && override ? t('parts.move.noteAdjustment') : t('parts.move.note')}
          rules={[{ required: kind === 'adjustment' || (below && override), whitespace: true, message: t('parts.move.reasonRequired') }]}
        >
          <Input.TextArea id="stock-note" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={kind === 'receipt' ? t('parts.move.noteReceipt') : t('parts.move.noteAdjustment')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
