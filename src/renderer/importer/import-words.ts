import type { TFunction } from 'i18next';
import type { ImportProblem } from '../../shared/data-io';
import { IMPORT_FIELDS, type ImportField } from '../../shared/schemas/data-io';
import { i18n } from '../i18n';

/** Words of the import screen that several steps share. */

/** The fields a complaint cannot be registered without. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['receivedAt', 'customerName', 'productModel', 'description'];

export const fieldLabel = (t: TFunction, f: string) => t(`importer.field.${f}`, { defaultValue: f });

/** A problem in words: the field, what is wrong, and the cell's value. */
export function problemText(t: TFunction, p: ImportProblem): string {
  const what = t(`importer.problem.${p.code}`, { ...p.params, defaultValue: t(`issue.${p.code}`, { ...p.params, defaultValue: p.code }) });
  return p.field === 'row' ? what : `${fieldLabel(t, p.field)}: ${what}`;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The words of the skipped rows file in the current language (templates with their {{placeholders}}). */
export function skippedWords(lang: string): Record<string, string> {
  const raw = (key: string) => {
    const v = i18n.getResource(lang, 'translation', key) as unknown;
    return typeof v === 'string' ? v : undefined;
  };
  const words: Record<string, string> = {};
  const put = (k: string, key: string) => {
    const v = raw(key);
    if (v !== undefined) words[k] = v;
  };
  put('header', 'importer.skipped.problems');
  put('row', 'importer.skipped.row');
  put('fileSuffix', 'importer.skipped.suffix');
  for (const f of IMPORT_FIELDS) put(`field.${f}`, `importer.field.${f}`);
  const problems = i18n.getResource(lang, 'translation', 'importer.problem') as Record<string, string> | undefined;
  for (const [code, text] of Object.entries(problems ?? {})) words[`problem.${code}`] = text;
  return words;
}
