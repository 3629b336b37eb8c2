import { CheckOutlined, LockOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, UserProfile } from '../../shared/types';
import { call } from '../api/client';
import { API_ERROR_KEY, issueText, toApiError, useShowError } from '../common/api-errors';
import { departmentOf } from '../settings/department-label';
import { useSession } from './session';
import './shell.css';

/**
 * "Choose who is working" (issue 3): the office PC is shared, each person has a local profile, some
 * with a password. The header shows who is working now; a click lists the profiles to switch to.
 */
export function ProfileSwitch() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const showError = useShowError();
  const { user, switched } = useSession();
  const [open, setOpen] = useState(false);
  const [profiles, setProfiles] = useState<UserProfile[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [asking, setAsking] = useState<UserProfile | null>(null);
  const [password, setPassword] = useState('');
  const [wrong, setWrong] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function show() {
    setOpen(true);
    setAsking(null);
    setProfiles(null);
    Promise.all([call('session.profiles', {}), call('departments.list', {})]).then(([p, d]) => {
      setProfiles(p);
      setDepartments(d);
    }, showError);
  }

  async function switchTo(p: UserProfile, pw: string | null) {
    setBusy(true);
    try {
      const u = await call('session.switch', { userId: p.id, ...(pw !== null ? { password: pw } : {}) });
      setOpen(false);
      notification.destroy(API_ERROR_KEY);
      switched(u);
      void message.success(t('profile.switched', { name: u.name }));
    } catch (raw) {
      const e = toApiError(raw);
      const issue = e.issues.find((i) => i.path === 'password');
      if (issue) setWrong(issueText(t, issue));
      else showError(e);
    } finally {
      setBusy(false);
    }
  }

  function choose(p: UserProfile) {
    if (user && p.id === user.id) return setOpen(false);
    if (!p.hasPassword) return void switchTo(p, null);
    setAsking(p);
    setPassword('');
    setWrong(null);
  }

  const role = (r: string) => t(`enum.role.${r}`);
  const list = (
    <Spin spinning={profiles === null || busy}>
      <Typography.Paragraph type="secondary">{t('profile.hint')}</Typography.Paragraph>
      <div className="profile-list">
        {(profiles ?? []).map((p) => {
          const current = user?.id === p.id;
          return (
            <div
              key={p.id}
              role="button"
              tabIndex={0}
              data-testid={`profile-${p.id}`}
              className={`profile-item${current ? ' profile-item-current' : ''}`}
              onClick={() => choose(p)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && choose(p)}
            >
              <Avatar style={{ background: current ? '#1f5fa8' : '#8fa3b8' }}>{p.name.slice(0, 1)}</Avatar>
              <div className="profile-item-text">
                <div className="profile-item-name">
                  {p.name} {p.hasPassword && <LockOutlined title={t('profile.hasPassword')} style={{ color: '#8c8c8c' }} />}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[role(p.role), departmentOf(t, departments, p.departmentId)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
              {current && (
                <Tag color="blue" icon={<CheckOutlined />}>
                  {t('profile.current')}
                </Tag>
              )}
            </div>
          );
        })}
      </div>
    </Spin>
  );

  const ask = asking && (
    <Form layout="vertical" onFinish={() => void switchTo(asking, password)}>
      <Typography.Paragraph>{t('profile.passwordFor', { name: asking.name, role: role(asking.role) })}</Typography.Paragraph>
      <Form.Item label={t('profile.password')} validateStatus={wrong ? 'error' : undefined} help={wrong ?? undefined}>
        <Input.Password
          id="profile-password"
          autoFocus
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setWrong(null);
          }}
        />
      </Form.Item>
      <Space>
        <Button id="profile-password-ok" type="primary" htmlType="submit" loading={busy}>
          {t('profile.switchTo')}
        </Button>
        <Button onClick={() => setAsking(null)}>{t('profile.back')}</Button>
      </Space>
    </Form>
  );

  return (
    <>
      <Button id="profile-switch" type="text" onClick={show} className="profile-trigger">
        <UserOutlined />
        <span data-testid="current-user">
          {user ? t('header.user', { name: user.name, role: role(user.role) }) : t('profile.nobody')}
        </span>
        <SwapOutlined style={{ color: '#8c8c8c' }} />
      </Button>
      <Modal
        open={open}
        title={t('profile.title')}
        footer={null}
        width={520}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {ask || list}
      </Modal>
    </>
  );
}
