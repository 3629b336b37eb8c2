import type { TFunction } from 'i18next';
import { departmentCode } from '../../shared/departments';
import type { Department } from '../../shared/types';

/** A department as people read it: the translated name until the office renames it. */
export function departmentLabel(t: TFunction, d: Pick<Department, 'code' | 'name'>): string {
  const code = departmentCode(d);
  return code ? t(`department.${code}`, { defaultValue: d.name }) : d.name;
}

/** The department of a profile, or an empty string when it has none (or it was removed). */
export function departmentOf(t: TFunction, departments: readonly Department[], id: number | null): string {
  const d = id === null ? undefined : departments.find((x) => x.id === id);
  return d ? departmentLabel(t, d) : '';
}
