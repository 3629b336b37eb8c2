import { ApiError } from '../../shared/errors';
import { createComplaint, complaintEvents, getComplaint, updateComplaint } from '../services/complaints';
import { listContacts, searchCustomers, searchProducts } from '../services/customers';
import { loadDemoData } from '../services/demo-data';
import { getPref, setPref } from '../services/prefs';
import { getFlag, getSettings, setFlag, updateSettings } from '../services/settings';
import { trackingCount, trackingPage } from '../services/tracking-query';
import type { HandlerContext, Handlers } from './dispatcher';

/**
 * The handler table: one entry per method of the contract (a missing one does not compile).
 * Handlers are thin: they pass the parsed input and the caller to a service.
 */
export interface AppInfo {
  version: string;
  dataDir: string;
}

export function createHandlers(info: AppInfo): Handlers {
  const actor = (ctx: HandlerContext) => ({ db: ctx.db, userId: ctx.user.id, now: ctx.now });
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
    'settings.update': (input, ctx) => updateSettings(ctx.db, input),

    'prefs.get': async (input, ctx) => ({ value: await getPref(ctx.db, ctx.user.id, input.key) }),
    'prefs.set': async (input, ctx) => {
      await setPref(ctx.db, ctx.user.id, input.key, input.value);
      return { value: input.value };
    },

    'customers.search': (input, ctx) => searchCustomers(ctx.db, input.q, input.limit),
    'customers.contacts': (input, ctx) => listContacts(ctx.db, input.customerId),
    'products.search': (input, ctx) => searchProducts(ctx.db, input.q, input.limit),

    'complaints.create': async (input, ctx) => {
      const c = await createComplaint(actor(ctx), input);
      ctx.emit('complaints.changed', { ids: [c.id] });
      return c;
    },
    'complaints.update': async (input, ctx) => {
      const c = await updateComplaint(actor(ctx), input);
      ctx.emit('complaints.changed', { ids: [c.id] });
      return c;
    },
    'complaints.get': (input, ctx) => getComplaint(ctx.db, input.id),
    'complaints.events': (input, ctx) => complaintEvents(ctx.db, input.id),
    'complaints.page': async (input, ctx) => trackingPage(ctx.db, input, (await getSettings(ctx.db)).officeTimeZone),
    'complaints.count': async (input, ctx) => ({
      count: await trackingCount(ctx.db, input, (await getSettings(ctx.db)).officeTimeZone),
    }),
  };
}
