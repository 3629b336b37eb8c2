import { LockOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSettings } from '../../shared/analysis';
import { call } from '../api/client';
import { issueText, toApiError, useShowError } from '../common/api-errors';

/**
 * The mail settings of the monthly report (issue 7): the SMTP server, the sender, the recipients and
 * the schedule. The password goes to the operating system's secret store; the field never shows it
 * back (only whether one is kept), and where no store exists it is disabled: send a draft instead.
 */

interface Values {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  from: string;
  recipients: string[];
  schedule: boolean;
}

const FIELDS = ['host', 'port', 'secure', 'user', 'password', 'from', 'recipients', 'schedule'] as const;

export function MailSettingsModal({ settings, onClose, onSaved }: { settings: MailSettings; onClose(): void; onSaved(s: MailSettings): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [removePassword, setRemovePassword] = useState(false);
  const storeUsable = settings.secretStore === 'os';

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const saved = await call('report.saveMailSettings', {
        host: v.host.trim(),
        port: v.port,
        secure: v.secure,
        user: v.user?.trim() || null,
        from: v.from.trim(),
        // Left empty: the stored password stays; removed on request.
        ...(removePassword ? { password: null } : v.password ? { password: v.password } : {}),
        recipients: v.recipients.map((r) => r.trim()).filter(Boolean),
        schedule: v.schedule,
      });
      onSaved(saved);
    } catch (raw) {
      const e = toApiError(raw);
      // "recipients.1" → the recipients field.
      const fieldOf = (path: string) => FIELDS.find((f) => path === f || path.startsWith(`${f}.`)) ?? null;
      const mine = e.code === 'VALIDATION' ? e.issues.filter((i) => fieldOf(i.path)) : [];
      if (mine.length) {
        form.setFields(
          mine.map((i) => ({ name: fieldOf(i.path)!, errors: [t(`report.mail.issue.${i.code}`, { defaultValue: issueText(t, i) })] })),
        );
      } else showError(e);
    } finally {
      setSaving(false);
    }
  };

  const passwordHint = storeUsable ? (
    <span data-testid="mail-password-store">
      <LockOutlined /> {settings.passwordSet && !removePassword ? t('report.mail.passwordKept') : t('report.mail.passwordStore')}
    </span>
  ) : (
    <Typography.Text type="warning" data-testid="mail-password-store">
      <WarningOutlined /> {t('report.mail.passwordUnavailable')}
    </Typography.Text>
  );

  return (
    <Modal
      open
      title={t('report.mail.settingsTitle')}
      okText={t('report.mail.save')}
      cancelText={t('report.mail.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        initialValues={{
          host: settings.host,
          port: settings.port,
          secure: settings.secure,
          user: settings.user ?? '',
          password: '',
          from: settings.from,
          recipients: settings.recipients,
          schedule: settings.schedule,
        }}
        data-testid="mail-settings-form"
      >
        <Form.Item label={t('report.mail.recipients')} name="recipients" extra={t('report.mail.recipientsHint')}>
          <Select mode="tags" tokenSeparators={[',', ';', ' ']} open={false} suffixIcon={null} data-testid="mail-recipients" />
        </Form.Item>
        <Form.Item label={t('report.mail.from')} name="from" rules={[{ required: true, type: 'email', message: t('report.mail.issue.email') }]}>
          <Input autoComplete="off" data-testid="mail-from" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item label={t('report.mail.host')} name="host" style={{ flex: 1 }}>
            <Input placeholder="smtp.example.com" autoComplete="off" data-testid="mail-host" />
          </Form.Item>
          <Form.Item label={t('report.mail.port')} name="port" rules={[{ required: true }]}>
            <InputNumber min={1} max={65535} style={{ width: 110 }} data-testid="mail-port" />
          </Form.Item>
        </div>
        <Form.Item label={t('report.mail.secure')} name="secure" valuePropName="checked" extra={t('report.mail.secureHint')}>
          <Switch data-testid="mail-secure" />
        </Form.Item>
        <Form.Item label={t('report.mail.user')} name="user">
          <Input autoComplete="off" data-testid="mail-user" />
        </Form.Item>
        <Form.Item label={t('report.mail.password')} name="password" extra={passwordHint}>
          <Input.Password
            autoComplete="new-password"
            disabled={!storeUsable || removePassword}
            placeholder={settings.passwordSet ? t('report.mail.passwordKeepPlaceholder') : undefined}
            data-testid="mail-password"
          />
        </Form.Item>
        {settings.passwordSet && (
          <Button type="link" size="small" style={{ padding: 0, marginTop: -12, marginBottom: 12 }} onClick={() => setRemovePassword((r) => !r)}>
            {removePassword ? t('report.mail.keepPassword') : t('report.mail.removePassword')}
          </Button>
        )}
        <Form.Item label={t('report.mail.schedule')} name="schedule" valuePropName="checked" extra={t('report.mail.scheduleHint')}>
          <Switch data-testid="mail-schedule" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
