import { App as AntApp, ConfigProvider, Result, Button } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { CasePage } from './complaints/case-page';
import { RegisterPage } from './complaints/register-page';
import { SettingsPage } from './settings/settings-page';
import { TrackingTablePage } from './complaints/tracking-table-page';
import { currentLanguage } from './i18n';
import { AppShell } from './shell/app-shell';
import { navigate, paths, useRoute, type Route } from './shell/router';
import { SessionProvider } from './shell/session';
import { theme } from './shell/theme';
import { WelcomeModal } from './shell/welcome-modal';
import { PrintRoot } from './print/print-root';
import { ReviewPage } from './notifications/review-page';
import { PartsPage } from './parts/parts-page';
import { ContractsPage } from './contracts/contracts-page';
import { FieldCalendarPage } from './visits/field-calendar-page';
import { VisitReportRoot } from './visits/visit-report-root';
import { VettingPage } from './costs/vetting-page';
import { AmortisationPage } from './costs/amortisation-page';
import { AnalysisPage } from './analysis/analysis-page';
import { CapaPage } from './capa/capa-page';
import { ReportPage } from './report/report-page';
import { MonthlyReportRoot } from './report/report-root';
import { ImportPage } from './importer/import-page';
import { BackupPage } from './backup/backup-page';

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
    case 'settings':
      return <SettingsPage />;
    case 'review':
      return <ReviewPage />;
    case 'parts':
      return <PartsPage />;
    case 'contracts':
      return <ContractsPage />;
    case 'fieldCalendar':
      return <FieldCalendarPage />;
    case 'vetting':
      return <VettingPage />;
    case 'amortisation':
      return <AmortisationPage />;
    case 'analysis':
      return <AnalysisPage />;
    case 'capa':
      return <CapaPage />;
    case 'report':
      return <ReportPage />;
    case 'import':
      return <ImportPage />;
    case 'backup':
      return <BackupPage />;
    case 'feedbackForm':
    case 'visitReport':
    case 'monthlyReport':
      return null;
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
  // The printable form stands alone, as on paper: no menu, header or welcome dialog (print/).
  if (route.name === 'feedbackForm') return <PrintRoot route={route} />;
  if (route.name === 'visitReport') return <VisitReportRoot route={route} />;
  if (route.name === 'monthlyReport') return <MonthlyReportRoot route={route} />;

  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="app-root">
        <SessionProvider>
          <AppShell route={route}>
            <Page route={route} />
          </AppShell>
        </SessionProvider>
        <WelcomeModal />
      </AntApp>
    </ConfigProvider>
  );
}
