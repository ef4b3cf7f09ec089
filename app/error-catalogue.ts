/**
 * How the core raises a catalogue error. The catalogue itself is app/common/error-catalogue.ts,
 * shared with the preload and the renderer; this adds the core's error class.
 */
import { errorCatalogue, errorMessage, type ErrorArgs, type ErrorCode } from './common/error-catalogue.js';
import { SupervisorError } from './errors.js';

/**
 * Builds a SupervisorError whose message comes from the catalogue; a trailing `{ cause }` is kept.
 * Message arguments are strings and numbers only, so an object can only be those options (a
 * message may take any number of names, as `company_not_yours` does).
 */
export function supervisorError<C extends ErrorCode>(code: C, ...args: [...ErrorArgs<C>, ...([{ cause?: unknown }] | [])]): SupervisorError {
  const last: unknown = args.at(-1);
  const hasOptions = args.length > errorCatalogue[code].length && typeof last === 'object' && last !== null;
  const options = hasOptions ? (last as { cause?: unknown }) : undefined;
  return new SupervisorError(code, errorMessage(code, ...((hasOptions ? args.slice(0, -1) : args) as ErrorArgs<C>)), options);
}
