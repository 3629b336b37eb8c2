import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../shared/types';
import { call } from '../api/client';
import { API_ERROR_KEY, useShowError } from '../common/api-errors';
import { departmentLabel } from './department-label';

/**
 * Departments (seed 002 §3, §5.3): what responsibility and, later, costs are assigned to. A department
 * is never deleted, since old cases name it; it is switched off instead and no longer offered.
 */
export function DepartmentsTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const { notification } = App.useApp();

  const load = useCallback(() => {
    call('departments.list', {}).then(setDepartments, showError);
  }, [showError]);
  useEffect(load, [load]);

  async function setActive(d: Department, active: boolean) {
    setBusy(d.id);
    try {
      await call('departments.save', { id: d.id, name: d.name, active });
      notification.destroy(API_ERROR_KEY);
      load();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {editable && (
        <Space style={{ marginBottom: 12 }}>
          <Button id="department-new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('settings.departments.new')}
          </Button>
          <Typography.Text type="secondary">{t('settings.departments.hint')}</Typography.Text>
        </Space>
      )}
      <Table<Department>
        data-testid="departments-table"
        rowKey="id"
        size="middle"
        loading={departments === null}
        dataSource={departments ?? []}
        pagination={false}
        columns={[
          { title: t('settings.departments.name'), key: 'name', render: (_, d) => departmentLabel(t, d) },
          {
            title: t('settings.users.status'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? <Tag color="green">{t('settings.active')}</Tag> : <Tag>{t('settings.inactive')}</Tag>,
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 220,
                  render: (_: unknown, d: Department) => (
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                        {t('settings.departments.rename')}
                      </Button>
                      <Button size="small" loading={busy === d.id} onClick={() => void setActive(d, !d.active)}>
                        {d.active ? t('settings.departments.deactivate') : t('settings.departments.activate')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <DepartmentModal
          department={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) load();
          }}
        />
      )}
    </>
  );
}

function DepartmentModal({ department, onClose }: { department: Department | null; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const { notification } = App.useApp();
  const shown = department ? departmentLabel(t, department) : '';

  async function save({ name }: { name: string }) {
    // An unchanged translated name stays the built-in one, translated in every language.
    if (department && name.trim() === shown) return onClose(false);
    setBusy(true);
    try {
      await call('departments.save', { ...(department ? { id: department.id, active: department.active } : {}), name });
      notification.destroy(API_ERROR_KEY);
      onClose(true);
    } catch (e) {
      showError(e, { instance: form, fieldFor: (p) => (p === 'name' ? 'name' : null) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={department ? t('settings.departments.renameTitle', { name: shown }) : t('settings.departments.newTitle')}
      okText={t('settings.save')}
      okButtonProps={{ id: 'department-save', loading: busy }}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} name="department" layout="vertical" initialValues={{ name: shown }} onFinish={(v) => void save(v)}>
        <Form.Item name="name" label={t('settings.departments.name')} rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
