import { CheckCircleOutlined, FolderOpenOutlined, ReloadOutlined, SafetyCertificateOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Result, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupSettings } from '../../shared/data-io';
import { call, on } from '../api/client';
import { toApiError, useShowError } from '../common/api-errors';
import { formatInstant } from '../common/format';
import { useSession } from '../shell/session';
import { backupErrorText, formatBytes, problemText, statusColor } from './backup-words';
import { NetworkDriveAlert } from './storage-warning';

/**
 * `#/backup` (issue 8): the data folder and its size, the backup folder, "Back up now", the daily
 * backups (the administrator's), the backups in the folder with Verify and Restore, the last error.
 * A restore takes a safety backup first and restarts the app on the restored data: in the desktop
 * app the window closes and opens again; in the browser (the host) the page reloads once the app answers.
 */

const MAKERS = new Set(['admin', 'sales_manager']);

/** After a restore the host answers again once the new app is open: then the page loads afresh. */
async function reloadWhenBack(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 0; i < 120; i++) {
    try {
      await call('app.status', {});
      window.location.reload();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export function BackupPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const isAdmin = user?.role === 'admin';
  const mayBackUp = !!user && MAKERS.has(user.role);

  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [draft, setDraft] = useState<{ folder: string; daily: boolean; keep: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [made, setMade] = useState<BackupInfo | null>(null);
  const [restarting, setRestarting] = useState(false);
  const [generation, setGeneration] = useState(0);

  const fail = useCallback(
    (e: unknown) => {
      const text = backupErrorText(t, toApiError(e));
      if (text) void message.error({ content: text, duration: 8 });
      else showError(e);
    },
    [message, showError, t],
  );

  useEffect(() => {
    let live = true;
    call('backup.settings', {}).then((s) => {
      if (!live) return;
      setSettings(s);
      setDraft((d) => d ?? { folder: s.folder ?? '', daily: s.daily, keep: s.keep });
    }, fail);
    if (mayBackUp) call('backup.list', {}).then((l) => live && setList(l), fail);
    return () => {
      live = false;
    };
  }, [generation, mayBackUp, fail]);
  useEffect(() => on('backup.changed', () => setGeneration((g) => g + 1)), []);

  const reload = () => setGeneration((g) => g + 1);
  const savedFolder = settings?.folder ?? null;
  const dirty = !!settings && !!draft && ((draft.folder.trim() || null) !== savedFolder || draft.daily !== settings.daily || draft.keep !== settings.keep);

  const save = async () => {
    if (!draft) return;
    setBusy('save');
    try {
      const s = await call('backup.saveSettings', { folder: draft.folder.trim() || null, daily: draft.daily, keep: draft.keep });
      setSettings(s);
      setDraft({ folder: s.folder ?? '', daily: s.daily, keep: s.keep });
      void message.success(t('backup.settings.saved'));
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const choose = async () => {
    try {
      const { folder } = await call('backup.chooseFolder', {});
      if (folder && draft) setDraft({ ...draft, folder });
    } catch (e) {
      fail(e);
    }
  };

  const backUpNow = async () => {
    setBusy('create');
    setMade(null);
    try {
      const folder = draft?.folder.trim() || undefined;
      const info = await call('backup.create', folder && folder !== savedFolder ? { folder } : {});
      setMade(info);
      reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const verify = async (b: BackupInfo) => {
    setBusy(`verify:${b.path}`);
    try {
      const r = await call('backup.verify', { path: b.path });
      setList((l) => l?.map((x) => (x.path === b.path ? r : x)) ?? l);
      if (r.status === 'good') void message.success(t('backup.list.verifiedGood', { name: r.name }));
      else void message.error({ content: problemText(t, r.problem), duration: 8 });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const restore = (b: BackupInfo) => {
    modal.confirm({
      title: t('backup.restore.title'),
      width: 560,
      okText: t('backup.restore.ok'),
      okButtonProps: { danger: true, 'data-testid': 'backup-restore-ok' } as never,
      cancelText: t('backup.cancel'),
      content: (
        <div data-testid="backup-restore-confirm">
          <Typography.Paragraph>{t('backup.restore.what', { date: formatInstant(b.createdAt), complaints: b.complaints })}</Typography.Paragraph>
          <Typography.Paragraph>{t('backup.restore.safety')}</Typography.Paragraph>
          <Typography.Paragraph strong>{t('backup.restore.restart')}</Typography.Paragraph>
        </div>
      ),
      onOk: async () => {
        try {
          const r = await call('backup.restore', { path: b.path });
          if (r.restarting) {
            setRestarting(true);
            void reloadWhenBack();
          } else {
            modal.info({ title: t('backup.restore.staged'), content: t('backup.restore.nextStart', { safety: r.safetyBackup }) });
          }
        } catch (e) {
          fail(e);
        }
      },
    });
  };

  if (restarting) {
    return <Result icon={<Spin size="large" />} title={t('backup.restore.restarting')} subTitle={t('backup.restore.restartingText')} data-testid="backup-restarting" />;
  }
  if (!settings || !draft) return <Spin style={{ display: 'block', margin: 48 }} />;

  const columns = [
    { title: t('backup.list.date'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    { title: t('backup.list.kind'), dataIndex: 'kind', render: (v: BackupInfo['kind']) => <Tag color={v === 'safety' ? 'purple' : v === 'daily' ? 'blue' : 'default'}>{t(`backup.kind.${v}`)}</Tag> },
    { title: t('backup.list.size'), dataIndex: 'bytes', align: 'right' as const, render: (v: number) => formatBytes(v) },
    { title: t('backup.list.appVersion'), dataIndex: 'appVersion' },
    {
      title: t('backup.list.counts'),
      key: 'counts',
      render: (_: unknown, b: BackupInfo) => t('backup.list.countsText', { complaints: b.complaints.toLocaleString(), attachments: b.attachments.toLocaleString() }),
    },
    {
      title: t('backup.list.status'),
      dataIndex: 'status',
      render: (v: BackupInfo['status'], b: BackupInfo) => (
        <Space direction="vertical" size={0}>
          <Tag color={statusColor(v)} data-testid="backup-status">
            {t(`backup.status.${v}`)}
          </Tag>
          {b.problem && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{problemText(t, b.problem)}</Typography.Text>}
          {b.missingAttachments > 0 && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('backup.list.missing', { count: b.missingAttachments })}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, b: BackupInfo) => (
        <Space>
          <Button size="small" icon={<SafetyCertificateOutlined />} loading={busy === `verify:${b.path}`} onClick={() => void verify(b)} data-testid="backup-verify">
            {t('backup.list.verify')}
          </Button>
          {isAdmin && (
            <Button
              size="small"
              danger
              icon={<UndoOutlined />}
              disabled={b.status === 'incomplete' || b.status === 'damaged' || b.status === 'newer_version'}
              onClick={() => restore(b)}
              data-testid="backup-restore"
            >
              {t('backup.list.restore')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="backup-page" style={{ maxWidth: 1200 }}>
      <Typography.Title level={3}>{t('backup.title')}</Typography.Title>
      {settings.networkDrive && <NetworkDriveAlert dataDir={settings.dataDir} style={{ marginBottom: 16 }} />}
      {settings.lastError && (
        <Alert
          type="error"
          showIcon
          data-testid="backup-last-error"
          style={{ marginBottom: 16 }}
          title={t('backup.lastError', { at: formatInstant(settings.lastErrorAt) })}
          description={settings.lastError}
        />
      )}

      <Card title={t('backup.data.title')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('backup.data.folder')}>
            <Typography.Text copyable data-testid="backup-data-dir">
              {settings.dataDir}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('backup.data.size')}>{formatBytes(settings.dataBytes)}</Descriptions.Item>
          <Descriptions.Item label={t('backup.data.last')}>{settings.lastBackupAt ? formatInstant(settings.lastBackupAt) : t('backup.data.never')}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('backup.folder.title')} size="small" style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space.Compact style={{ width: '100%', maxWidth: 760 }}>
            <Input
              value={draft.folder}
              placeholder={settings.canChooseFolder ? t('backup.folder.placeholderChoose') : t('backup.folder.placeholderType')}
              onChange={(e) => setDraft({ ...draft, folder: e.target.value })}
              readOnly={!isAdmin && settings.canChooseFolder}
              aria-label={t('backup.folder.label')}
              data-testid="backup-folder"
            />
            {settings.canChooseFolder && (
              <Button icon={<FolderOpenOutlined />} onClick={() => void choose()} data-testid="backup-choose">
                {t('backup.folder.choose')}
              </Button>
            )}
          </Space.Compact>
          {!settings.canChooseFolder && <Typography.Text type="secondary">{t('backup.folder.typeHint')}</Typography.Text>}
          {settings.folderNetworkDrive && <Alert type="info" showIcon title={t('backup.folder.network')} />}
          {isAdmin && (
            <Space wrap size="large">
              <Space>
                <Switch checked={draft.daily} onChange={(daily) => setDraft({ ...draft, daily })} data-testid="backup-daily" />
                <span>{t('backup.settings.daily')}</span>
              </Space>
              <Space>
                <span>{t('backup.settings.keep')}</span>
                <InputNumber min={1} max={365} value={draft.keep} onChange={(v) => v && setDraft({ ...draft, keep: v })} style={{ width: 90 }} data-testid="backup-keep" />
              </Space>
              <Button icon={<SaveOutlined />} disabled={!dirty} loading={busy === 'save'} onClick={() => void save()} data-testid="backup-save-settings">
                {t('backup.settings.save')}
              </Button>
            </Space>
          )}
          {!isAdmin && <Typography.Text type="secondary">{t('backup.settings.adminOnly')}</Typography.Text>}
          {mayBackUp && (
            <Space align="start" wrap>
              <Button type="primary" icon={<SaveOutlined />} loading={busy === 'create'} disabled={!draft.folder.trim()} onClick={() => void backUpNow()} data-testid="backup-now">
                {t('backup.now')}
              </Button>
              {made && (
                <Alert
                  type="success"
                  showIcon
                  icon={<CheckCircleOutlined />}
                  data-testid="backup-made"
                  title={t('backup.made', { at: formatInstant(made.createdAt), size: formatBytes(made.bytes), seconds: ((made.durationMs ?? 0) / 1000).toFixed(1) })}
                  description={made.path}
                />
              )}
            </Space>
          )}
        </Space>
      </Card>

      {mayBackUp ? (
        <Card
          title={t('backup.list.title')}
          size="small"
          extra={<Button size="small" icon={<ReloadOutlined />} onClick={reload} aria-label={t('backup.list.refresh')} />}
        >
          <Table<BackupInfo>
            rowKey="path"
            size="small"
            loading={list === null}
            dataSource={list ?? []}
            columns={columns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: savedFolder ? t('backup.list.empty') : t('backup.list.noFolder') }}
            data-testid="backup-list"
          />
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('backup.makersOnly')} />
      )}
    </div>
  );
}
