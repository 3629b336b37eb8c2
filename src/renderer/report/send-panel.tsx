import { MailOutlined, SendOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSettings, ReportChannel, ReportSend } from '../../shared/analysis';
import type { FormLanguage } from '../../shared/print';
import { call, on } from '../api/client';
import { useShowError } from '../common/api-errors';
import { downloadBase64 } from '../costs/download';
import { currentLanguage } from '../i18n';
import { useSession } from '../shell/session';
import { SendLog } from './mail-log';
import { MailSettingsModal } from './mail-settings';

/**
 * Sending the monthly report (issue 7): to the configured recipients by SMTP, or as a draft opened
 * in the desktop mail program (an .eml with `X-Unsent: 1`), the PDF attached either way. A failure
 * says plainly what went wrong and offers to retry or to open a draft instead; the report stays.
 * Below, the send log.
 */

const REPORTERS = new Set(['sales_admin', 'sales_manager', 'admin']);
const PAGE = 10;

/** A draft as `report.send` answers it: in the host, main answers the .eml for the browser to download. */
type SendAnswer = ReportSend & { url?: string | null; fileName?: string };

function saveDraft(answer: SendAnswer): void {
  const m = /^data:([^;,]+);base64,(.*)$/.exec(answer.url ?? '');
  if (m) downloadBase64(answer.fileName ?? `monthly-report-${answer.month}.eml`, m[1]!, m[2]!);
}

export function SendPanel({ month, lang }: { month: string; lang?: FormLanguage }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { user } = useSession();
  const mayEdit = !!user && REPORTERS.has(user.role);
  const language = lang ?? currentLanguage();
  const [settings, setSettings] = useState<MailSettings | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<ReportChannel | null>(null);
  const [failure, setFailure] = useState<ReportSend | null>(null);
  const [log, setLog] = useState<{ rows: ReportSend[]; total: number; key: string } | null>(null);
  const [page, setPage] = useState(1);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    call('report.mailSettings', {}).then(setSettings, showError);
  }, [showError]);

  const logKey = `${page}:${generation}`;
  useEffect(() => {
    let live = true;
    call('report.sends', { offset: (page - 1) * PAGE, limit: PAGE }).then(
      (r) => live && setLog({ rows: r.rows, total: r.total, key: logKey }),
      (e: unknown) => live && showError(e),
    );
    return () => {
      live = false;
    };
  }, [page, logKey, showError]);
  // A send here, by the schedule or in another window: the log reloads.
  useEffect(() => on('report.sent', () => setGeneration((g) => g + 1)), []);
  // Shown for its month only: another month's report has not failed.
  const shownFailure = failure?.month === month ? failure : null;

  const send = async (channel: ReportChannel) => {
    setBusy(channel);
    try {
      const r: SendAnswer = await call('report.send', { month, lang: language, channel });
      if (r.status === 'failed') setFailure(r);
      else {
        setFailure(null);
        if (r.status === 'draft') {
          saveDraft(r);
          void message.success(t(r.url ? 'report.mail.draftDownloaded' : 'report.mail.draftOpened'));
        } else void message.success(t('report.mail.sent', { count: r.recipients.length }));
      }
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  const configured = !!settings && !!settings.host && !!settings.from && settings.recipients.length > 0;

  return (
    <Card
      size="small"
      title={
        <Space>
          <MailOutlined />
          {t('report.mail.title', { month })}
        </Space>
      }
      extra={
        mayEdit && settings ? (
          <Button size="small" icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="mail-settings">
            {t('report.mail.settings')}
          </Button>
        ) : null
      }
      data-testid="send-panel"
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <div data-testid="mail-recipients-shown">
          <Typography.Text type="secondary">{t('report.mail.to')} </Typography.Text>
          {settings?.recipients.length ? (
            settings.recipients.map((r) => <Tag key={r}>{r}</Tag>)
          ) : (
            <Typography.Text type="secondary">{t('report.mail.noRecipients')}</Typography.Text>
          )}
          {settings?.schedule && <Tag color="blue">{t('report.mail.scheduled')}</Tag>}
        </div>
        <Space wrap>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy === 'smtp'}
            disabled={!mayEdit || busy !== null || !configured}
            title={configured ? undefined : t('report.mail.notConfiguredHint')}
            onClick={() => void send('smtp')}
            data-testid="mail-send"
          >
            {t('report.mail.sendNow')}
          </Button>
          <Button icon={<MailOutlined />} loading={busy === 'draft'} disabled={!mayEdit || busy !== null} onClick={() => void send('draft')} data-testid="mail-draft">
            {t('report.mail.openDraft')}
          </Button>
        </Space>
        {shownFailure && (
          <Alert
            type="error"
            showIcon
            data-testid="mail-failure"
            message={t('report.mail.failed', { month: shownFailure.month })}
            description={
              <>
                <div>{t(`report.mail.error.${shownFailure.error ?? 'send_failed'}`, { defaultValue: t('report.mail.error.send_failed') })}</div>
                <div>{t('report.mail.kept')}</div>
              </>
            }
            action={
              <Space direction="vertical">
                <Button size="small" type="primary" disabled={busy !== null} loading={busy === 'smtp'} onClick={() => void send('smtp')} data-testid="mail-retry">
                  {t('report.mail.retry')}
                </Button>
                <Button size="small" disabled={busy !== null} loading={busy === 'draft'} onClick={() => void send('draft')} data-testid="mail-draft-instead">
                  {t('report.mail.draftInstead')}
                </Button>
              </Space>
            }
          />
        )}
        <div>
          <Typography.Text strong>{t('report.mail.log.title')}</Typography.Text>
          <SendLog rows={log?.rows ?? []} total={log?.total ?? 0} page={page} loading={log?.key !== logKey} onPage={setPage} />
        </div>
      </Space>
      {editing && settings && (
        <MailSettingsModal
          settings={settings}
          onClose={() => setEditing(false)}
          onSaved={(s) => {
            setSettings(s);
            setEditing(false);
            void message.success(t('report.mail.saved'));
          }}
        />
      )}
    </Card>
  );
}
