/**
 * Typed errors that cross the process border. The renderer translates `code` (and each issue's
 * `code`) through i18n; `message` is an English fallback for logs and tests.
 */

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'UNKNOWN_METHOD',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field: `path` is the dotted field name, `code` an i18n key under `issue.`. */
export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.issues ?? []);
  }

  toBody(): ApiErrorBody {
    return this.issues.length
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** A single-field validation failure, for checks that need the database (e.g. unknown customer). */
export function fieldError(
  path: string,
  code: string,
  message: string,
  params?: Record<string, string | number>,
): ApiError {
  return new ApiError('VALIDATION', `${path}: ${message}`, [{ path, code, message, ...(params ? { params } : {}) }]);
}
