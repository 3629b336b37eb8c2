import type { z } from 'zod';
import type { FieldIssue } from '../../shared/errors';

/**
 * zod's issues as the renderer needs them: the field, an i18n code and its parameters.
 * Custom checks name their code in `params.code` (see shared/schemas/common.ts).
 */
export function toFieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const base = { path, message: issue.message };
    switch (issue.code) {
      case 'invalid_type':
        return { ...base, code: valueAt(input, issue.path) === undefined ? 'required' : 'invalid_type', params: { expected: issue.expected } };
      case 'too_big':
        return { ...base, code: issue.origin === 'string' ? 'too_long' : 'too_big', params: { max: Number(issue.maximum) } };
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { ...base, code: 'required' };
        return { ...base, code: issue.origin === 'string' ? 'too_short' : 'too_small', params: { min: Number(issue.minimum) } };
      case 'invalid_value':
        return { ...base, code: 'invalid_choice', params: { allowed: issue.values.map(String).join(', ') } };
      case 'invalid_format':
        return { ...base, code: issue.format === 'email' ? 'email' : 'invalid_format' };
      case 'unrecognized_keys':
        return { ...base, code: 'unknown_field', params: { keys: issue.keys.join(', ') } };
      case 'custom': {
        const params = (issue.params ?? {}) as Record<string, string | number>;
        const { code, ...rest } = params;
        return { ...base, code: typeof code === 'string' ? code : 'invalid', ...(Object.keys(rest).length ? { params: rest } : {}) };
      }
      default:
        return { ...base, code: 'invalid' };
    }
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
