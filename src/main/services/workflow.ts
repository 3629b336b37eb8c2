import { CASE_SECTIONS, type ComplaintState } from '../../shared/domain';
import { calendarDateOf } from '../../shared/dates';
import type { CaseFile, CaseWorkflow } from '../../shared/types';
import type { ComplaintUpdate } from '../db/schema';
import type { z } from 'zod';
import type { transitionSchema } from '../../shared/schemas/lifecycle';
import { canEdit } from '../rules/case-edits';
import { chairmanReason, check, explain, PAID_SERVICE_STATUSES, type CaseFacts, type WorkflowSettings } from '../rules/workflow';
import { coveringContractsForCase } from './contracts';
import { factsOf, getCaseFile } from './case-file';
import type { AuditEntry } from './audit';
import { commitChange, loadForChange, refused, type Actor } from './case-change';
import { getSettings } from './settings';
import { notify, type Notified } from './notifications';
import type { RuleEngine } from './rule-engine';

/** Moving a case along the procedure: every step checked by the rules, explained when refused. */

export type TransitionInput = z.output<typeof transitionSchema>;

async function workflowSettings(a: Pick<Actor, 'db'>): Promise<WorkflowSettings> {
  return { chairmanCostThreshold: (await getSettings(a.db)).chairmanCostThreshold };
}

/**
 * What the rules read besides the case file (issue 5): whether the customer's acceptance of this
 * round of service is on file, the engine's warranty status, and a contract that pays for the work.
 */
async function serviceFacts(a: Pick<Actor, 'db' | 'now'>, file: CaseFile): Promise<Pick<CaseFacts, 'acceptanceOnFile' | 'warrantyStatus' | 'coveringContract'>> {
  // The last time the case went into service: a reopened or unsatisfied case needs a new acceptance.
  const transitions = await a.db
    .selectFrom('events')
    .select(['at', 'after'])
    .where('complaint_id', '=', file.id)
    .where('kind', '=', 'transition')
    .orderBy('id', 'desc')
    .execute();
  const entered = transitions.find((e) => e.after !== null && (JSON.parse(e.after) as { state?: string }).state === 'in_service')?.at ?? '';
  const acc = file.acceptance;
  const acceptanceOnFile =
    (!!acc && !!acc.acceptedBy.trim() && !!acc.acceptedOn && acc.recordedAt >= entered) ||
    file.attachments.some((x) => x.purpose === 'receipt' && x.uploadedAt >= entered);
  const warrantyStatus = file.warrantyStatus;
  let coveringContract: string | null = null;
  if (warrantyStatus && PAID_SERVICE_STATUSES.includes(warrantyStatus)) {
    const today = calendarDateOf(a.now, (await getSettings(a.db)).officeTimeZone);
    coveringContract = (await coveringContractsForCase(a.db, file.id, today))[0]?.contractNo ?? null;
  }
  return { acceptanceOnFile, warrantyStatus, coveringContract };
}

export async function caseWorkflow(a: Actor, id: number, engine: RuleEngine): Promise<CaseWorkflow> {
  const file = await getCaseFile(a.db, id);
  const facts = { ...factsOf(file), ...(await serviceFacts(a, file)), chairmanRequiredBy: await engine.chairmanRequirement(a.db, id, a.now) };
  const settings = await workflowSettings(a);
  const sections = Object.fromEntries(
    CASE_SECTIONS.map((s) => [s, canEdit(s, file.state as ComplaintState, a.role)]),
  ) as CaseWorkflow['sections'];
  return {
    actions: explain(facts, a.role, settings),
    sections,
    chairmanRequired: chairmanReason(facts, file.chosenOption ?? (facts.options.length === 1 ? 0 : null), settings),
  };
}

/** The copy of the chosen option's kind that complaints.chosen_kind keeps (the Pareto by repair type groups by it). */
const chosenKind = (file: CaseFile, optionIndex: number | null | undefined): string | null =>
  optionIndex == null ? null : (file.options[optionIndex]?.kind ?? null);

export async function transition(a: Actor, input: TransitionInput, engine: RuleEngine): Promise<Notified | void> {
  const file = await loadForChange(a, input.id, input.version, null);
  const optionIndex = input.optionIndex ?? (input.action === 'chairman_decide' ? file.chosenOption : null);
  // An escalation rule may require the chairman (issue 4); deciding, the rules read the case with the
  // option being chosen, so a cheaper choice than the highest proposal is not sent to him for its cost.
  const chairmanRequiredBy = await engine.chairmanRequirement(a.db, file.id, a.now, input.action === 'decide' ? optionIndex : null);
  const facts = { ...factsOf(file), ...(await serviceFacts(a, file)), chairmanRequiredBy };
  const settings = await workflowSettings(a);
  const lastVerification = file.verifications[file.verifications.length - 1];
  const verdict = check(
    input.action,
    facts,
    a.role,
    { reason: input.reason, optionIndex, resolved: lastVerification?.resolved ?? null },
    settings,
  );
  if (!verdict.allowed || !verdict.to) throw refused(verdict.reasons);

  const ts = a.now.toISOString();
  const set: ComplaintUpdate = { state: verdict.to, state_changed_at: ts };
  let notified: Notified | undefined;
  switch (input.action) {
    case 'reject':
      set.rejection_reason = input.reason;
      break;
    case 'accept': {
      // Seed 001: forward to production's after-sales team at once; non-quality stays with sales
      // administration (the routing rules), to the person with the fewest open cases; technical
      // questions are also told to technical support.
      const route = await engine.route(a.db, file.id);
      if (!file.ownerId && route.assignee.userId !== null) set.owner_id = route.assignee.userId;
      set.routing = JSON.stringify(route);
      if (route.notify.length) {
        notified = await notify(a.db, a.now, [
          { roles: route.notify, complaintId: file.id, kind: 'routed', payload: { trackingNo: file.trackingNo, team: route.team, reasons: route.reasons } },
        ]);
      }
      break;
    }
    case 'decide':
      Object.assign(set, { chosen_option: optionIndex, chosen_kind: chosenKind(file, optionIndex), decision_note: input.reason, decided_by: a.userId, decided_at: ts });
      break;
    case 'chairman_decide':
      Object.assign(set, { chosen_option: optionIndex, chosen_kind: chosenKind(file, optionIndex), chairman_note: input.reason, chairman_by: a.userId, chairman_at: ts });
      break;
    case 'close':
      set.closed_at = ts;
      break;
    case 'reopen':
      Object.assign(set, { closed_at: null, rejection_reason: null });
      break;
    default:
      break;
  }
  // The routing on accept changes the owner: the audit trail says so, as it does for complaints.assign.
  const routed: AuditEntry[] =
    set.owner_id !== undefined && set.owner_id !== file.ownerId
      ? [{ complaintId: file.id, kind: 'field_changed', field: 'owner', before: file.ownerId, after: set.owner_id }]
      : [];
  await commitChange(a, file, set, [
    {
      complaintId: file.id,
      kind: 'transition',
      field: input.action,
      before: file.state,
      after: {
        state: verdict.to,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(optionIndex != null && (input.action === 'decide' || input.action === 'chairman_decide') ? { option: optionIndex } : {}),
        ...(verdict.note ? { why: verdict.note.code } : {}),
      },
    },
    ...routed,
  ]);
  return notified;
}
