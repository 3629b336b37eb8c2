import { App as AntApp, ConfigProvider, Result, Button } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../shared/types';
import { call } from './api/client';
import { CasePage } from './complaints/case-page';
import { RegisterPage } from './complaints/register-page';
import { TrackingTablePage } from './complaints/tracking-table-page';
import { currentLanguage } from './i18n';
import { AppShell } from './shell/app-shell';
import { navigate, paths, useRoute, type Route } from './shell/router';
import { theme } from './shell/theme';
import { WelcomeModal } from './shell/welcome-modal';

function Page({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.name) {
    case 'complaints':
      return <TrackingTablePage />;
    case 'register':
      return <RegisterPage />;
    case 'case':
      // Keyed by id so that moving from one case to another starts from a clean page.
      return <CasePage key={route.id} id={route.id} />;
    case 'notFound':
      return (
        <Result
          status="404"
          title={t('common.notFoundPage')}
          extra={<Button onClick={() => navigate(paths.complaints)}>{t('common.goHome')}</Button>}
        />
      );
  }
}

export function App() {
  // Re-rendered on a language change, which swaps Ant Design's locale too.
  useTranslation();
  const lang = currentLanguage();
  const route = useRoute();
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    call('session.current', {}).then(setUser, () => setUser(null));
  }, []);

  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="app-root">
        <AppShell route={route} user={user}>
          <Page route={route} />
        </AppShell>
        <WelcomeModal />
      </AntApp>
    </ConfigProvider>
  );
}
