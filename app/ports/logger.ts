/**
 * Diagnostic log. Callers pass structured fields; nothing that could hold a token or an
 * authorization code may be passed (S30 in docs/security-matrix.md). The JSON-lines logger also
 * scrubs anything shaped like a JWT as a second line of defence; an opaque token has no shape to
 * scrub, so the callers are the real defence.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const nullLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
