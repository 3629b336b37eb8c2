import { Button, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '../../shared/types';
import { CustomerSelect } from '../complaints/customer-select';
import { IntakeFields } from '../complaints/intake-fields';
import { diffPatch, fromDetail, type IntakeValues } from '../complaints/intake-values';
import type { FormInstance } from 'antd';

/**
 * Editing the intake of a case. Only changed fields are sent, with the version the person started
 * from; the customer is chosen among existing customers (creating one is part of registration).
 */
interface Props {
  c: ComplaintDetail;
  onSave(patch: ReturnType<typeof diffPatch>, form: FormInstance<IntakeValues>): Promise<void>;
  onCancel(): void;
}

export function CaseEditForm({ c, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntakeValues>();
  const [saving, setSaving] = useState(false);

  async function submit(values: IntakeValues) {
    setSaving(true);
    try {
      await onSave(diffPatch(c, values), form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form<IntakeValues>
      name="case"
      form={form}
      layout="vertical"
      initialValues={fromDetail(c)}
      onFinish={(v) => void submit(v)}
      scrollToFirstError
    >
      <IntakeFields form={form} customerField={<CustomerSelect initial={{ id: c.customerId, name: c.customerName, region: null }} />} />
      <Space>
        <Button id="case-save" type="primary" htmlType="submit" loading={saving}>
          {t('case.save')}
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
