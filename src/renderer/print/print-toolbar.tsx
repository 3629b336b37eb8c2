import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Segmented, Space } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';
import { currentLanguage } from '../i18n';
import { navigate } from '../shell/router';
import { theme } from '../shell/theme';
import { useDocActions } from './use-print-actions';

/** A print route's root: Ant Design's context for the toolbar, and nothing of the app's frame. */
export function PrintDocRoot({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={currentLanguage() === 'zh-CN' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp className="ff-app">{children}</AntApp>
    </ConfigProvider>
  );
}

export interface PrintToolbarProps {
  /** Prefix of the test ids: `<p>-toolbar`, `<p>-print`, `<p>-save-pdf`. */
  testId: string;
  back: { href: string; label: string; disabled?: boolean };
  /** The document's language (the toolbar's own words follow the app's). */
  lang: FormLanguage;
  languageLabel: string;
  /** The route of the same document in another language. */
  languageHash(lang: FormLanguage): string;
  printLabel: string;
  pdfLabel: string;
  print(): Promise<void>;
  /** Saves the PDF and answers the file's name. */
  savePdf(): Promise<string>;
  messageKey: string;
}

/**
 * The toolbar above a printable document (never printed): back, the document's language, print,
 * save as PDF. One for the feedback form, the visit report and the monthly report.
 */
export function PrintToolbar(p: PrintToolbarProps) {
  const { t } = useTranslation();
  const { busy, print, savePdf } = useDocActions(p);
  return (
    <div className="ff-toolbar" data-testid={`${p.testId}-toolbar`}>
      <Button icon={<ArrowLeftOutlined />} href={p.back.href} disabled={p.back.disabled}>
        {p.back.label}
      </Button>
      <Space>
        <Segmented<FormLanguage>
          aria-label={p.languageLabel}
          value={p.lang}
          onChange={(v) => navigate(p.languageHash(v))}
          options={FORM_LANGUAGES.map((l) => ({ value: l, label: t(`print.lang.${l}`) }))}
        />
        <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void print()} data-testid={`${p.testId}-print`}>
          {p.printLabel}
        </Button>
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void savePdf()} data-testid={`${p.testId}-save-pdf`}>
          {p.pdfLabel}
        </Button>
      </Space>
    </div>
  );
}
