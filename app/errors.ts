import type { ErrorCode } from './common/error-catalogue.js';

/**
 * One error class for the core, with a stable `code` from the catalogue and a message a clinic
 * user can act on. Raise it with `supervisorError` (error-catalogue.ts), so the message comes from
 * app/common/error-catalogue.ts; never interpolate a token, an authorization code or a secret.
 */
export class SupervisorError extends Error {
  readonly code: ErrorCode;
  /** Field-by-field problems (dotted path → sentence), shown next to form fields. */
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; fields?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SupervisorError';
    this.code = code;
    this.fields = options?.fields;
  }
}

export function isSupervisorError(value: unknown): value is SupervisorError {
  return value instanceof SupervisorError;
}
