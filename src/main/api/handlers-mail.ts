import type { Handlers } from './dispatcher';
import type { AppInfo } from './handlers';

/**
 * Sending the monthly report (issue 7): the mail settings (password only in the secret store),
 * the send by SMTP or as a draft, and the send log. The work is in services/mail.ts.
 */
export type MailMethods = 'report.mailSettings' | 'report.saveMailSettings' | 'report.send' | 'report.sends';

export function createMailHandlers(info: AppInfo): Pick<Handlers, MailMethods> {
  const mail = info.mail;
  return {
    'report.mailSettings': (_, ctx) => mail.settings(ctx.db),
    'report.saveMailSettings': (input, ctx) => mail.saveSettings(ctx.db, input, { userId: ctx.user.id, now: ctx.now }),
    // Not a write transaction (the dispatcher runs it on the store itself): the log row is written after the attempt.
    'report.send': async (input, ctx) => {
      const r = await mail.send(ctx.db, { ...input, userId: ctx.user.id, now: () => ctx.now });
      ctx.emit('report.sent', { id: r.id });
      return r;
    },
    'report.sends': (input, ctx) => mail.sends(ctx.db, input),
  };
}
