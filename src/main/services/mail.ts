import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { MailSettings, MonthlyReport, ReportChannel, ReportSend } from '../../shared/analysis';
import { ApiError } from '../../shared/errors';
import type { FormLanguage } from '../../shared/print';
import type { Paged } from '../../shared/service';
import type { Database } from '../db/schema';
import type { SecretStore } from '../secrets/port';
import { unavailableSecretStore } from '../secrets/unavailable';
import { appendEvents } from './audit';
import { composeDraft, mailErrorOf, reportMessage, type MailError, type MessageInput, type ReportAttachment } from './mail-message';

/**
 * Sending the monthly report (issue 7): the mail settings (the `mail` row of the settings table; the
 * password only in the secret store), SMTP with nodemailer, the `.eml` draft for the desktop mail
 * client, and the send log (report_sends). Sending is no write transaction: the network is slow, so
 * the log row is written after the attempt, and a failure is an answer (status `failed` with a plain
 * code), not an exception: the screen offers to retry or to open a draft instead.
 */

export const MAIL_SETTINGS_KEY = 'mail';
export const MAIL_PASSWORD_KEY = 'mail.smtp.password';
export const DRAFTS_DIR = 'drafts';

/** Where the report comes from: the report's printer and numbers (src/main/print/monthly-report.ts). */
export interface ReportSource {
  pdf(db: Kysely<Database>, input: { month: string; lang: FormLanguage }): Promise<ReportAttachment>;
  /** The month's KPIs for the message body; null leaves them out. */
  kpis(db: Kysely<Database>, month: string): Promise<MonthlyReport['kpis'] | null>;
}

/** What the shell provides: the secret store and how a draft reaches the person's mail program. */
export interface MailPorts {
  secrets: SecretStore;
  /**
   * Opens the draft `.eml` with the default mail program (Electron: shell.openPath) and answers
   * `{url: null}`; the host answers a URL (a data: URL of the file) for the browser to download.
   */
  openDraft(path: string): Promise<{ url: string | null }>;
}

/**
 * A send as the api answers it. A draft also carries its file name and, where the page must download
 * it itself (the host), its `url`.
 */
export type SendResult = ReportSend & { url?: string | null; fileName?: string };

type StoredSettings = Omit<MailSettings, 'passwordSet' | 'secretStore'>;
/** As kept in the settings row: also when the schedule was switched on (it sends no month due before). */
type StoredRow = StoredSettings & { scheduleSince?: string | null };

const DEFAULTS: StoredSettings = { host: '', port: 587, secure: false, user: null, from: '', recipients: [], schedule: false };

/** The host's draft: the browser downloads the .eml and the person opens it with his mail program. */
export async function hostOpenDraft(path: string): Promise<{ url: string }> {
  return { url: `data:message/rfc822;base64,${(await readFile(path)).toString('base64')}` };
}

export interface MailServiceOptions {
  dataDir: string;
  report: ReportSource;
  ports?: Partial<MailPorts>;
  log?: (message: string, error: unknown) => void;
  /** SMTP timeouts (ms); tests shorten them. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

export interface MailService {
  readonly ports: MailPorts;
  settings(db: Kysely<Database>): Promise<MailSettings>;
  /** When the schedule was last switched on (ISO), or null when it is off. */
  scheduleSince(db: Kysely<Database>): Promise<string | null>;
  saveSettings(
    db: Kysely<Database>,
    input: StoredSettings & { password?: string | null },
    who: { userId: number; now: Date },
  ): Promise<MailSettings>;
  /** One attempt; writes the log row afterwards. `userId` null: the scheduler. */
  send(db: Kysely<Database>, input: { month: string; lang: FormLanguage; channel: ReportChannel; userId: number | null; now: () => Date }): Promise<SendResult>;
  sends(db: Kysely<Database>, page: { offset: number; limit: number }): Promise<Paged<ReportSend>>;
}

export async function readStoredSettings(db: Kysely<Database>): Promise<StoredRow> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MAIL_SETTINGS_KEY).executeTakeFirst();
  return row ? { ...DEFAULTS, ...(JSON.parse(row.value) as Partial<StoredSettings>) } : { ...DEFAULTS };
}

