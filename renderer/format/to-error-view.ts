import type { ErrorView } from '../../app/common/contract.js';
import { localError } from './local-error.js';

/**
 * Turns whatever a command rejected with into something to show. Transports reject with the
 * core's ErrorView (code + message, and field problems for forms); anything else is a bug or a
 * transport fault, and its raw text (which may be a stack or an IPC wrapper) is not fit for
 * clinic staff.
 */
export function toErrorView(error: unknown): ErrorView {
  if (typeof error === 'object' && error !== null) {
    const { code, message, fields } = error as { code?: unknown; message?: unknown; fields?: unknown };
    if (typeof code === 'string' && typeof message === 'string' && message.length > 0) {
      const stringFields = readFields(fields);
      return stringFields ? { code, message, fields: stringFields } : { code, message };
    }
  }
  return localError('unexpected');
}

function readFields(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
