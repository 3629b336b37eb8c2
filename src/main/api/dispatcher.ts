import type { Kysely } from 'kysely';
import {
  contract,
  isMethodName,
  type DeskEventName,
  type DeskEvents,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../shared/contract';
import { ApiError, type ApiResult } from '../../shared/errors';
import type { User } from '../../shared/types';
import type { Database } from '../db/schema';
import { toFieldIssues } from './issues';
import type { WriteGate } from '../services/write-gate';

/**
 * The one door into the services. Both transports (Electron IPC and the host's HTTP) call
 * `dispatch`; it validates the input with the method's zod schema, checks the caller's role,
 * runs the handler (in a write transaction when the method mutates), and turns every failure into
 * a typed error. Events reach listeners only after the transaction has committed.
 */

export interface HandlerContext {
  db: Kysely<Database>;
  user: User;
  /** One clock per call, so that every row a call writes carries the same instant. */
  now: Date;
  emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]): void;
  /** Makes another local profile the one working from the next call on. */
  switchUser(userId: number): void;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: HandlerContext) => Promise<MethodOutput<M>>;
/** The handler table: a missing or extra method is a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };

export interface DispatcherDeps {
  db: Kysely<Database>;
  handlers: Handlers;
  /** Who is working now (local profile); resolved on every call so a switch takes effect at once. */
  currentUser(): Promise<User>;
  switchUser(userId: number): void;
  publish(event: DeskEventName, payload: unknown): void;
  log?(message: string, error: unknown): void;
  clock?(): Date;
  /** Issue 8: mutating calls write as shared writers; an import or a restore holding it makes them wait. */
  gate?: WriteGate;
}

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const clock = deps.clock ?? (() => new Date());
  const gated = <T>(fn: () => Promise<T>): Promise<T> => (deps.gate ? deps.gate.shared(fn) : fn());
  return async (method, rawInput) => {
    try {
      if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', `unknown method: ${String(method).slice(0, 100)}`);
      const value = await run(method, rawInput ?? {});
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e.toBody() };
      deps.log?.(`api ${String(method).slice(0, 100)} failed`, e);
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error; see the log' } };
    }
  };

  async function run<M extends MethodName>(method: M, rawInput: unknown): Promise<MethodOutput<M>> {
    const def = contract[method];
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error, rawInput);
      throw new ApiError('VALIDATION', issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; '), issues);
    }
    const user = await deps.currentUser();
    if (!(def.roles as readonly string[]).includes(user.role)) {
      throw new ApiError('FORBIDDEN', `the role ${user.role} may not call ${method}`);
    }
    const handler = deps.handlers[method] as Handler<M>;
    const pending: Array<[DeskEventName, unknown]> = [];
    const base = {
      user,
      now: clock(),
      emit: (e: DeskEventName, p: unknown) => void pending.push([e, p]),
      switchUser: deps.switchUser,
    };
    const input = parsed.data as ParsedInput<M>;
    const out = def.mutates
      ? await gated(() => deps.db.transaction().execute((trx) => handler(input, { ...base, db: trx })))
      : await handler(input, { ...base, db: deps.db });
    for (const [e, p] of pending) deps.publish(e, p);
    return out;
  }
}
