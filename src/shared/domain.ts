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

/** States of a case. The lifecycle (issue 3) adds transitions; registration starts here. */
export const COMPLAINT_STATES = ['registered'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

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
