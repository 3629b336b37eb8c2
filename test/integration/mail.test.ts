import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { createDeskApp, type AppOptions, type DeskApp } from '../../src/main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import type { ApiErrorBody } from '../../src/shared/errors';
import { memorySecretStore } from '../../src/main/secrets/memory';
import type { FormTarget } from '../../src/shared/print';
import { makeTempDir, onCleanup } from './helpers';

/**
 * Issue 7, sending the monthly report: a real SMTP server (smtp-server on 127.0.0.1, login required)
 * receives the report with its PDF; a refused login, a server that is down, a draft `.eml` with
 * `X-Unsent: 1`; the password kept only in the secret store; the schedule on the first working day.
 * The report's PDF comes through the report's own function (print/monthly-report.ts) from a printer
 * that answers a tiny fixed PDF; test/e2e/mail-report.test.ts sends the real one.
 */

const PASSWORD = 'Zx9-SMTP-geheim-密码-4711';
const USER = 'desk@hengda.example.com';
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
}

async function startSmtp(opts: { password?: string } = {}): Promise<{ port: number; received: Received[]; logins: string[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    // Plain connections on the loopback: no self-signed certificate for the client to refuse.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      logins.push(auth.username ?? '');
      if (auth.username === USER && auth.password === (opts.password ?? PASSWORD)) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              mail,
            });
            cb();
          })
          .catch(cb);
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as { port: number }).port;
  const close = () => new Promise<void>((ok) => server.close(() => ok()));
  onCleanup(close);
  return { port, received, logins, close };
}

/** A port nobody listens on. */
async function deadPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

interface MailApp extends DeskApp {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  fail(method: MethodName, input: unknown): Promise<ApiErrorBody>;
  events: Array<[string, unknown]>;
  printed: FormTarget[];
  opened: string[];
  setNow(iso: string): void;
}

