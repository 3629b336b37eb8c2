import type { CaseSection, ComplaintState, Role } from '../../shared/domain';
import type { Blocker } from '../../shared/types';

/**
 * Who may fill in which part of the feedback form, and while the case is in which states. Like the
 * transitions, this is data the screen and the api read alike: a hidden button is not a permission.
 */

export type { CaseSection };

const OPEN: readonly ComplaintState[] = [
  'registered',
  'investigating',
  'awaiting_decision',
  'awaiting_chairman',
  'in_service',
  'awaiting_verification',
  'verified',
];

export const SECTION_RULES: Record<CaseSection, { roles: readonly Role[]; states: readonly ComplaintState[] }> = {
  // §5.1: sales administration registers and records; the sales manager may correct.
  intake: { roles: ['sales_admin', 'sales_manager', 'branch_manager', 'admin'], states: ['registered', 'investigating'] },
  // Seed 001: the sales department records, classifies and sorts the feedback.
  classification: { roles: ['sales_admin', 'sales_manager'], states: ['registered', 'investigating'] },
  // §7.1–7.2: the sales manager arranges the work; the branch manager organises it.
  assignment: { roles: ['sales_admin', 'sales_manager', 'branch_manager'], states: OPEN },
  // §5.3: production technology analyses the cause and develops the countermeasures; technical support helps (001).
  investigation: {
    roles: ['production_technology', 'production_after_sales', 'technical_support', 'sales_admin'],
    states: ['investigating'],
  },
  options: { roles: ['production_technology', 'production_after_sales', 'sales_admin', 'sales_manager'], states: ['investigating'] },
  // §5.2: costs of non-quality cases need the customer's agreement, recorded by sales.
  agreement: { roles: ['sales_admin', 'sales_manager', 'branch_manager'], states: ['investigating', 'awaiting_decision'] },
  // §5.3: the sales administration office traces the cause and determines responsibility.
  responsibility: { roles: ['sales_admin'], states: ['investigating', 'awaiting_decision', 'awaiting_chairman', 'in_service', 'awaiting_verification', 'verified'] },
  escalation: { roles: ['sales_admin', 'sales_manager', 'branch_manager'], states: OPEN },
  // §6.3: in a dispute, the person responsible coordinates against the contract's provisions.
  dispute: { roles: ['sales_admin', 'sales_manager', 'branch_manager'], states: OPEN },
  // Seed 001: the customer accepts the service; the receipt goes back to Finance.
  acceptance: { roles: ['sales_admin', 'production_after_sales', 'branch_manager'], states: ['in_service'] },
  verification: { roles: ['sales_admin', 'sales_manager'], states: ['awaiting_verification'] },
  // Issue 4: whoever is in touch with the customer says the case waits for him (the SLA clocks pause)...
  waiting: { roles: ['sales_admin', 'sales_manager', 'branch_manager', 'production_after_sales'], states: OPEN },
  // ...and the sales side says when he presses (seed 000: before pressure becomes a commercial problem).
  pressure: { roles: ['sales_admin', 'sales_manager', 'branch_manager'], states: OPEN },
  // Seed 001: the after-sales staff of production serve (consultation, remote guidance, visits); technical
  // support gives technical help and updates documents; §7.2: the branch manager organises, sales records.
  service: {
    roles: ['production_after_sales', 'technical_support', 'production_technology', 'branch_manager', 'sales_admin', 'sales_manager'],
    states: ['investigating', 'awaiting_decision', 'awaiting_chairman', 'in_service', 'awaiting_verification'],
  },
  // Returns are requested by whoever is in touch with the customer; each later step has its own roles (rules/service-steps.ts).
  returns: {
    roles: ['sales_admin', 'sales_manager', 'branch_manager', 'production_after_sales', 'finance'],
    states: ['investigating', 'awaiting_decision', 'awaiting_chairman', 'in_service', 'awaiting_verification', 'verified'],
  },
  // Seed 002 §2: spare parts sent, repaired, refunded; the production after-sales team uses them on site.
  parts: {
    roles: ['production_after_sales', 'sales_admin', 'branch_manager'],
    states: ['investigating', 'awaiting_decision', 'awaiting_chairman', 'in_service', 'awaiting_verification'],
  },
  // Seed 001: beyond the warranty the sales staff sign an after-sales service contract with the customer.
  contract: {
    roles: ['sales_admin', 'sales_manager', 'branch_manager'],
    states: ['registered', 'investigating', 'awaiting_decision', 'awaiting_chairman', 'in_service'],
  },
  // Issue 6: costs are entered by whoever incurred or received them; receipts can come after closure.
  costs: {
    roles: ['sales_admin', 'sales_manager', 'branch_manager', 'production_after_sales', 'finance'],
    states: [...OPEN, 'closed'],
  },
  attachments: {
    roles: ['sales_admin', 'sales_manager', 'branch_manager', 'production_after_sales', 'production_technology', 'technical_support', 'finance'],
    states: [...OPEN, 'closed', 'rejected'],
  },
};

export function canEdit(section: CaseSection, state: ComplaintState, role: Role): Blocker | null {
  const r = SECTION_RULES[section];
  if (!r.roles.includes(role)) {
    return { code: 'wrong_role', params: { roles: r.roles.join(',') }, message: `only ${r.roles.join(', ')} may change the ${section}` };
  }
  if (!r.states.includes(state)) {
    return { code: 'wrong_state', params: { state }, message: `the ${section} cannot be changed while the case is ${state}` };
  }
  return null;
}
