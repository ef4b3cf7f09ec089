/**
 * Diagnostic log. Callers pass structured fields; nothing that could hold a token or an
 * authorization code may be passed (see docs/security.md), and the implementations redact known
 * secrets as a second line of defence.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const nullLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
