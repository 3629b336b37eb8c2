import type { Classification, ComplaintState, DefectCategory, Severity } from '../../shared/domain';
import type { ConditionField, SlaClockState } from '../../shared/schemas/rules-escalation';

/**
 * What escalation and routing rules can read about one case: a plain, JSON-serialisable object the
 * store builds (one query per batch, not per rule). Every field a condition may name is listed in
 * shared/schemas/rules-escalation.ts (`CONDITION_FIELDS`); the check at the bottom keeps both in step.
 * Fields marked "context" are not condition fields: they only make the reason sentences concrete.
 */

/** One SLA clock (the SLA module's figures, mapped to `SLA_CLOCK_STATES`). */
export interface SlaClockFacts {
  /** Business time used of the target, in percent (83 for 83 %); null when the clock does not apply. */
  percentUsed: number | null;
  state: SlaClockState;
}

export interface EscalationFacts {
  /** Context: the case, for dry-run samples and the batch result. */
  caseId: number;
  severity: Severity;
  classification: Classification | null;
  state: ComplaintState;
  /** Business hours since the case was received (SLA calendar). */
  ageBusinessHours: number;
  sla: { response: SlaClockFacts; onsite: SlaClockFacts; resolution: SlaClockFacts };
  /**
   * Complaints in the repeat window including this one (see repeat.ts `repeatFacts`): sameModel is
   * the same customer *and* the same model; sameSerial is 0 when the case has no serial number.
   */
  repeat: { windowDays: number; sameCustomer: number; sameModel: number; sameSerial: number };
  /** Fen: the chosen treatment option's estimate, or the highest proposed one before a decision. */
  estimatedCost: number;
  /** Someone flagged that the customer presses (threats, management calls, payment held back). */
  customerPressure: boolean;
  disputeOpen: boolean;
  /** Escalated by hand (the case's flag), never the engine's own result: keeps evaluation a pure function of the case. */
  escalated: boolean;
  /** Flagged as a technical question, for routing to technical support. */
  technicalQuestion: boolean;
  /** CAPA actions past their due date (0 until CAPA exists). */
  overdueCapaActions: number;
  defectCategory: DefectCategory;
  productModel: string;
  /** Context: for "3 complaints on serial …". */
  serialNo: string | null;
  /** Context: for "4 complaints from …". */
  customerName: string;
  customerTier: string | null;
}

/**
 * Reads a condition field (`sla.resolution.percentUsed`) from the facts. Undefined for a field the
 * facts lack, which every operator treats as "does not hold" (as json-rules-engine does).
 */
export function readPath(facts: object, segments: readonly string[]): unknown {
  let v: unknown = facts;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/** json-rules-engine's `pathResolver`: our paths are plain `$.a.b`, no need for JSONPath's parser. */
export const resolvePath = (value: object, path: string): unknown => readPath(value, path.replace(/^\$\./, '').split('.'));

// Compile-time: every condition field resolves to a property of EscalationFacts.
type Resolve<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? Resolve<T[H], R>
    : never
  : P extends keyof T
    ? T[P]
    : never;
type Unresolved = { [F in ConditionField]: [Resolve<EscalationFacts, F>] extends [never] ? F : never }[ConditionField];
const everyFieldResolves: [Unresolved] extends [never] ? true : Unresolved = true;
void everyFieldResolves;
