import { Alert, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shell/session';
import { DepartmentsTab } from './departments-tab';
import { GeneralTab } from './general-tab';
import { UsersTab } from './users-tab';
import { RulesTab } from './rules-tab';
import { CalendarTab } from './calendar-tab';
import '../shell/shell.css';

/**
 * Settings: profiles and roles, departments, and the office-wide settings, which only the
 * administrator may change; the rules and the calendar, which RULE_EDITORS gives per kind (the
 * sales manager keeps the rules he is measured by) and whose tabs say so themselves. Everyone may
 * look; main refuses the others whatever the screen shows.
 */
const ADMIN_TABS = new Set(['users', 'departments', 'general']);

export function SettingsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [tab, setTab] = useState('users');
  if (!user) return null;
  const admin = user.role === 'admin';
  return (
    <div className="settings-page" data-testid="settings-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      {!admin && ADMIN_TABS.has(tab) && (
        <Alert
          type="info"
          showIcon
          data-testid="settings-read-only"
          style={{ marginBottom: 16 }}
          title={t('settings.readOnly')}
          description={t('settings.readOnlyHint', { role: t(`enum.role.${user.role}`) })}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'users', label: t('settings.tabs.users'), children: <UsersTab editable={admin} /> },
          { key: 'departments', label: t('settings.tabs.departments'), children: <DepartmentsTab editable={admin} /> },
          { key: 'general', label: t('settings.tabs.general'), children: <GeneralTab editable={admin} /> },
          { key: 'rules', label: t('rules.tab'), children: <RulesTab /> },
          { key: 'calendar', label: t('calendar.tab'), children: <CalendarTab /> },
        ]}
      />
    </div>
  );
}
