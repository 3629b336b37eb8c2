/**
 * The case's cost lines: issue 6's card (entry, vetting state, summary) shows the lines service work
 * writes by itself (visits, parts, returns) with those typed in.
 */
export { CaseCostsCard as CaseCostsSection } from '../costs/case-costs-card';
