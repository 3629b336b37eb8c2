import { FileAddOutlined, TableOutlined, UserOutlined } from '@ant-design/icons';
import { Breadcrumb, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/types';
import { LanguageSwitch } from './language-switch';
import { navigate, paths, type Route } from './router';

const { Header, Sider, Content } = Layout;

/** The frame around every page: menu on the left, app name, current user and language on top. */
export function AppShell({ route, user, children }: { route: Route; user: User | null; children: ReactNode }) {
  const { t } = useTranslation();
  const selected = route.name === 'register' ? 'register' : 'complaints';
  const table = { title: <a href={paths.complaints}>{t('nav.complaints')}</a> };
  const crumbs =
    route.name === 'register'
      ? [table, { title: t('nav.register') }]
      : route.name === 'case'
        ? [table, { title: t('nav.case') }]
        : [{ title: t('nav.complaints') }];
  return (
    <Layout className="shell">
      <Sider width={212} className="shell-sider">
        <div className="shell-brand">
          <div className="shell-brand-name">{t('app.name')}</div>
          <div className="shell-brand-sub">{t('app.subtitle')}</div>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          onClick={(e) => navigate(e.key === 'register' ? paths.register : paths.complaints)}
          items={[
            { key: 'complaints', icon: <TableOutlined />, label: t('nav.complaints') },
            { key: 'register', icon: <FileAddOutlined />, label: t('nav.register') },
          ]}
        />
      </Sider>
      <Layout>
        <Header className="shell-header">
          <Breadcrumb items={crumbs} />
          <Space size="large">
            {user && (
              <Typography.Text type="secondary" data-testid="current-user">
                <UserOutlined />{' '}
                {t('header.user', { name: user.name, role: t(`enum.role.${user.role}`) })}
              </Typography.Text>
            )}
            <LanguageSwitch />
          </Space>
        </Header>
        <Content className="shell-content">{children}</Content>
      </Layout>
    </Layout>
  );
}
