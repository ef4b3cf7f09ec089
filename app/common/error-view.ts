import { errorMessage, isErrorCode, type ErrorArgs, type ErrorCode, type PlainErrorCode } from './error-catalogue.js';
import type { ErrorView } from './views.js';

/** The ErrorView of a catalogue error: how the preload and the page raise their own errors. */
export function errorView<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): ErrorView {
  return { code, message: errorMessage(code, ...args) };
}

/**
 * The one conversion from a thrown or rejected value to what the window shows: a fresh, plain
 * `{ code, message, fields? }`. A plain object, never an Error, because that is the only shape
 * that survives Electron's contextBridge (it copies an Error's message and drops its code), so both
 * transports reject with exactly this.
 *
 * Anything that is not already a catalogue error (a bug, a transport fault, a library's error
 * whose text may hold a stack, a URL with a code in it, or worse) becomes `fallback`, so raw text
 * never reaches clinic staff. Field problems keep only their string entries.
 */
export function toErrorView(error: unknown, fallback: PlainErrorCode): ErrorView {
  if (typeof error === 'object' && error !== null) {
    const { code, message, fields } = error as { code?: unknown; message?: unknown; fields?: unknown };
    if (isErrorCode(code) && typeof message === 'string' && message.length > 0) {
      const stringFields = readFields(fields);
      return stringFields ? { code, message, fields: stringFields } : { code, message };
    }
  }
  return errorView(fallback);
}

function readFields(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
