import { ApiError } from '../../shared/errors';
import { createComplaint, complaintEvents, getComplaint, updateComplaint } from '../services/complaints';
import { listContacts, searchCustomers, searchProducts } from '../services/customers';
import { loadDemoData } from '../services/demo-data';
import { getPref, setPref } from '../services/prefs';
import { getFlag, getSettings, setFlag, updateSettings } from '../services/settings';
import { trackingCount, trackingPage } from '../services/tracking-query';
import { previewTrackingNumber } from '../services/tracking-numbers';
import type { HandlerContext, Handlers } from './dispatcher';
import { appendEvents } from '../services/audit';
import { addAttachment, locateAttachment, readAttachment, type StoredAttachment } from '../services/attachments';
import { attachStagedMail, checkStagedMail } from '../services/mail-import';
import { removeStagedMail } from '../services/mail-import-staging';
import { getCaseFile } from '../services/case-file';
import {
  assign,
  classify,
  recordAcceptance,
  recordAgreement,
  recordVerification,
  saveInvestigation,
  saveOptions,
  saveResponsibility,
  setDispute,
  setEscalation,
} from '../services/case-records';
import { checkSwitch, createProfile, listDepartments, listProfiles, saveDepartment, updateProfile } from '../services/profiles';
import { caseWorkflow, transition } from '../services/workflow';
import { feedbackFormPdf, printFeedbackForm } from '../print/feedback-form';
import type { FormPrinter } from '../print/port';
import type { RuleEngine } from '../services/rule-engine';
import { actorOf, caseChange, createEngineHandlers, emitNotified } from './handlers-engine';
import { createVisitHandlers } from './handlers-visits';
import { createReturnHandlers } from './handlers-returns';
import { createPartHandlers } from './handlers-parts';
import { createContractHandlers } from './handlers-contracts';
import { listCostLines } from '../services/cost-lines';
import { createCostHandlers } from './handlers-costs';
import { createAmortisationHandlers } from './handlers-amortisation';
import { createAnalysisHandlers } from './handlers-analysis';
import { createCapaHandlers } from './handlers-capa';
import { createReportHandlers } from './handlers-report';
import { createMailHandlers } from './handlers-mail';
import type { MailService } from '../services/mail';
import type { Store } from '../db/connection';
import type { WriteGate } from '../services/write-gate';
import type { DeskEventName } from '../../shared/contract';
import type { ShellPorts } from '../app';
import { createImportHandlers } from './handlers-import';
import { createMailImportHandlers } from './handlers-mail-import';
import { createExportHandlers } from './handlers-export';
import { createBackupHandlers } from './handlers-backup';

/**
 * The handler table: one entry per method of the contract (a missing one does not compile).
 * Handlers are thin: they pass the parsed input and the caller to a service.
 */
export interface AppInfo {
  version: string;
  dataDir: string;
  attachmentsDir: string;
  openAttachment(file: StoredAttachment & { id: number }): Promise<{ url: string | null }>;
  /** Paper and PDF of the feedback form; null where the shell has none. */
  printer: FormPrinter | null;
  /** The rule engine: every change to a case is evaluated by it in the same transaction. */
  engine: RuleEngine;
  /** Issue 7: sending the monthly report (settings, secret store, SMTP, drafts, the send log). */
  mail: MailService;
  /** Issue 8: the database file (an import's worker opens its own connection to it; a backup copies it). */
  dbFile: string;
  store: Store;
  gate: WriteGate;
  /** Events outside a call's transaction (an import's progress). */
  publish(event: DeskEventName, payload: unknown): void;
  shell: ShellPorts;
  clock(): Date;
  log(message: string, error: unknown): void;
  /** Work to finish when the app closes (an import's worker threads). */
  onClose(fn: () => Promise<void>): void;
}

