import { DatabaseOutlined, FileOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useShowError } from '../common/api-errors';

/**
 * First start: the database is empty and nobody has chosen yet. Demo data lets the office try the
 * tracking table at a realistic size; "start empty" is the real-use path. Either choice is final.
 */
export function WelcomeModal() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);

  useEffect(() => {
    let live = true;
    call('app.status', {})
      .then((s) => live && setOpen(s.firstRun))
      .catch(showError);
    return () => {
      live = false;
    };
  }, [showError]);

  async function choose(kind: 'demo' | 'empty') {
    setBusy(kind);
    try {
      if (kind === 'demo') {
        const r = await call('app.loadDemo', { complaints: 3000 });
        void message.success(t('welcome.demoLoaded', { count: r.complaints }));
      } else {
        await call('app.startEmpty', {});
      }
      setOpen(false);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Modal open={open} title={t('welcome.title')} closable={false} mask={{ closable: false }} keyboard={false} footer={null} width={520}>
      <Spin spinning={busy === 'demo'} description={t('welcome.loading')}>
        <Typography.Paragraph>{t('welcome.body')}</Typography.Paragraph>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button
            id="welcome-load-demo"
            type="primary"
            block
            size="large"
            icon={<DatabaseOutlined />}
            loading={busy === 'demo'}
            disabled={busy !== null}
            onClick={() => void choose('demo')}
          >
            {t('welcome.loadDemo')}
          </Button>
          <Typography.Text type="secondary">{t('welcome.loadDemoHint')}</Typography.Text>
          <Button
            id="welcome-start-empty"
            block
            size="large"
            icon={<FileOutlined />}
            loading={busy === 'empty'}
            disabled={busy !== null}
            onClick={() => void choose('empty')}
          >
            {t('welcome.startEmpty')}
          </Button>
        </Space>
      </Spin>
    </Modal>
  );
}
