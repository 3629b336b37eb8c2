import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';
import { ImportSessions } from '../import/session';

/** Issue 8 (spreadsheet import): the sessions and their worker threads live in import/session.ts. */
export type ImportMethods = 'import.analyse' | 'import.preview' | 'import.run' | 'import.status' | 'import.cancel' | 'import.skippedRows';

export function createImportHandlers(info: AppInfo): Pick<Handlers, ImportMethods> {
  const sessions = new ImportSessions({ dbFile: info.dbFile, gate: info.gate, publish: info.publish, log: info.log });
  info.onClose(() => sessions.close());
  return {
    'import.analyse': (input) => sessions.analyse(input),
    'import.preview': (input) => sessions.preview(input),
    'import.run': async (input, ctx) => sessions.run(input, ctx.user.id, ctx.now),
    'import.status': async (input) => sessions.status(input.importId),
    'import.cancel': (input) => sessions.cancel(input.importId),
    'import.skippedRows': (input) => sessions.skipped(input),
  };
}
