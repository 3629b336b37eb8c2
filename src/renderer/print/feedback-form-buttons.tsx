import { FilePdfOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormLanguage } from '../../shared/print';
import { currentLanguage } from '../i18n';
import { paths } from '../shell/router';
import { usePrintActions } from './use-print-actions';

/**
 * The feedback form's buttons for the case page: view the form (with its own toolbar and language
 * switch), print it, save it as PDF. `lang` defaults to the app's language.
 */
export function FeedbackFormButtons({ caseId, lang }: { caseId: number; lang?: FormLanguage }) {
  const { t } = useTranslation();
  const formLang = lang ?? currentLanguage();
  const { busy, print, savePdf } = usePrintActions(caseId, formLang, 'elsewhere');
  return (
    <Space.Compact>
      <Button icon={<FileTextOutlined />} href={paths.feedbackForm(caseId, formLang)} data-testid="feedback-form-view">
        {t('print.view')}
      </Button>
      <Button icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void print()} data-testid="feedback-form-print">
        {t('print.print')}
      </Button>
      <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void savePdf()} data-testid="feedback-form-pdf">
        {t('print.savePdf')}
      </Button>
    </Space.Compact>
  );
}
