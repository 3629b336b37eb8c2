import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

/** 中文 / English: each label is written in its own language, so anyone can find theirs. */
export function LanguageSwitch() {
  // useTranslation re-renders this on every language change.
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Segmented<Language>
      aria-label={t('header.language')}
      size="small"
      value={lang}
      onChange={(v) => void setLanguage(v)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
