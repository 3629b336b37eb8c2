import type { Kysely } from 'kysely';
import type { ComplaintState, Payer, Severity, TreatmentKind, VerificationChannel } from '../../shared/domain';
import type { CaseFile, Investigation } from '../../shared/types';
import type { Database } from '../db/schema';
import type { CaseFacts } from '../rules/workflow';
import { getComplaint } from './complaints';

/**
 * A case with everything the feedback form holds, read in a handful of indexed queries, and the
 * facts the workflow rules judge it by.
 */

export async function getCaseFile(db: Kysely<Database>, id: number): Promise<CaseFile> {
  const detail = await getComplaint(db, id);
  const c = await db
    .selectFrom('complaints')
    .leftJoin('users as dm', 'dm.id', 'complaints.decided_by')
    .leftJoin('users as ch', 'ch.id', 'complaints.chairman_by')
    .select([
      'complaints.escalation_reason as escalationReason',
      'complaints.dispute_note as disputeNote',
      'complaints.rejection_reason as rejectionReason',
      'complaints.chosen_option as chosenOption',
      'complaints.decision_note as decisionNote',
      'dm.name as decidedBy',
      'complaints.decided_at as decidedAt',
      'complaints.chairman_note as chairmanNote',
      'ch.name as chairmanBy',
      'complaints.chairman_at as chairmanAt',
    ])
    .where('complaints.id', '=', id)
    .executeTakeFirstOrThrow();

  const inv = await db
    .selectFrom('investigations')
    .innerJoin('users', 'users.id', 'investigations.updated_by')
    .selectAll('investigations')
    .select('users.name as updatedByName')
    .where('complaint_id', '=', id)
    .executeTakeFirst();
  const investigation: Investigation | null = inv
    ? {
        cause: inv.cause,
        countermeasures: inv.countermeasures,
        method: inv.method as Investigation['method'],
        whys: JSON.parse(inv.whys) as string[],
        containment: inv.containment,
        rootCauseVerified: inv.root_cause_verified,
        permanentAction: inv.permanent_action,
        prevention: inv.prevention,
        technicalSupport: inv.technical_support,
        updatedAt: inv.updated_at,
        updatedBy: inv.updatedByName,
      }
    : null;

  const options = await db
    .selectFrom('treatment_options')
    .select(['kind', 'description', 'estimated_cost as estimatedCost', 'currency', 'payer'])
    .where('complaint_id', '=', id)
    .orderBy('position')
    .execute();

  const ag = await db
    .selectFrom('customer_agreements')
    .innerJoin('users', 'users.id', 'customer_agreements.recorded_by')
    .select([
      'agreed',
      'customer_person as customerPerson',
      'agreed_on as agreedOn',
      'amount',
      'note',
      'users.name as recordedBy',
      'recorded_at as recordedAt',
    ])
    .where('complaint_id', '=', id)
    .executeTakeFirst();

  const responsibilities = await db
    .selectFrom('responsibilities')
    .leftJoin('departments', 'departments.id', 'responsibilities.department_id')
    .select([
      'responsibilities.department_id as departmentId',
      'departments.name as departmentName',
      'departments.code as departmentCode',
      'responsibilities.person_name as personName',
      'responsibilities.share_bp as shareBp',
      'responsibilities.note',
    ])
    .where('complaint_id', '=', id)
    .orderBy('responsibilities.id')
    .execute();

  const acc = await db
    .selectFrom('acceptances')
    .innerJoin('users', 'users.id', 'acceptances.recorded_by')
    .select([
      'accepted_by as acceptedBy',
      'accepted_on as acceptedOn',
      'receipt_attachment_id as receiptAttachmentId',
      'note',
      'users.name as recordedBy',
      'recorded_at as recordedAt',
    ])
    .where('complaint_id', '=', id)
    .executeTakeFirst();

  const verifications = await db
    .selectFrom('verifications')
    .innerJoin('users', 'users.id', 'verifications.recorded_by')
    .select([
      'channel',
      'contact_name as contactName',
      'verified_at as verifiedAt',
      'resolved',
      'satisfaction',
      'note',
      'users.name as recordedBy',
      'recorded_at as recordedAt',
    ])
    .where('complaint_id', '=', id)
    .orderBy('verifications.id')
    .execute();

  const attachments = await db
    .selectFrom('attachments')
    .innerJoin('users', 'users.id', 'attachments.uploaded_by')
    .select([
      'attachments.id',
      'attachments.name',
      'attachments.mime',
      'attachments.size',
      'attachments.sha256',
      'attachments.purpose',
      'users.name as uploadedBy',
      'attachments.uploaded_at as uploadedAt',
    ])
    .where('complaint_id', '=', id)
    .orderBy('attachments.id')
    .execute();

  return {
    ...detail,
    ...c,
    investigation,
    options: options.map((o) => ({ ...o, kind: o.kind as TreatmentKind, payer: o.payer as Payer })),
    agreement: ag ? { ...ag, agreed: ag.agreed === 1 } : null,
    responsibilities,
    acceptance: acc ?? null,
    verifications: verifications.map((v) => ({ ...v, channel: v.channel as VerificationChannel, resolved: v.resolved === 1 })),
    attachments,
  };
}

/** The facts the workflow rules need, from a case file. */
export function factsOf(f: CaseFile): CaseFacts {
  const last = f.verifications[f.verifications.length - 1];
  return {
    state: f.state as ComplaintState,
    classification: f.classification,
    severity: f.severity as Severity,
    escalated: f.escalated,
    disputeOpen: f.disputeOpen,
    hasCause: !!f.investigation?.cause,
    hasCountermeasures: !!f.investigation?.countermeasures,
    chosenOption: f.chosenOption,
    options: f.options,
    customerAgreed: f.agreement ? f.agreement.agreed : null,
    // Only what was recorded since the case entered its present state counts: after a reopening or an
    // unsatisfied verification, the service must be accepted and verified again.
    acceptanceRecorded: !!f.acceptance && (!f.stateChangedAt || f.acceptance.recordedAt >= f.stateChangedAt),
    verificationRecorded: !!last && (!f.stateChangedAt || last.recordedAt >= f.stateChangedAt),
    responsibilityTotal: f.responsibilities.reduce((s, r) => s + r.shareBp, 0),
    responsibilityCount: f.responsibilities.length,
  };
}
