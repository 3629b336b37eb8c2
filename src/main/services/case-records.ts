import type { z } from 'zod';
import { fieldError } from '../../shared/errors';
import type {
  acceptanceSchema,
  agreementSchema,
  assignSchema,
  classifySchema,
  disputeSchema,
  escalationSchema,
  investigationSchema,
  optionsSchema,
  responsibilitySchema,
  verificationSchema,
} from '../../shared/schemas/lifecycle';
import type { AuditEntry } from './audit';
import { commitChange, loadForChange, type Actor } from './case-change';
import { getSettings } from './settings';
import { reconcileCase } from './amortisation';

/**
 * The parts of the customer feedback processing form filled in after registration: classification,
 * owner, investigation, treatment options, the customer's agreement, responsibility, escalation,
 * dispute, acceptance and verification. Each write is checked by case-edits rules and audited.
 */

type In<S extends z.ZodType> = z.output<S>;

const changed = (id: number, field: string, before: unknown, after: unknown): AuditEntry[] =>
  JSON.stringify(before) === JSON.stringify(after) ? [] : [{ complaintId: id, kind: 'field_changed', field, before, after }];

export async function classify(a: Actor, i: In<typeof classifySchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'classification');
  const events = changed(f.id, 'classification', f.classification, i.classification);
  if (!events.length) return;
  await commitChange(a, f, { classification: i.classification }, events);
}

export async function assign(a: Actor, i: In<typeof assignSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'assignment');
  if (i.ownerId !== null) {
    const u = await a.db.selectFrom('users').select('id').where('id', '=', i.ownerId).where('active', '=', 1).executeTakeFirst();
    if (!u) throw fieldError('ownerId', 'not_found', 'no such active profile');
  }
  const events = changed(f.id, 'owner', f.ownerId, i.ownerId);
  if (!events.length) return;
  await commitChange(a, f, { owner_id: i.ownerId }, events);
}

export async function saveInvestigation(a: Actor, i: In<typeof investigationSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'investigation');
  // Before the first save there is no investigation: nothing chosen, no whys.
  const before = f.investigation ?? { cause: null, countermeasures: null, method: null, whys: [], containment: null, rootCauseVerified: null, permanentAction: null, prevention: null, technicalSupport: null };
  const after = { ...i, whys: i.whys.filter((w) => w.length > 0) };
  const fields = ['cause', 'countermeasures', 'method', 'whys', 'containment', 'rootCauseVerified', 'permanentAction', 'prevention', 'technicalSupport'] as const;
  const events = fields.flatMap((k) => changed(f.id, `investigation.${k}`, before[k], after[k]));
  if (!events.length) return;
  const row = {
    cause: i.cause,
    countermeasures: i.countermeasures,
    method: i.method,
    whys: JSON.stringify(after.whys),
    containment: i.containment,
    root_cause_verified: i.rootCauseVerified,
    permanent_action: i.permanentAction,
    prevention: i.prevention,
    technical_support: i.technicalSupport,
    updated_at: a.now.toISOString(),
    updated_by: a.userId,
  };
  await a.db
    .insertInto('investigations')
    .values({ complaint_id: f.id, ...row })
    .onConflict((oc) => oc.column('complaint_id').doUpdateSet(row))
    .execute();
  await commitChange(a, f, {}, events);
}

export async function saveOptions(a: Actor, i: In<typeof optionsSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'options');
  const strip = (os: ReadonlyArray<(typeof i.options)[number]>) => os.map(({ kind, description, estimatedCost, payer }) => ({ kind, description, estimatedCost, payer }));
  const events = changed(f.id, 'options', strip(f.options), strip(i.options));
  if (!events.length) return;
  const currency = (await getSettings(a.db)).baseCurrency;
  await a.db.deleteFrom('treatment_options').where('complaint_id', '=', f.id).execute();
  if (i.options.length) {
    await a.db
      .insertInto('treatment_options')
      .values(
        i.options.map((o, position) => ({
          complaint_id: f.id,
          position,
          kind: o.kind,
          description: o.description,
          estimated_cost: o.estimatedCost,
          currency,
          payer: o.payer,
        })),
      )
      .execute();
  }
  // A decided case keeps its copy of the chosen option's kind (the Pareto by repair type) in step.
  const chosenKind = f.chosenOption === null ? undefined : (i.options[f.chosenOption]?.kind ?? null);
  await commitChange(a, f, chosenKind === undefined ? {} : { chosen_kind: chosenKind }, events);
}

export async function recordAgreement(a: Actor, i: In<typeof agreementSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'agreement');
  const view = (x: { agreed: boolean; customerPerson: string; agreedOn: string; amount: number; note: string | null } | null) =>
    x && { agreed: x.agreed, customerPerson: x.customerPerson, agreedOn: x.agreedOn, amount: x.amount, note: x.note };
  const events = changed(f.id, 'agreement', view(f.agreement), view(i));
  if (!events.length) return;
  const row = {
    agreed: i.agreed ? 1 : 0,
    customer_person: i.customerPerson,
    agreed_on: i.agreedOn,
    amount: i.amount,
    note: i.note,
    recorded_by: a.userId,
    recorded_at: a.now.toISOString(),
  };
  await a.db
    .insertInto('customer_agreements')
    .values({ complaint_id: f.id, ...row })
    .onConflict((oc) => oc.column('complaint_id').doUpdateSet(row))
    .execute();
  await commitChange(a, f, { customer_agreed: i.agreed ? 1 : 0 }, events);
}

