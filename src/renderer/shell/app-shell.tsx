import { CloudUploadOutlined, SafetyOutlined, AccountBookOutlined, AlertOutlined, AuditOutlined, BarChartOutlined, MailOutlined, CalendarOutlined, PieChartOutlined, FileAddOutlined, FileProtectOutlined, SettingOutlined, TableOutlined, ToolOutlined } from '@ant-design/icons';
import { Breadcrumb, Layout, Menu, Space } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MailDropTarget } from '../mail-import/mail-drop-target';
import { NotificationBell } from '../notifications/notification-bell';
import { LanguageSwitch } from './language-switch';
import { ProfileSwitch } from './profile-switch';
import { navigate, paths, type Route } from './router';
import { useSession } from './session';
import { StorageWarning } from '../backup/storage-warning';

const { Header, Sider, Content } = Layout;

const MENU = {
  analysis: paths.analysis,
  complaints: paths.complaints,
  register: paths.register,
  review: paths.review,
  fieldCalendar: paths.fieldCalendar,
  parts: paths.parts,
  contracts: paths.contracts,
  vetting: paths.vetting,
  amortisation: paths.amortisation,
  capa: paths.capa,
  report: paths.report,
  import: paths.import,
  backup: paths.backup,
  settings: paths.settings,
} as const;
type MenuKey = keyof typeof MENU;

function menuKey(route: Route): MenuKey {
  return route.name in MENU ? (route.name as MenuKey) : 'complaints';
}

/** The frame around every page: menu on the left, app name, who is working and language on top. */
export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const { generation, user } = useSession();
  // The management review list is for those who review (and the administrator who keeps the rules).
  const reviewer = !!user && ['sales_manager', 'branch_manager', 'chairman', 'admin'].includes(user.role);
  const table = { title: <a href={paths.complaints}>{t('nav.complaints')}</a> };
  const crumbs =
    route.name === 'register'
      ? [table, { title: t('nav.register') }]
      : route.name === 'case'
        ? [table, { title: t('nav.case') }]
        : route.name === 'settings'
          ? [{ title: t('settings.nav') }]
          : route.name === 'review'
            ? [{ title: t('review.nav') }]
            : route.name === 'fieldCalendar'
              ? [{ title: t('visits.calendarNav') }]
              : route.name === 'parts'
                ? [{ title: t('parts.nav') }]
                : route.name === 'contracts'
                  ? [{ title: t('contracts.nav') }]
                  : route.name === 'vetting'
                    ? [{ title: t('costs.nav') }]
                    : route.name === 'amortisation'
                      ? [{ title: t('amortisation.nav') }]
                      : route.name === 'analysis' || route.name === 'capa' || route.name === 'report' || route.name === 'import' || route.name === 'backup'
                        ? [{ title: t(`${route.name === 'import' ? 'importer' : route.name}.nav`) }]
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
          selectedKeys={[menuKey(route)]}
          onClick={(e) => navigate(MENU[e.key as MenuKey] ?? paths.complaints)}
          items={[
            { key: 'analysis', icon: <BarChartOutlined />, label: t('analysis.nav') },
            { key: 'complaints', icon: <TableOutlined />, label: t('nav.complaints') },
            { key: 'register', icon: <FileAddOutlined />, label: t('nav.register') },
            ...(reviewer ? [{ key: 'review', icon: <AuditOutlined />, label: t('review.nav') }] : []),
            { key: 'fieldCalendar', icon: <CalendarOutlined />, label: t('visits.calendarNav') },
            { key: 'parts', icon: <ToolOutlined />, label: t('parts.nav') },
            { key: 'contracts', icon: <FileProtectOutlined />, label: t('contracts.nav') },
            { key: 'vetting', icon: <AccountBookOutlined />, label: t('costs.nav') },
            { key: 'amortisation', icon: <PieChartOutlined />, label: t('amortisation.nav') },
            { key: 'capa', icon: <AlertOutlined />, label: t('capa.nav') },
            { key: 'report', icon: <MailOutlined />, label: t('report.nav') },
            { key: 'import', icon: <CloudUploadOutlined />, label: t('importer.nav') },
            { key: 'backup', icon: <SafetyOutlined />, label: t('backup.nav') },
            { key: 'settings', icon: <SettingOutlined />, label: t('settings.nav') },
          ]}
        />
      </Sider>
      <Layout>
        <Header className="shell-header">
          <Breadcrumb items={crumbs} />
          <Space size="large">
            <NotificationBell />
            <ProfileSwitch />
            <LanguageSwitch />
          </Space>
        </Header>
        {/* Another person: the page starts again with their rights and their saved views. */}
        <Content className="shell-content">
          {route.name !== 'backup' && <StorageWarning style={{ marginBottom: 16 }} />}
          <Fragment key={generation}>{children}</Fragment>
        </Content>
        {/* Issue 8: an e-mail dropped anywhere on the window becomes a complaint draft. */}
        <MailDropTarget />
      </Layout>
    </Layout>
  );
}
