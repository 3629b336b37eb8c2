import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/errors';
import { rmaRoleBlocker, rmaStepsFrom } from '../../shared/rma-steps';
import type { Role } from '../../shared/domain';
import type { Rma, RmaAction } from '../../shared/service';
import type { Blocker } from '../../shared/types';
import { toApiError } from '../common/api-errors';
import { reasonText, sectionReasonText } from '../case/reasons';

/**
 * What this person may do with a return, as the shared step data says (main checks again, with
 * what the form holds), and the returns' reason codes in words: `returns.reason.<code>`, with the
 * return's state put into words first (the case page's translator knows only the case's states).
 */

type Reason = Pick<Blocker, 'code' | 'params' | 'message'>;

function withWords(t: TFunction, r: Reason): Reason {
  const s = r.params?.rmaState;
  return typeof s === 'string' ? { ...r, params: { ...r.params, rmaState: t(`returns.enum.state.${s}`, { defaultValue: s }) } } : r;
}

export function rmaReasonText(t: TFunction, r: Reason): string {
  return reasonText(t, withWords(t, r));
}

/** A failed call with its returns reasons ready for the case page's error display. */
export function withRmaWords(t: TFunction, raw: unknown): ApiError {
  const e = toApiError(raw);
  if (!e.issues.some((i) => typeof i.params?.rmaState === 'string')) return e;
  return new ApiError(
    e.code,
    e.message,
    e.issues.map((i) => ({ ...i, ...(i.params ? { params: withWords(t, i).params } : {}) })),
  );
}

export interface RmaButton {
  action: RmaAction;
  /** Why not, in words; null when the person may. */
  blocked: string | null;
}

/** The steps out of the return's state, each enabled or disabled with the reason. */
export function rmaButtons(t: TFunction, rma: Rma, role: Role | undefined, section: Blocker | null): RmaButton[] {
  return rmaStepsFrom(rma.state).map((action) => {
    if (section) return { action, blocked: sectionReasonText(t, section) };
    const b = role ? rmaRoleBlocker(action, rma.disposition, role) : null;
    return { action, blocked: b ? rmaReasonText(t, b) : null };
  });
}

/** Why this person may not ask for a return, or null. */
export function requestBlocked(t: TFunction, role: Role | undefined, section: Blocker | null): string | null {
  if (section) return sectionReasonText(t, section);
  const b = role ? rmaRoleBlocker('request', null, role) : null;
  return b ? rmaReasonText(t, b) : null;
}
