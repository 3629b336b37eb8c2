import type { TFunction } from 'i18next';
import type { Department } from '../../shared/types';
import { departmentLabel } from '../settings/department-label';

/** Screen words for the codes of a case's parts. */

export const kindLabel = (t: TFunction, k: string) => t(`treatment.kind.${k}`, { defaultValue: k });
export const payerLabel = (t: TFunction, p: string) => t(`treatment.payer.${p}`, { defaultValue: p });
export const roleLabel = (t: TFunction, r: string) => t(`enum.role.${r}`, { defaultValue: r });

/** A department by id, as people read it; the id itself when it is gone. */
export function departmentName(t: TFunction, departments: readonly Department[], id: number | null): string {
  const d = id === null ? undefined : departments.find((x) => x.id === id);
  return d ? departmentLabel(t, d) : id === null ? '' : `#${id}`;
}
