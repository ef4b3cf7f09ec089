import type { Logger } from '../../../app/ports/logger.js';

/** A logger that keeps the fields of every warning with one message, so a test can see what a refusal logged. */
export function warningRecorder(message: string): { logger: Logger; seen: Record<string, unknown>[] } {
  const seen: Record<string, unknown>[] = [];
  const ignore = () => undefined;
  return { seen, logger: { info: ignore, error: ignore, warn: (text, fields) => void (text === message ? seen.push(fields ?? {}) : undefined) } };
}