export function createHandlers(info: AppInfo): Handlers {
  /**
   * Changes to the office itself (settings, profiles, departments) decide who may do what and who
   * must decide: they go into the audit trail too, on no case. A password never does: profiles
   * carry only whether one is set.
   */
  const auditOffice = async (ctx: HandlerContext, kind: string, field: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before) !== JSON.stringify(after)) await appendEvents(ctx.db, ctx.user.id, ctx.now, [{ complaintId: null, kind, field, before, after }]);
  };
  const actor = actorOf;
  const engine = info.engine;
  const viewer = async (ctx: HandlerContext) => ({ userId: ctx.user.id, now: ctx.now, timeZone: (await getSettings(ctx.db)).officeTimeZone });
  /** Runs a change to a case, re-evaluates its rules, tells the screens, and answers the case as it now is. */
  const change = caseChange(engine);
  /** Registration and intake edits: the engine decides the warranty and evaluates the rules at once. */
  const evaluated = async (ctx: HandlerContext, id: number) => {
    emitNotified(ctx, await engine.afterChange(ctx.db, { userId: ctx.user.id, now: ctx.now }, id));
    ctx.emit('complaints.changed', { ids: [id] });
    return getComplaint(ctx.db, id);
  };
  const status = async (ctx: HandlerContext) => {
    const n = await ctx.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return {
      firstRun: (await getFlag(ctx.db, 'onboarded')) !== true,
      complaintCount: Number(n.n),
      version: info.version,
      dataDir: info.dataDir,
      user: ctx.user,
    };
  };

  return {
    'app.status': (_, ctx) => status(ctx),
    'app.loadDemo': async (input, ctx) => {
      const any = await ctx.db.selectFrom('complaints').select('id').limit(1).executeTakeFirst();
      if (any) throw new ApiError('CONFLICT', 'demo data can only be loaded into an empty database');
      const complaints = await loadDemoData(ctx.db, { complaints: input.complaints, until: ctx.now, userId: ctx.user.id });
      await setFlag(ctx.db, 'onboarded', true);
      ctx.emit('app.dataReset', {});
      return { complaints };
    },
    'app.startEmpty': async (_, ctx) => {
      await setFlag(ctx.db, 'onboarded', true);
      return status(ctx);
    },

    'session.current': async (_, ctx) => ctx.user,

    'settings.get': (_, ctx) => getSettings(ctx.db),
    'settings.update': async (input, ctx) => {
      const before = await getSettings(ctx.db);
      const after = await updateSettings(ctx.db, input);
      await auditOffice(ctx, 'settings_changed', 'settings', before, after);
      return after;
    },
    'settings.previewTrackingNumber': async (input, ctx) => ({
      next: await previewTrackingNumber(ctx.db, input.format, ctx.now, (await getSettings(ctx.db)).officeTimeZone),
    }),

    'prefs.get': async (input, ctx) => ({ value: await getPref(ctx.db, ctx.user.id, input.key) }),
    'prefs.set': async (input, ctx) => {
      await setPref(ctx.db, ctx.user.id, input.key, input.value);
      return { value: input.value };
    },

    'customers.search': (input, ctx) => searchCustomers(ctx.db, input.q, input.limit),
    'customers.contacts': (input, ctx) => listContacts(ctx.db, input.customerId),
    'products.search': (input, ctx) => searchProducts(ctx.db, input.q, input.limit),

    'complaints.create': async ({ mailToken, ...intake }, ctx) => {
      // Issue 8: an imported e-mail's token is checked before anything is written.
      const mail = mailToken ? checkStagedMail(info.dataDir, mailToken, ctx.now) : null;
      const created = await createComplaint(actor(ctx), intake);
      if (mail) await attachStagedMail(actor(ctx), info.attachmentsDir, mail, created.id);
      const answer = await evaluated(ctx, created.id);
      // Last step of the transaction: only its commit can still fail, which leaves an unused blob or two.
      if (mail) removeStagedMail(info.dataDir, mail.token);
      return answer;
    },
    'complaints.update': async (input, ctx) => evaluated(ctx, (await updateComplaint(actor(ctx), input)).id),
    'complaints.get': (input, ctx) => getComplaint(ctx.db, input.id),
    'complaints.events': (input, ctx) => complaintEvents(ctx.db, input.id),
    'complaints.page': async (input, ctx) => trackingPage(ctx.db, input, await viewer(ctx)),
    'complaints.count': async (input, ctx) => ({ count: await trackingCount(ctx.db, input, await viewer(ctx)) }),

    'complaints.file': (input, ctx) => getCaseFile(ctx.db, input.id),
    'complaints.workflow': (input, ctx) => caseWorkflow(actor(ctx), input.id, engine),
    'complaints.transition': change((a, i: Parameters<typeof transition>[1]) => transition(a, i, engine)),
    'complaints.classify': change(classify),
    'complaints.assign': change(assign),
    'complaints.saveInvestigation': change(saveInvestigation),
    'complaints.saveOptions': change(saveOptions),
    'complaints.recordAgreement': change(recordAgreement),
    'complaints.saveResponsibility': async (input, ctx) => {
      const file = await change(saveResponsibility)(input, ctx);
      // The decision re-allocates the case's approved costs (issue 6): the amortisation views reload.
      ctx.emit('costs.changed', { complaintIds: [input.id] });
      return file;
    },
    'complaints.setEscalation': change(setEscalation),
    'complaints.setDispute': change(setDispute),
    'complaints.recordAcceptance': change(recordAcceptance),
    'complaints.recordVerification': change(recordVerification),

    'attachments.add': async (input, ctx) => {
      const a = await addAttachment(actor(ctx), info.attachmentsDir, input);
      ctx.emit('complaints.changed', { ids: [input.complaintId] });
      return a;
    },
    'attachments.open': async (input, ctx) => info.openAttachment({ id: input.id, ...(await locateAttachment(ctx, info.attachmentsDir, input.id)) }),
    'attachments.content': async (input, ctx) => {
      const f = await readAttachment(ctx, info.attachmentsDir, input.id);
      return { name: f.name, mime: f.mime, data: f.data.toString('base64') };
    },

    'print.feedbackForm': (input, ctx) => printFeedbackForm(ctx.db, info.printer, input),
    'print.feedbackFormPdf': (input, ctx) => feedbackFormPdf(ctx.db, info.printer, input),

    'session.profiles': (_, ctx) => listProfiles(ctx.db),
    'session.switch': async (input, ctx) => {
      await checkSwitch(ctx.db, input.userId, input.password);
      ctx.switchUser(input.userId);
      ctx.emit('session.changed', { userId: input.userId });
      const u = (await listProfiles(ctx.db)).find((p) => p.id === input.userId)!;
      return { id: u.id, name: u.name, role: u.role };
    },
    'users.list': (_, ctx) => listProfiles(ctx.db, true),
    'users.create': async (input, ctx) => {
      const u = await createProfile(ctx.db, input, ctx.now);
      await auditOffice(ctx, 'profile_created', `user:${u.id}`, null, u);
      return u;
    },
    'users.update': async (input, ctx) => {
      const before = (await listProfiles(ctx.db, true)).find((p) => p.id === input.id) ?? null;
      const u = await updateProfile(ctx.db, input);
      await auditOffice(ctx, 'profile_changed', `user:${u.id}`, before, u);
      return u;
    },
    'departments.list': (_, ctx) => listDepartments(ctx.db),
    'departments.save': async (input, ctx) => {
      const before = input.id === undefined ? null : ((await listDepartments(ctx.db)).find((d) => d.id === input.id) ?? null);
      const d = await saveDepartment(ctx.db, input, ctx.now);
      await auditOffice(ctx, before ? 'department_changed' : 'department_created', `department:${d.id}`, before, d);
      return d;
    },

    ...createEngineHandlers(engine),

    // Service work (issue 5), one file per part; the cost lines its records write.
    ...createVisitHandlers(info),
    ...createReturnHandlers(info),
    ...createPartHandlers(info),
    ...createContractHandlers(info),
    'costs.forCase': async (input, ctx) => {
      await getComplaint(ctx.db, input.id);
      return listCostLines(ctx.db, input.id);
    },
    // Costs, vetting and amortisation (issue 6).
    ...createCostHandlers(info),
    ...createAmortisationHandlers(info),
    // Analysis and reporting (issue 7).
    ...createAnalysisHandlers(info),
    ...createCapaHandlers(info),
    ...createReportHandlers(info),
    ...createMailHandlers(info),
    ...createImportHandlers(info),
    ...createMailImportHandlers(info),
    ...createExportHandlers(info),
    ...createBackupHandlers(info),
  };
}
