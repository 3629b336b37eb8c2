/**
 * Departments of seed 002 §3 and §5.3 that a new database starts with. Their codes are translated on
 * screen (`department.<code>`) while the name is still the one given here; once the office renames a
 * department, its own name is shown in every language.
 */
export const DEFAULT_DEPARTMENTS = [
  ['sales', 'Sales Department'],
  ['sales_admin_office', 'Sales Administration Office'],
  ['production', 'Production Department'],
  ['production_technology', 'Production Technology Division'],
  ['technical', 'Technical Department'],
  ['finance', 'Finance Department'],
  ['management', 'Management'],
] as const;

/** The i18n code to show for a department, or null when its own name is to be shown. */
export function departmentCode(d: { code: string; name: string }): string | null {
  return DEFAULT_DEPARTMENTS.some(([code, name]) => code === d.code && name === d.name) ? d.code : null;
}
