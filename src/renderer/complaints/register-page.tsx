import { Button, Card, Form, Input, Space, Typography, App } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { API_ERROR_KEY, useShowError } from '../common/api-errors';
import { navigate, paths } from '../shell/router';
import { CustomerSelect } from './customer-select';
import { IntakeFields } from './intake-fields';
import { intakeFieldFor, toCreateInput, type IntakeValues } from './intake-values';

/**
 * Registering a complaint (seed 002 §5.1): the sales administration staff fill in the intake of the
 * customer feedback processing form; the server gives it a tracking number on the tracking table.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<IntakeValues>();
  const [saving, setSaving] = useState(false);
  const customer = Form.useWatch('customerId', form);

  async function submit(values: IntakeValues) {
    setSaving(true);
    try {
      const c = await call('complaints.create', toCreateInput(values));
      notification.destroy(API_ERROR_KEY);
      void message.success(t('register.registered', { trackingNo: c.trackingNo }), 4);
      navigate(paths.case(c.id));
    } catch (e) {
      showError(e, { instance: form, fieldFor: intakeFieldFor });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      className="page-card"
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('register.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('register.subtitle')}
          </Typography.Text>
        </Space>
      }
    >
      <Form<IntakeValues>
        name="register"
        form={form}
        layout="vertical"
        initialValues={{ receivedAt: dayjs(), channel: 'phone', severity: 'normal' }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
        requiredMark
      >
        <IntakeFields
          form={form}
          customerField={<CustomerSelect allowCreate />}
          regionField={
            typeof customer === 'string' ? (
              <Form.Item name="customerRegion" label={t('field.customerRegion')}>
                <Input maxLength={100} placeholder={t('register.regionPlaceholder')} />
              </Form.Item>
            ) : null
          }
        />
        <Space>
          <Button id="register-submit" type="primary" htmlType="submit" loading={saving}>
            {t('register.submit')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ receivedAt: dayjs() });
            }}
          >
            {t('register.reset')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
