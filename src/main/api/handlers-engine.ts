import type { CaseFile } from '../../shared/types';
import { getCaseFile } from '../services/case-file';
import type { Actor } from '../services/case-change';
import { markReviewed, setCustomerPressure, setWaitingCustomer } from '../services/case-flags';
import { calendarStatus, getCalendarYear, removeCalendarDay, setCalendarDay } from '../services/calendar';
import { listNotifications, markNotificationsRead, type Notified } from '../services/notifications';
import type { RuleEngine } from '../services/rule-engine';
import { currentDocuments, documentHistory, saveRule, setRuleEnabled } from '../services/rule-store';
import { getSettings } from '../services/settings';
import { trackingPage } from '../services/tracking-query';
import type { HandlerContext, Handlers } from './dispatcher';

/**
 * The rule engine's part of the handler table (issue 4), and the one path every change to a case
 * takes: the change, then the engine on the changed case in the same transaction, then the events.
 */

type EngineMethods =
  | 'rules.list'
  | 'rules.history'
  | 'rules.save'
  | 'rules.setEnabled'
  | 'rules.dryRun'
  | 'calendar.get'
  | 'calendar.setDay'
  | 'calendar.removeDay'
  | 'calendar.status'
  | 'complaints.engine'
  | 'complaints.setWaitingCustomer'
  | 'complaints.setCustomerPressure'
  | 'notifications.list'
  | 'notifications.markRead'
  | 'management.reviewList'
  | 'management.markReviewed';

export const actorOf = (ctx: HandlerContext): Actor => ({ db: ctx.db, userId: ctx.user.id, role: ctx.user.role, now: ctx.now });

/** Tells the screens whose notification list changed. */
export function emitNotified(ctx: HandlerContext, ...all: Array<Notified | void>): void {
  const roles = new Set(all.flatMap((n) => n?.roles ?? []));
  const userIds = new Set(all.flatMap((n) => n?.userIds ?? []));
  if (roles.size || userIds.size) ctx.emit('notifications.changed', { roles: [...roles], userIds: [...userIds] });
}

/**
 * Runs a change to a case, re-evaluates its rules (warranty, SLA, escalation) in the same
 * transaction, tells the screens, and answers the case as it now is.
 */
export function caseChange(engine: RuleEngine) {
  return <I extends { id: number }>(fn: (a: Actor, input: I) => Promise<Notified | void>) =>
    async (input: I, ctx: HandlerContext): Promise<CaseFile> => {
      const told = await fn(actorOf(ctx), input);
      const escalated = await engine.afterChange(ctx.db, { userId: ctx.user.id, now: ctx.now }, input.id);
      ctx.emit('complaints.changed', { ids: [input.id] });
      emitNotified(ctx, told, escalated);
      return getCaseFile(ctx.db, input.id);
    };
}

export function createEngineHandlers(engine: RuleEngine): Pick<Handlers, EngineMethods> {
  const change = caseChange(engine);
  const who = (ctx: HandlerContext) => ({ userId: ctx.user.id, role: ctx.user.role, now: ctx.now });
  return {
    'rules.list': (input, ctx) => currentDocuments(ctx.db, input.kind),
    'rules.history': (input, ctx) => documentHistory(ctx.db, input.kind, input.key),
    'rules.save': async (input, ctx) => {
      const { document, bumped } = await saveRule(ctx.db, who(ctx), input);
      if (bumped) ctx.emit('rules.changed', { kind: input.kind });
      return { document, bumped };
    },
    'rules.setEnabled': async (input, ctx) => {
      const r = await setRuleEnabled(ctx.db, who(ctx), input);
      if (r.bumped) ctx.emit('rules.changed', { kind: input.kind });
      return r;
    },
    'rules.dryRun': (input, ctx) => engine.dryRun(ctx.db, input.data, ctx.now, input.sampleSize),

    'calendar.get': (input, ctx) => getCalendarYear(ctx.db, input.year),
    'calendar.setDay': async (input, ctx) => {
      const day = await setCalendarDay(ctx.db, who(ctx), input);
      ctx.emit('rules.changed', { kind: 'calendar' });
      return day;
    },
    'calendar.removeDay': async (input, ctx) => {
      const r = await removeCalendarDay(ctx.db, who(ctx), input.date);
      if (r.removed) ctx.emit('rules.changed', { kind: 'calendar' });
      return r;
    },
    'calendar.status': (_, ctx) => calendarStatus(ctx.db, ctx.now),

    'complaints.engine': (input, ctx) => engine.view(ctx.db, input.id, ctx.now),
    'complaints.setWaitingCustomer': change(setWaitingCustomer),
    'complaints.setCustomerPressure': change(setCustomerPressure),

    'notifications.list': (input, ctx) => listNotifications(ctx.db, ctx.user, input),
    'notifications.markRead': (input, ctx) => markNotificationsRead(ctx.db, ctx.user, input.ids, ctx.now),

    'management.reviewList': async (input, ctx) =>
      trackingPage(
        ctx.db,
        { ...input, filterModel: {}, quickSearch: '', view: 'management_review', sortModel: [{ colId: 'receivedAt', sort: 'asc' }] },
        { userId: ctx.user.id, now: ctx.now, timeZone: (await getSettings(ctx.db)).officeTimeZone },
      ),
    'management.markReviewed': change(markReviewed),
  };
}