export function createMailService(o: MailServiceOptions): MailService {
  const ports: MailPorts = { secrets: o.ports?.secrets ?? unavailableSecretStore(), openDraft: o.ports?.openDraft ?? hostOpenDraft };
  const secrets = ports.secrets;
  const log = o.log ?? (() => undefined);

  const view = async (row: StoredRow): Promise<MailSettings> => ({
    host: row.host,
    port: row.port,
    secure: row.secure,
    user: row.user,
    from: row.from,
    recipients: row.recipients,
    schedule: row.schedule,
    passwordSet: (await secrets.get(MAIL_PASSWORD_KEY)) !== null,
    secretStore: secrets.kind,
  });

  const record = async (
    db: Kysely<Database>,
    row: { month: string; channel: ReportChannel; recipients: string[]; status: ReportSend['status']; error: MailError | null; userId: number | null; at: Date },
  ): Promise<ReportSend> => {
    const { id } = await db
      .insertInto('report_sends')
      .values({
        month: row.month,
        channel: row.channel,
        recipients: JSON.stringify(row.recipients),
        status: row.status,
        error: row.error,
        by: row.userId,
        at: row.at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await listSends(db, { offset: 0, limit: 1, id })).rows[0]!;
  };

  async function smtp(s: StoredSettings, message: MessageInput): Promise<MailError | null> {
    if (!s.host || !s.from || !s.recipients.length) return 'not_configured';
    let password: string | null = null;
    if (s.user) {
      password = await secrets.get(MAIL_PASSWORD_KEY);
      if (password === null) return 'not_configured';
    }
    const t = o.timeouts ?? {};
    const transport = nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      ...(s.user ? { auth: { user: s.user, pass: password! } } : {}),
      connectionTimeout: t.connection ?? 10_000,
      greetingTimeout: t.greeting ?? 10_000,
      socketTimeout: t.socket ?? 60_000,
    });
    try {
      await transport.sendMail(reportMessage(message, false));
      return null;
    } catch (e) {
      log('sending the monthly report failed', e);
      return mailErrorOf(e);
    } finally {
      transport.close();
    }
  }

  return {
    ports,
    settings: async (db) => view(await readStoredSettings(db)),
    scheduleSince: async (db) => {
      const s = await readStoredSettings(db);
      return s.schedule ? (s.scheduleSince ?? null) : null;
    },

    async saveSettings(db, input, who) {
      const { password, ...rest } = input;
      const next: StoredSettings = {
        host: rest.host,
        port: rest.port,
        secure: rest.secure,
        user: rest.user || null,
        from: rest.from,
        recipients: [...new Set(rest.recipients.map((r) => r.trim()))],
        schedule: rest.schedule,
      };
      // An empty field keeps the stored password, like leaving it out; null removes it.
      const change = password === undefined || password === '' ? undefined : password;
      if (typeof change === 'string' && secrets.kind !== 'os') {
        throw new ApiError('VALIDATION', 'password: this computer has no secret store; send the report as a draft, or use a server without login', [
          { path: 'password', code: 'secret_store_unavailable', message: 'this computer has no secret store that can keep a password' },
        ]);
      }
      const { scheduleSince, ...before } = await readStoredSettings(db);
      const hadPassword = (await secrets.get(MAIL_PASSWORD_KEY)) !== null;
      const hasPassword = change === undefined ? hadPassword : change !== null;
      const row: StoredRow = { ...next, scheduleSince: next.schedule ? (before.schedule && scheduleSince ? scheduleSince : who.now.toISOString()) : null };
      const v = JSON.stringify(row);
      await db
        .insertInto('settings')
        .values({ key: MAIL_SETTINGS_KEY, value: v })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: v }))
        .execute();
      // The audit trail says whether a password is set, never what it is.
      const audited = (s: StoredSettings, passwordSet: boolean) => ({ ...s, passwordSet });
      if (JSON.stringify(audited(before, hadPassword)) !== JSON.stringify(audited(next, hasPassword)) || typeof change === 'string') {
        await appendEvents(db, who.userId, who.now, [
          { complaintId: null, kind: 'mail_settings_changed', field: 'mail', before: audited(before, hadPassword), after: audited(next, hasPassword) },
        ]);
      }
      // Last: when the store refuses, the settings transaction rolls back with it.
      if (change !== undefined) await secrets.set(MAIL_PASSWORD_KEY, change);
      return view(next);
    },

    async send(db, input) {
      const s = await readStoredSettings(db);
      let pdf: ReportAttachment;
      let kpis: MonthlyReport['kpis'] | null = null;
      try {
        pdf = await o.report.pdf(db, { month: input.month, lang: input.lang });
        kpis = await o.report.kpis(db, input.month).catch((e: unknown) => {
          log('the monthly report numbers for the mail failed', e);
          return null;
        });
      } catch (e) {
        log('making the monthly report PDF failed', e);
        const row = await record(db, { ...input, recipients: s.recipients, status: 'failed', error: 'report_failed', at: input.now() });
        return row;
      }
      const message: MessageInput = { month: input.month, lang: input.lang, from: s.from || null, to: s.recipients, kpis, pdf };
      if (input.channel === 'smtp') {
        const error = await smtp(s, message);
        return record(db, { ...input, recipients: s.recipients, status: error ? 'failed' : 'sent', error, at: input.now() });
      }
      // A draft: the .eml in the data dir, opened with the default mail program.
      const dir = join(o.dataDir, DRAFTS_DIR);
      await mkdir(dir, { recursive: true });
      const at = input.now();
      const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const path = join(dir, `monthly-report-${input.month}-${input.lang}-${stamp}.eml`);
      await writeFile(path, await composeDraft(message));
      const row = await record(db, { ...input, recipients: s.recipients, status: 'draft', error: null, at });
      const { url } = await ports.openDraft(path);
      return { ...row, url, fileName: basename(path) };
    },

    sends: (db, page) => listSends(db, page),
  };
}

export async function listSends(db: Kysely<Database>, page: { offset: number; limit: number; id?: number }): Promise<Paged<ReportSend>> {
  let q = db.selectFrom('report_sends as r');
  if (page.id !== undefined) q = q.where('r.id', '=', page.id);
  const rows = await q
    .leftJoin('users as u', 'u.id', 'r.by')
    .select(['r.id', 'r.month', 'r.channel', 'r.recipients', 'r.status', 'r.error', 'u.name as by', 'r.at'])
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      month: r.month,
      channel: r.channel as ReportChannel,
      recipients: JSON.parse(r.recipients) as string[],
      status: r.status as ReportSend['status'],
      error: r.error,
      by: r.by,
      at: r.at,
    })),
    total: Number(n),
  };
}
