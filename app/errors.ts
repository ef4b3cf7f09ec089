/**
 * One error class for the core, with a stable `code` and a message a clinic user can act on.
 * Messages come from the catalogue in `error-catalogue.ts`; never interpolate a token, an
 * authorization code or a secret into one.
 */
export class SupervisorError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SupervisorError';
    this.code = code;
  }
}

export function isSupervisorError(value: unknown): value is SupervisorError {
  return value instanceof SupervisorError;
}
