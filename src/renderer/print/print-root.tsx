import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { currentLanguage } from '../i18n';
import { theme } from '../shell/theme';
import { FeedbackFormPage } from './feedback-form-page';
import type { FeedbackFormRoute } from './route';

/** The print routes' root: Ant Design's context for the toolbar, and nothing of the app's frame. */
export function PrintRoot({ route }: { route: FeedbackFormRoute }) {
  return (
    <ConfigProvider locale={currentLanguage() === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="ff-app">
        {/* Keyed: another case or language is a fresh page (and a fresh "ready"). */}
        <FeedbackFormPage key={`${route.id}-${route.lang ?? ''}`} route={route} />
      </AntApp>
    </ConfigProvider>
  );
}
