import { parseMail } from '../services/mail-import';
import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/**
 * Issue 8 (e-mail import): an `.eml` or `.msg` read into a draft of a complaint. The message waits
 * in the data folder under the draft's token until `complaints.create` takes it (or a week passes).
 */
export type MailImportMethods = 'mailImport.parse';

export function createMailImportHandlers(info: AppInfo): Pick<Handlers, MailImportMethods> {
  return {
    'mailImport.parse': (input, ctx) => parseMail(ctx.db, info.dataDir, ctx.now, input),
  };
}
