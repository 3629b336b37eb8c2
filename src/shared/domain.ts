/**
 * Domain vocabulary shared by main and renderer: the enums a case is made of.
 * Screen words for each code live in the i18n catalogues (`enum.<name>.<code>`), never here.
 */

/** Roles of seed 002 §3 and §5.3, plus the administrator who keeps the app. */
export const ROLES = [
  'sales_admin',
  'sales_manager',
  'branch_manager',
  'production_after_sales',
  'production_technology',
  'technical_support',
  'finance',
  'chairman',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** How the complaint reached the sales office (seed 001: calls and e-mails; DESIGN: visits). */
export const CHANNELS = ['phone', 'email', 'visit', 'distributor', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Severity decides SLA targets and escalation later (issue 4); `safety` is always escalated. */
export const SEVERITIES = ['minor', 'normal', 'major', 'safety'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Defect categories: the first axis of the Pareto analysis of seed 001. */
export const DEFECT_CATEGORIES = [
  'electrical',
  'mechanical',
  'control_software',
  'leakage',
  'noise_vibration',
  'performance',
  'appearance',
  'transport_damage',
  'packaging',
  'installation',
  'documentation',
  'operation',
  'other',
] as const;
export type DefectCategory = (typeof DEFECT_CATEGORIES)[number];

/**
 * States of a case, in the order of the procedure (seed 002 §4–§6, seed 001): registered, accepted by
 * the sales manager and investigated, decided (by the chairman where it matters), served, accepted
 * by the customer, verified by phone or e-mail, closed. `rejected` is the sales manager's "not
 * accepted" (§6.1). The transitions between them are data: main/rules/workflow.ts.
 */
export const COMPLAINT_STATES = [
  'registered',
  'investigating',
  'awaiting_decision',
  'awaiting_chairman',
  'in_service',
  'awaiting_verification',
  'verified',
  'closed',
  'rejected',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** Seed 002 §5.1–5.2: quality problems go to production; non-quality ones stay with sales administration. */
export const CLASSIFICATIONS = ['quality', 'non_quality'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Treatment options of seed 002 §5.2–5.3 and seed 001's service modes. */
export const TREATMENT_KINDS = [
  'explanation_training',
  'remote_guidance',
  'repair',
  'replacement',
  'return_refund',
  'onsite_service',
  'paid_service',
] as const;
export type TreatmentKind = (typeof TREATMENT_KINDS)[number];

/** Who bears a treatment's cost; the customer only with his recorded agreement (seed 002 §5.2). */
export const PAYERS = ['company', 'customer', 'supplier', 'distributor'] as const;
export type Payer = (typeof PAYERS)[number];

/** How the service was verified with the customer (seed 001: by telephone or e-mail). */
export const VERIFICATION_CHANNELS = ['phone', 'email', 'visit'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

/** Field limits: one place, used by the zod schemas and the form's maxLength. */
export const LIMITS = {
  name: 200,
  contactName: 100,
  phone: 40,
  email: 254,
  productModel: 100,
  serialNo: 100,
  description: 4000,
  quickSearch: 100,
  pageSize: 500,
} as const;

/** Steps of the procedure; which state each leaves and reaches is data in main/rules/workflow.ts. */
export const WORKFLOW_ACTIONS = [
  'accept',
  'reject',
  'submit_for_decision',
  'decide',
  'return_to_investigation',
  'chairman_decide',
  'chairman_return',
  'record_acceptance',
  'verify',
  'close',
  'reopen',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Parts of the customer feedback processing form, each with its own editors (main/rules/case-edits.ts). */
export const CASE_SECTIONS = [
  'intake',
  'classification',
  'assignment',
  'investigation',
  'options',
  'agreement',
  'responsibility',
  'escalation',
  'dispute',
  'acceptance',
  'verification',
  'attachments',
  // Issue 4: pausing the SLA clocks while the case waits for the customer, and the customer-pressure flag.
  'waiting',
  'pressure',
  // Issue 5: service actions and visits, returns, spare parts, service contracts.
  'service',
  'returns',
  'parts',
  'contract',
  // Issue 6: cost lines typed in on the case.
  'costs',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];
