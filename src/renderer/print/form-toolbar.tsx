import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { FORM_LANGUAGES, type FormLanguage } from '../../shared/print';
import { navigate, paths } from '../shell/router';
import { usePrintActions } from './use-print-actions';

/**
 * The form page's own toolbar (never printed): back to the case, the form's language, print, PDF.
 * Its words follow the app's language; the form below follows the chosen one.
 */
export function FormToolbar({ id, lang }: { id: number; lang: FormLanguage }) {
  const { t } = useTranslation();
  const { busy, print, savePdf } = usePrintActions(id, lang, 'form');
  return (
    <div className="ff-toolbar" data-testid="ff-toolbar">
      <Button icon={<ArrowLeftOutlined />} href={paths.case(id)}>
        {t('print.back')}
      </Button>
      <Space>
        <Segmented<FormLanguage>
          aria-label={t('print.formLanguage')}
          value={lang}
          onChange={(v) => navigate(paths.feedbackForm(id, v))}
          options={FORM_LANGUAGES.map((l) => ({ value: l, label: t(`print.lang.${l}`) }))}
        />
        <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void print()} data-testid="ff-print">
          {t('print.print')}
        </Button>
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void savePdf()} data-testid="ff-save-pdf">
          {t('print.savePdf')}
        </Button>
      </Space>
    </div>
  );
}
