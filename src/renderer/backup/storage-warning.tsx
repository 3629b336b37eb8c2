import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, on } from '../api/client';

/**
 * The warning that the data folder sits on a network drive, where SQLite's file locking is not
 * reliable and two computers writing could damage the database. For the app shell (above every page)
 * and the backup page; it shows nothing when the folder is local.
 */
export function NetworkDriveAlert({ dataDir, style }: { dataDir: string; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="storage-warning"
      style={style}
      title={t('backup.network.title')}
      description={t('backup.network.text', { folder: dataDir })}
    />
  );
}

export function StorageWarning({ style }: { style?: React.CSSProperties }) {
  const [dataDir, setDataDir] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      call('backup.settings', {}).then(
        (s) => live && setDataDir(s.networkDrive ? s.dataDir : null),
        () => undefined,
      );
    void load();
    const off = on('backup.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return dataDir ? <NetworkDriveAlert dataDir={dataDir} style={style} /> : null;
}
