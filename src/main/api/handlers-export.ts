import { getSettings } from '../services/settings';
import { exportTrackingTable } from '../services/tracking-export';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/** Issue 8 (export of the tracking table): the table as the person sees it, to xlsx or csv. */
export type ExportMethods = 'complaints.export';

export function createExportHandlers(info: AppInfo): Pick<Handlers, ExportMethods> {
  void info; // the store and the caller are all it needs
  return {
    'complaints.export': async (input, ctx) => {
      const who = { userId: ctx.user.id, now: ctx.now, timeZone: (await getSettings(ctx.db)).officeTimeZone };
      const file = await exportTrackingTable(ctx.db, input, who);
      return { fileName: file.fileName, data: file.data.toString('base64'), rows: file.rows };
    },
  };
}
