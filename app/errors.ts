/**
 * One error class for the core, with a stable `code` and a message a clinic user can act on.
 * Messages come from the catalogue in `error-catalogue.ts`; never interpolate a token, an
 * authorization code or a secret into one.
 */
export class SupervisorError extends Error {
  readonly code: string;
  /** Field-by-field problems (dotted path → sentence), shown next to form fields. */
  readonly fields: Record<string, string> | undefined;

  constructor(code: string, message: string, options?: { cause?: unknown; fields?: Record<string, string> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SupervisorError';
    this.code = code;
    this.fields = options?.fields;
  }
}

export function isSupervisorError(value: unknown): value is SupervisorError {
  return value instanceof SupervisorError;
}
