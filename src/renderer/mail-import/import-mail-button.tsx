import { MailOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMailImport } from './use-mail-import';

/** "Import e-mail" on the registration page: picks an .eml or .msg file. */
export function ImportMailButton() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const { importFiles, busy } = useMailImport();
  return (
    <>
      <Tooltip title={t('mailImport.buttonHint')}>
        <Button id="mail-import" icon={<MailOutlined />} loading={busy} onClick={() => input.current?.click()}>
          {t('mailImport.button')}
        </Button>
      </Tooltip>
      <input
        ref={input}
        id="mail-import-input"
        type="file"
        accept=".eml,.msg,message/rfc822,application/vnd.ms-outlook"
        style={{ display: 'none' }}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // The same file can be picked again after a refusal.
          e.target.value = '';
          void importFiles(files);
        }}
      />
    </>
  );
}