async function openMailApp(opts: Partial<AppOptions> & { dataDir?: string; now?: string; ports?: 'memory' | 'none' } = {}): Promise<MailApp> {
  const dataDir = opts.dataDir ?? makeTempDir();
  let now = new Date(opts.now ?? '2026-11-20T02:00:00.000Z');
  const printed: FormTarget[] = [];
  const opened: string[] = [];
  const secrets = memorySecretStore();
  const app = await createDeskApp({
    dataDir,
    version: 'test',
    log: () => undefined,
    scheduler: false,
    clock: () => now,
    printer: {
      pdf: async (t) => {
        printed.push(t);
        return TINY_PDF;
      },
    },
    ...(opts.ports === 'none'
      ? {}
      : {
          mail: {
            secrets: opts.mail?.secrets ?? secrets,
            openDraft: async (p: string) => {
              opened.push(p);
              return { url: null };
            },
          },
        }),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  onCleanup(close);
  const events: Array<[string, unknown]> = [];
  app.subscribe((e, p) => events.push([e, p]));
  return {
    ...app,
    close,
    events,
    printed,
    opened,
    setNow: (iso) => void (now = new Date(iso)),
    async call(method, input) {
      const r = await app.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    async fail(method, input) {
      const r = await app.dispatch(method, input);
      if (r.ok) throw new Error(`${method} should have failed`);
      return r.error;
    },
  };
}

const settings = (port: number, over: Partial<MethodInput<'report.saveMailSettings'>> = {}): MethodInput<'report.saveMailSettings'> => ({
  host: '127.0.0.1',
  port,
  secure: false,
  user: USER,
  from: 'desk@hengda.example.com',
  password: PASSWORD,
  recipients: ['chairman@hengda.example.com', 'production@hengda.example.com'],
  schedule: false,
  ...over,
});

describe('report.send by SMTP', () => {
  it('delivers the report with its PDF to every recipient, and logs it', async () => {
    const smtp = await startSmtp();
    const app = await openMailApp();
    const saved = await app.call('report.saveMailSettings', settings(smtp.port));
    expect(saved).toMatchObject({ host: '127.0.0.1', port: smtp.port, user: USER, passwordSet: true, secretStore: 'os', schedule: false });
    expect(saved).not.toHaveProperty('password');

    const r = await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' });
    expect(r).toMatchObject({ month: '2026-10', channel: 'smtp', status: 'sent', error: null, by: expect.any(String) });
    expect(r.recipients).toEqual(['chairman@hengda.example.com', 'production@hengda.example.com']);

    expect(smtp.logins).toEqual([USER]);
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.to).toEqual(['chairman@hengda.example.com', 'production@hengda.example.com']);
    expect(m.mail.subject).toBe('售后服务月度报告 2026-10 / After-sales monthly report');
    expect(m.mail.to && !Array.isArray(m.mail.to) ? m.mail.to.value.map((a) => a.address) : []).toEqual(r.recipients);
    expect(m.mail.text).toContain('本月受理');
    expect(m.mail.html).toContain('SLA');
    expect(m.mail.attachments).toHaveLength(1);
    const pdf = m.mail.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe('月度报告-2026-10.pdf');
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.content.equals(TINY_PDF)).toBe(true);
    // The report's own printer target: the month's page in the chosen language.
    expect(app.printed).toEqual([{ doc: 'monthly-report', id: 202610, lang: 'zh-CN' }]);
    // The password never travels in the message.
    expect(m.raw.toString('utf8')).not.toContain(PASSWORD);

    const log = await app.call('report.sends', {});
    expect(log.total).toBe(1);
    expect(log.rows[0]).toEqual(r);
    expect(app.events).toContainEqual(['report.sent', { id: r.id }]);
  });

  it('a refused login answers auth_failed, keeps the report, and logs the failure', async () => {
    const smtp = await startSmtp({ password: 'the-right-one' });
    const app = await openMailApp();
    await app.call('report.saveMailSettings', settings(smtp.port));
    const r = await app.call('report.send', { month: '2026-10', lang: 'en', channel: 'smtp' });
    expect(r).toMatchObject({ status: 'failed', error: 'auth_failed', channel: 'smtp', month: '2026-10' });
    expect(smtp.received).toHaveLength(0);
    const log = await app.call('report.sends', {});
    expect(log.rows).toEqual([r]);
    expect(app.events).toContainEqual(['report.sent', { id: r.id }]);

    // Retry after correcting the password: sent, newest first in the log.
    await app.call('report.saveMailSettings', settings(smtp.port, { password: 'the-right-one' }));
    app.setNow('2026-11-20T02:05:00.000Z');
    const again = await app.call('report.send', { month: '2026-10', lang: 'en', channel: 'smtp' });
    expect(again.status).toBe('sent');
    expect(smtp.received[0]!.mail.attachments[0]!.filename).toBe('monthly-report-2026-10.pdf');
    expect((await app.call('report.sends', {})).rows.map((x) => x.status)).toEqual(['sent', 'failed']);
  });

  it('a server that is down answers connection_failed', async () => {
    const app = await openMailApp();
    await app.call('report.saveMailSettings', settings(await deadPort()));
    const r = await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' });
    expect(r).toMatchObject({ status: 'failed', error: 'connection_failed' });
    expect((await app.call('report.sends', {})).total).toBe(1);
  });

  it('without settings, or with a login but no password, answers not_configured', async () => {
    const app = await openMailApp();
    expect(await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' })).toMatchObject({ status: 'failed', error: 'not_configured' });
    await app.call('report.saveMailSettings', settings(25, { password: undefined }));
    expect((await app.call('report.mailSettings', {})).passwordSet).toBe(false);
    expect(await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' })).toMatchObject({ status: 'failed', error: 'not_configured' });
  });
});

describe('report.send as a draft', () => {
  it('writes an .eml with X-Unsent: 1 and the PDF to drafts/ and opens it', async () => {
    const app = await openMailApp();
    await app.call('report.saveMailSettings', settings(25, { password: undefined, user: null }));
    const r = await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'draft' });
    expect(r).toMatchObject({ status: 'draft', channel: 'draft', error: null });
    const dir = join(app.dataDir, 'drafts');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(app.opened).toEqual([join(dir, files[0]!)]);
    const raw = readFileSync(join(dir, files[0]!));
    expect(raw.toString('latin1')).toMatch(/^X-Unsent: 1\r?$/m);
    const mail = await simpleParser(raw);
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.subject).toBe('售后服务月度报告 2026-10 / After-sales monthly report');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual(['chairman@hengda.example.com', 'production@hengda.example.com']);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('月度报告-2026-10.pdf');
    expect(mail.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await app.call('report.sends', {})).rows[0]).toMatchObject({ id: r.id, status: 'draft' });
  });

  it('on the headless host: no secret store (a password is refused), and the draft comes back as a download', async () => {
    const app = await openMailApp({ ports: 'none' });
    expect(await app.call('report.mailSettings', {})).toMatchObject({ secretStore: 'unavailable', passwordSet: false, host: '', recipients: [] });
    const e = await app.fail('report.saveMailSettings', settings(25));
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([expect.objectContaining({ path: 'password', code: 'secret_store_unavailable' })]);
    // Nothing was kept of the refused save.
    expect((await app.call('report.mailSettings', {})).host).toBe('');
    expect(app.store.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE kind = 'mail_settings_changed'`).get()).toEqual({ n: 0 });

    await app.call('report.saveMailSettings', settings(25, { password: undefined }));
    const r = (await app.call('report.send', { month: '2026-10', lang: 'en', channel: 'draft' })) as MethodOutput<'report.send'> & { url?: string; fileName?: string };
    expect(r.status).toBe('draft');
    expect(r.fileName).toMatch(/^monthly-report-2026-10-en-.*\.eml$/);
    expect(r.url).toMatch(/^data:message\/rfc822;base64,/);
    const mail = await simpleParser(Buffer.from(r.url!.split(',')[1]!, 'base64'));
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.attachments[0]!.filename).toBe('monthly-report-2026-10.pdf');
  });
});

describe('the SMTP password', () => {
  it('is kept only in the secret store: never in the database file, its events or the pushed events', async () => {
    const smtp = await startSmtp();
    const secrets = memorySecretStore();
    const app = await openMailApp({ mail: { secrets } });
    await app.call('report.saveMailSettings', settings(smtp.port));
    expect(secrets.values.get('mail.smtp.password')).toBe(PASSWORD);
    expect((await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' })).status).toBe('sent');
    // Changing another field keeps the password (left out); removing it with null.
    await app.call('report.saveMailSettings', settings(smtp.port, { password: undefined, port: smtp.port, recipients: ['chairman@hengda.example.com'] }));
    expect((await app.call('report.mailSettings', {})).passwordSet).toBe(true);

    const audit = app.store.sqlite.prepare(`SELECT kind, field, before, after FROM events WHERE kind = 'mail_settings_changed' ORDER BY id`).all() as Array<{ before: string; after: string }>;
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ host: '127.0.0.1', user: USER, passwordSet: true });
    expect(JSON.parse(audit[0]!.before)).toMatchObject({ host: '', passwordSet: false });
    for (const row of audit) expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(JSON.stringify(app.events)).not.toContain(PASSWORD);
    expect(JSON.stringify(await app.call('report.mailSettings', {}))).not.toContain(PASSWORD);

    const dbFile = join(app.dataDir, 'after-sales-desk.db');
    await app.close();
    const bytes = Buffer.concat([readFileSync(dbFile), ...['-wal', '-journal'].filter((s) => existsSync(dbFile + s)).map((s) => readFileSync(dbFile + s))]);
    // The probe is real: the file holds the settings it was given.
    expect(bytes.includes(Buffer.from(USER))).toBe(true);
    for (const enc of ['utf8', 'utf16le', 'latin1'] as const) expect(bytes.includes(Buffer.from(PASSWORD, enc))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(PASSWORD).toString('base64')))).toBe(false);
  });

  it('is removed with null', async () => {
    const secrets = memorySecretStore();
    const app = await openMailApp({ mail: { secrets } });
    await app.call('report.saveMailSettings', settings(25));
    expect((await app.call('report.saveMailSettings', settings(25, { password: null }))).passwordSet).toBe(false);
    expect(secrets.values.size).toBe(0);
  });

  it('may be changed only by the reporting roles', async () => {
    const app = await openMailApp();
    const u = await app.call('users.create', { name: '赵工', role: 'production_technology' });
    await app.call('session.switch', { userId: u.id });
    expect((await app.fail('report.saveMailSettings', settings(25))).code).toBe('FORBIDDEN');
    expect((await app.fail('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' })).code).toBe('FORBIDDEN');
    expect((await app.call('report.mailSettings', {})).passwordSet).toBe(false);
  });
});

describe('the schedule', () => {
  const count = (app: MailApp, sql: string) => (app.store.sqlite.prepare(sql).get() as { n: number }).n;

  it('sends the previous month once on the first working day after 09:00, and catches up after the app was closed', async () => {
    const smtp = await startSmtp();
    const secrets = memorySecretStore();
    const dataDir = makeTempDir();
    // October 2026: the 1st to the 7th are the National Day holidays; the 8th is the first working day.
    let app = await openMailApp({ dataDir, mail: { secrets }, now: '2026-09-30T03:00:00.000Z' });
    await app.call('report.saveMailSettings', settings(smtp.port, { schedule: true }));
    for (const at of ['2026-09-30T03:00:00.000Z', '2026-10-01T02:00:00.000Z', '2026-10-06T05:00:00.000Z', '2026-10-08T00:55:00.000Z']) {
      app.setNow(at);
      await app.scheduler.runOnce();
    }
    expect(smtp.received).toHaveLength(0);
    app.setNow('2026-10-08T01:01:00.000Z'); // 09:01 in Shanghai
    await app.scheduler.runOnce();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mail.subject).toBe('售后服务月度报告 2026-09 / After-sales monthly report');
    for (const at of ['2026-10-08T01:02:00.000Z', '2026-10-09T03:00:00.000Z', '2026-10-30T03:00:00.000Z']) {
      app.setNow(at);
      await app.scheduler.runOnce();
    }
    expect(smtp.received).toHaveLength(1);
    expect((await app.call('report.sends', {})).rows).toEqual([expect.objectContaining({ month: '2026-09', status: 'sent', by: null, channel: 'smtp' })]);
    expect(app.events).toContainEqual(['report.sent', { id: expect.any(Number) }]);
    await app.close();

    // Closed over the first working day of November (Monday the 2nd): the start on the 4th catches up, once.
    app = await openMailApp({ dataDir, mail: { secrets }, now: '2026-11-04T06:00:00.000Z' });
    await app.scheduler.runOnce();
    await app.scheduler.runOnce();
    app.setNow('2026-11-04T08:00:00.000Z');
    await app.scheduler.runOnce();
    expect(smtp.received.map((m) => m.mail.subject)).toEqual([
      '售后服务月度报告 2026-09 / After-sales monthly report',
      '售后服务月度报告 2026-10 / After-sales monthly report',
    ]);
    expect(count(app, `SELECT count(*) AS n FROM report_sends WHERE status = 'sent'`)).toBe(2);
  });

  it('does nothing when off, and a month sent by hand is not sent again', async () => {
    const smtp = await startSmtp();
    const app = await openMailApp({ now: '2026-11-02T02:00:00.000Z' });
    await app.call('report.saveMailSettings', settings(smtp.port));
    await app.scheduler.runOnce();
    expect(smtp.received).toHaveLength(0);
    expect((await app.call('report.send', { month: '2026-10', lang: 'zh-CN', channel: 'smtp' })).status).toBe('sent');
    await app.call('report.saveMailSettings', settings(smtp.port, { schedule: true, password: undefined }));
    await app.scheduler.runOnce();
    expect(smtp.received).toHaveLength(1);
  });

  it('a failure is logged and told to the sales administrators once, and retried at most hourly', async () => {
    const smtp = await startSmtp({ password: 'changed-on-the-server' });
    const app = await openMailApp({ now: '2026-11-02T02:00:00.000Z' });
    const admin = await app.call('users.create', { name: '张敏', role: 'sales_admin' });
    await app.call('report.saveMailSettings', settings(smtp.port, { schedule: true }));
    await app.scheduler.runOnce();
    for (const at of ['2026-11-02T02:01:00.000Z', '2026-11-02T02:30:00.000Z', '2026-11-02T02:59:00.000Z']) {
      app.setNow(at);
      await app.scheduler.runOnce();
    }
    expect(smtp.logins).toHaveLength(1);
    const failed = `SELECT count(*) AS n FROM report_sends WHERE status = 'failed' AND error = 'auth_failed' AND by IS NULL AND month = '2026-10'`;
    expect(count(app, failed)).toBe(1);
    const notices = app.store.sqlite.prepare(`SELECT user_id AS userId, role, kind, payload FROM notifications`).all() as Array<{ userId: number; role: string; kind: string; payload: string }>;
    expect(notices).toEqual([{ userId: admin.id, role: 'sales_admin', kind: 'report_failed', payload: expect.any(String) }]);
    expect(JSON.parse(notices[0]!.payload)).toMatchObject({ month: '2026-10', error: 'auth_failed' });
    expect(app.events).toContainEqual(['notifications.changed', { roles: ['sales_admin'], userIds: [admin.id] }]);

    // An hour later: tried again, failed again, not told again.
    app.setNow('2026-11-02T03:01:00.000Z');
    await app.scheduler.runOnce();
    expect(smtp.logins).toHaveLength(2);
    expect(count(app, failed)).toBe(2);
    expect(count(app, 'SELECT count(*) AS n FROM notifications')).toBe(1);
  });
});
