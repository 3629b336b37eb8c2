import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, UserProfile } from '../../shared/types';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';
import { useSession } from '../shell/session';
import { departmentOf } from './department-label';
import { UserModal } from './user-modal';

/**
 * Profiles and their roles (seed 002 §3). The administrator sees every profile, inactive ones too,
 * and edits them; the others see who works here (the active profiles) and nothing to change.
 */
export function UsersTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const session = useSession();
  const [users, setUsers] = useState<UserProfile[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [editing, setEditing] = useState<UserProfile | 'new' | null>(null);

  const load = useCallback(() => {
    Promise.all([call(editable ? 'users.list' : 'session.profiles', {}), call('departments.list', {})]).then(([u, d]) => {
      setUsers(u);
      setDepartments(d);
    }, showError);
  }, [editable, showError]);
  useEffect(load, [load]);

  return (
    <>
      {editable && (
        <Space style={{ marginBottom: 12 }}>
          <Button id="user-new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('settings.users.new')}
          </Button>
          <Typography.Text type="secondary">{t('settings.users.hint')}</Typography.Text>
        </Space>
      )}
      <Table<UserProfile>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        loading={users === null}
        dataSource={users ?? []}
        pagination={false}
        onRow={(u) => ({ 'data-testid': `user-row-${u.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('settings.users.name'),
            dataIndex: 'name',
            render: (name: string, u) => (
              <Space>
                <span>{name}</span>
                {u.id === session.user?.id && <Tag color="blue">{t('profile.current')}</Tag>}
              </Space>
            ),
          },
          { title: t('settings.users.role'), dataIndex: 'role', render: (r: string) => t(`enum.role.${r}`) },
          {
            title: t('settings.users.department'),
            dataIndex: 'departmentId',
            render: (id: number | null) => departmentOf(t, departments, id) || t('settings.none'),
          },
          {
            title: t('settings.users.password'),
            dataIndex: 'hasPassword',
            render: (has: boolean) =>
              has ? (
                <Space size={4}>
                  <LockOutlined />
                  {t('settings.users.passwordSet')}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('settings.users.noPassword')}</Typography.Text>
              ),
          },
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
                  key: 'edit',
                  width: 100,
                  render: (_: unknown, u: UserProfile) => (
                    <Button size="small" icon={<EditOutlined />} data-testid={`user-edit-${u.id}`} onClick={() => setEditing(u)}>
                      {t('settings.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          self={editing !== 'new' && editing.id === session.user?.id}
          departments={departments}
          onClose={(saved) => {
            setEditing(null);
            if (!saved) return;
            load();
            if (saved.id === session.user?.id) session.refresh();
          }}
        />
      )}
    </>
  );
}
