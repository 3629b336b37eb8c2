import { App, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, ROLES, type Role } from '../../shared/domain';
import type { Department, UserProfile } from '../../shared/types';
import { call } from '../api/client';
import { API_ERROR_KEY, useShowError } from '../common/api-errors';
import { departmentLabel } from './department-label';

interface Values {
  name: string;
  role: Role;
  departmentId: number | null;
  active: boolean;
  passwordMode: 'keep' | 'set' | 'remove';
  password: string;
}

/** Server paths are the form's field names. */
const FIELDS = new Set(['name', 'role', 'departmentId', 'active', 'password']);
const fieldFor = (path: string) => (FIELDS.has(path) ? path : null);

/**
 * A profile, new or edited: name, role, department, an optional password (at least 6 characters,
 * kept as an scrypt hash in main) and whether it is still in use. Main checks everything again.
 */
export function UserModal({
  user,
  self,
  departments,
  onClose,
}: {
  user: UserProfile | null;
  /** The profile working now: it may not switch itself off. */
  self: boolean;
  departments: Department[];
  onClose(saved: UserProfile | null): void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { notification } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const mode = Form.useWatch('passwordMode', form) ?? (user ? 'keep' : 'set');

  async function save(v: Values) {
    setBusy(true);
    try {
      // A new profile has no "keep" choice on screen: a password typed is set, none is none.
      const passwordMode = user ? v.passwordMode : 'set';
      const password = passwordMode === 'set' ? (v.password ?? '') : null;
      const saved = user
        ? await call('users.update', {
            id: user.id,
            name: v.name,
            role: v.role,
            departmentId: v.departmentId ?? null,
            active: v.active,
            ...(passwordMode === 'keep' ? {} : { password }),
          })
        : await call('users.create', { name: v.name, role: v.role, departmentId: v.departmentId ?? null, password: password || null });
      notification.destroy(API_ERROR_KEY);
      onClose(saved);
    } catch (e) {
      showError(e, { instance: form, fieldFor });
    } finally {
      setBusy(false);
    }
  }

  const departmentOptions = departments
    .filter((d) => d.active || d.id === user?.departmentId)
    .map((d) => ({ value: d.id, label: departmentLabel(t, d) }));

  return (
    <Modal
      open
      title={user ? t('settings.users.editTitle', { name: user.name }) : t('settings.users.newTitle')}
      okText={t('settings.save')}
      okButtonProps={{ id: 'user-save', loading: busy }}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
      destroyOnHidden
      width={520}
    >
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          name: user?.name ?? '',
          role: user?.role ?? 'sales_admin',
          departmentId: user?.departmentId ?? null,
          active: user?.active ?? true,
          passwordMode: user ? 'keep' : 'set',
          password: '',
        }}
      >
        <Form.Item name="name" label={t('settings.users.name')} rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
          <Input maxLength={LIMITS.contactName} autoFocus />
        </Form.Item>
        <Form.Item name="role" label={t('settings.users.role')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`enum.role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('settings.users.department')}>
          <Select allowClear placeholder={t('settings.none')} options={departmentOptions} />
        </Form.Item>
        {user && (
          <Form.Item name="passwordMode" label={t('settings.users.password')}>
            <Radio.Group
              options={[
                { value: 'keep', label: t(user.hasPassword ? 'settings.users.keepPassword' : 'settings.users.keepNoPassword') },
                { value: 'set', label: t(user.hasPassword ? 'settings.users.changePassword' : 'settings.users.setPassword') },
                ...(user.hasPassword ? [{ value: 'remove', label: t('settings.users.removePassword') }] : []),
              ]}
            />
          </Form.Item>
        )}
        {mode === 'set' && (
          <Form.Item
            name="password"
            label={user ? t('settings.users.newPassword') : t('settings.users.passwordOptional')}
            extra={t(user ? 'settings.users.passwordHintEdit' : 'settings.users.passwordHint')}
          >
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        {user && (
          <Form.Item
            name="active"
            label={t('settings.users.status')}
            valuePropName="checked"
            extra={self ? t('settings.users.selfActive') : undefined}
          >
            <Switch disabled={self} checkedChildren={t('settings.active')} unCheckedChildren={t('settings.inactive')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
