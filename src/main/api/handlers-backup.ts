import { backupServiceFor } from '../backup/service';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/**
 * Issue 8, backup and restore (src/main/backup): the settings, making, listing, checking and
 * restoring backups. Saving the settings is the only call that writes through the dispatcher's
 * transaction; making a backup and restoring take the write gate themselves.
 */
export type BackupMethods = 'backup.settings' | 'backup.saveSettings' | 'backup.chooseFolder' | 'backup.create' | 'backup.list' | 'backup.verify' | 'backup.restore';

export function createBackupHandlers(info: AppInfo): Pick<Handlers, BackupMethods> {
  const backup = () =>
    backupServiceFor({
      dataDir: info.dataDir,
      attachmentsDir: info.attachmentsDir,
      store: info.store,
      gate: info.gate,
      version: info.version,
      clock: info.clock,
      publish: info.publish,
      log: info.log,
      shell: info.shell,
    });
  return {
    'backup.settings': () => backup().settings(),
    'backup.saveSettings': async (input, ctx) => {
      await backup().saveSettings(ctx.db, input, { userId: ctx.user.id, now: ctx.now });
      ctx.emit('backup.changed', { path: null });
      return backup().settings(ctx.db);
    },
    'backup.chooseFolder': async () => ({ folder: await backup().chooseFolder() }),
    'backup.create': (input) => backup().create(input),
    'backup.list': (input) => backup().list(input),
    'backup.verify': (input) => backup().verify(input.path),
    'backup.restore': (input) => backup().restore(input.path),
  };
}
