import { Button, Card, Col, Form, Input, Row, Space, Typography, App } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { API_ERROR_KEY, toApiError, useShowError } from '../common/api-errors';
import { clearMailDraft, useMailDraft } from '../mail-import/draft-store';
import { draftIntake, mailDescription } from '../mail-import/draft-values';
import { ImportMailButton } from '../mail-import/import-mail-button';
import { MailPreview } from '../mail-import/mail-preview';
import { navigate, paths } from '../shell/router';
import { CustomerSelect } from './customer-select';
import { IntakeFields } from './intake-fields';
import { intakeFieldFor, toCreateInput, type IntakeValues } from './intake-values';

/**
 * Registering a complaint (seed 002 §5.1): the sales administration staff fill in the intake of the
 * customer feedback processing form; the server gives it a tracking number on the tracking table.
 * A complaint that came by e-mail can start from the message (issue 8): the form is filled in from
 * it, the message is shown beside it, and saving keeps the message and its files with the case.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<IntakeValues>();
  const [saving, setSaving] = useState(false);
  const customer = Form.useWatch('customerId', form);
  const draft = useMailDraft();
  const trimmed = useMemo(() => !!draft && mailDescription(draft.subject, draft.text).trimmed, [draft]);

  // A new e-mail starts the form again from what the message says.
  useEffect(() => {
    if (!draft) return;
    form.resetFields();
    form.setFieldsValue(draftIntake(draft).values);
  }, [draft, form]);

  async function submit(values: IntakeValues) {
    setSaving(true);
    try {
      const c = await call('complaints.create', { ...toCreateInput(values), ...(draft ? { mailToken: draft.token } : {}) });
      notification.destroy(API_ERROR_KEY);
      clearMailDraft();
      void message.success(t('register.registered', { trackingNo: c.trackingNo }), 4);
      navigate(paths.case(c.id));
    } catch (raw) {
      const e = toApiError(raw);
      if (e.issues.some((i) => i.path === 'mailToken')) {
        // The staged message is gone (registered already, or a week old): the form stays as typed.
        notification.error({ key: API_ERROR_KEY, title: t('mailImport.tokenGone.title'), description: t('mailImport.tokenGone.text') });
        clearMailDraft();
      } else showError(e, { instance: form, fieldFor: intakeFieldFor });
    } finally {
      setSaving(false);
    }
  }

  const card = (
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
      extra={<ImportMailButton />}
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
          // Keyed by the e-mail, so the matched customer's name shows before any search.
          customerField={<CustomerSelect key={draft?.token ?? 'none'} allowCreate initial={draft?.customer ?? undefined} />}
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
              clearMailDraft();
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

  // One tree with or without the e-mail, so that showing or removing it never mounts the form anew.
  return (
    <Row gutter={16} align="top">
      <Col xs={24} xl={draft ? 14 : 24}>
        {card}
      </Col>
      {draft && (
        <Col xs={24} xl={10} style={{ position: 'sticky', top: 16 }}>
          <MailPreview draft={draft} trimmed={trimmed} onRemove={clearMailDraft} />
        </Col>
      )}
    </Row>
  );
}
