import { App, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Part } from '../../shared/service';
import { call } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { hundredthsRule, hundredthsText, yuanToFen } from '../case/amounts';
import { partsIssueText } from './stock-refusal';

/** Creates or edits a catalogue entry. The quantity on hand is not here: it moves only through the ledger. */

interface Values {
  partNo: string;
  name: string;
  unit: string;
  unitCost: string;
  reorderLevel: number;
  active: boolean;
}

export function PartModal({ part, onClose, onSaved }: { part: Part | 'new'; onClose(): void; onSaved(p: Part): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const existing = part === 'new' ? null : part;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const saved = await call('parts.save', {
        partId: existing?.id ?? null,
        version: existing?.version ?? null,
        partNo: v.partNo,
        name: v.name,
        unit: v.unit,
        unitCost: yuanToFen(v.unitCost) ?? 0,
        reorderLevel: v.reorderLevel ?? 0,
        active: v.active,
      });
      void message.success(t('parts.form.saved'));
      onSaved(saved);
    } catch (raw) {
      const e = toApiError(raw);
      const fields = ['partNo', 'name', 'unit', 'unitCost', 'reorderLevel'];
      const mine = e.code === 'VALIDATION' ? e.issues.filter((i) => fields.includes(i.path)) : [];
      if (mine.length) form.setFields(mine.map((i) => ({ name: i.path as keyof Values, errors: [partsIssueText(t, i)] })));
      else showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={existing ? t('parts.form.editTitle', { partNo: existing.partNo }) : t('parts.form.newTitle')}
      okText={t('case.savePart')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'part-save', loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="part"
        layout="vertical"
        initialValues={{
          partNo: existing?.partNo ?? '',
          name: existing?.name ?? '',
          unit: existing?.unit ?? '个',
          unitCost: existing ? hundredthsText(existing.unitCost) : '',
          reorderLevel: existing?.reorderLevel ?? 0,
          active: existing?.active ?? true,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="partNo" label={t('parts.form.partNo')} extra={t('parts.form.partNoHint')} rules={[{ required: true, whitespace: true, message: t('parts.form.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="name" label={t('parts.form.name')} extra={t('parts.form.nameHint')} rules={[{ required: true, whitespace: true, message: t('parts.form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unit" label={t('parts.form.unit')} rules={[{ required: true, whitespace: true, message: t('parts.form.required') }]}>
          <Input maxLength={20} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="unitCost" label={t('parts.form.unitCost')} rules={[{ required: true, message: t('parts.form.required') }, hundredthsRule(t('parts.form.amount'))]}>
          <Input style={{ width: 180 }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="reorderLevel" label={t('parts.form.reorderLevel')} extra={t('parts.form.reorderHint')}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="active" label={t('parts.form.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