export async function saveResponsibility(a: Actor, i: In<typeof responsibilitySchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'responsibility');
  const view = (es: ReadonlyArray<{ departmentId: number | null; personName: string | null; shareBp: number; note: string | null }>) =>
    es.map(({ departmentId, personName, shareBp, note }) => ({ departmentId, personName, shareBp, note }));
  const events = changed(f.id, 'responsibility', view(f.responsibilities), view(i.entries));
  if (!events.length) return;
  const ids = [...new Set(i.entries.map((e) => e.departmentId).filter((d): d is number => d !== null))];
  if (ids.length) {
    const found = await a.db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
    const missing = ids.find((d) => !found.some((x) => x.id === d));
    if (missing !== undefined) throw fieldError('entries', 'not_found', `no department with id ${missing}`);
  }
  await a.db.deleteFrom('responsibilities').where('complaint_id', '=', f.id).execute();
  if (i.entries.length) {
    await a.db
      .insertInto('responsibilities')
      .values(
        i.entries.map((e) => ({ complaint_id: f.id, department_id: e.departmentId, person_name: e.personName, share_bp: e.shareBp, note: e.note, received_at: f.receivedAt })),
      )
      .execute();
  }
  await commitChange(a, f, {}, events);
  // Issue 6: the case's approved costs follow the decision (adjustments where a period is closed).
  await reconcileCase(a.db, f.id, a.now);
}

export async function setEscalation(a: Actor, i: In<typeof escalationSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'escalation');
  const events = changed(f.id, 'escalation', { escalated: f.escalated, reason: f.escalationReason }, { escalated: i.escalated, reason: i.escalated ? i.reason : null });
  if (!events.length) return;
  await commitChange(a, f, { escalated: i.escalated ? 1 : 0, escalation_reason: i.escalated ? i.reason : null }, events);
}

export async function setDispute(a: Actor, i: In<typeof disputeSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'dispute');
  const events = changed(f.id, 'dispute', { open: f.disputeOpen, note: f.disputeNote }, { open: i.open, note: i.note });
  if (!events.length) return;
  await commitChange(a, f, { dispute_open: i.open ? 1 : 0, dispute_note: i.note }, events);
}

export async function recordAcceptance(a: Actor, i: In<typeof acceptanceSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'acceptance');
  if (i.receiptAttachmentId !== null && !f.attachments.some((x) => x.id === i.receiptAttachmentId)) {
    throw fieldError('receiptAttachmentId', 'not_found', 'the receipt must be an attachment of this case');
  }
  if (i.acceptedOn < f.receivedAt.slice(0, 10)) {
    throw fieldError('acceptedOn', 'before_receipt', 'the acceptance cannot be before the complaint was received');
  }
  const view = (x: { acceptedBy: string; acceptedOn: string; receiptAttachmentId: number | null; note: string | null } | null) =>
    x && { acceptedBy: x.acceptedBy, acceptedOn: x.acceptedOn, receiptAttachmentId: x.receiptAttachmentId, note: x.note };
  // An acceptance recorded before the case came (back) into service does not count any more (case-file
  // factsOf): recording it again is a new act, and the trail shows it even if nothing else differs.
  const outdated = !!f.acceptance && !!f.stateChangedAt && f.acceptance.recordedAt < f.stateChangedAt;
  const events: AuditEntry[] = outdated
    ? [{ complaintId: f.id, kind: 'field_changed', field: 'acceptance', before: view(f.acceptance), after: view(i) }]
    : changed(f.id, 'acceptance', view(f.acceptance), view(i));
  if (!events.length) return;
  const row = {
    accepted_by: i.acceptedBy,
    accepted_on: i.acceptedOn,
    receipt_attachment_id: i.receiptAttachmentId,
    note: i.note,
    recorded_by: a.userId,
    recorded_at: a.now.toISOString(),
  };
  await a.db
    .insertInto('acceptances')
    .values({ complaint_id: f.id, ...row })
    .onConflict((oc) => oc.column('complaint_id').doUpdateSet(row))
    .execute();
  await commitChange(a, f, {}, events);
}

export async function recordVerification(a: Actor, i: In<typeof verificationSchema>): Promise<void> {
  const f = await loadForChange(a, i.id, i.version, 'verification');
  const verifiedAt = new Date(i.verifiedAt).toISOString();
  if (verifiedAt < f.receivedAt) throw fieldError('verifiedAt', 'before_receipt', 'the verification cannot be before the complaint was received');
  await a.db
    .insertInto('verifications')
    .values({
      complaint_id: f.id,
      channel: i.channel,
      contact_name: i.contactName,
      verified_at: verifiedAt,
      resolved: i.resolved ? 1 : 0,
      satisfaction: i.satisfaction,
      note: i.note,
      recorded_by: a.userId,
      recorded_at: a.now.toISOString(),
    })
    .execute();
  await commitChange(a, f, {}, [
    {
      complaintId: f.id,
      kind: 'verification',
      field: 'verification',
      after: { channel: i.channel, contactName: i.contactName, verifiedAt, resolved: i.resolved, satisfaction: i.satisfaction, note: i.note },
    },
  ]);
}
