import type { ErrorView } from '../../app/contract.js';
import { copy } from '../copy.js';

/**
 * Turns whatever a command rejected with into something to show. Transports reject with the
 * core's ErrorView (code + message); anything else is a bug or a transport fault, and its raw
 * text (which may be a stack or an IPC wrapper) is not fit for clinic staff.
 */
export function toErrorView(error: unknown): ErrorView {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string' && message.length > 0) return { code, message };
  }
  return { code: 'unexpected', message: copy.unexpectedError };
}
