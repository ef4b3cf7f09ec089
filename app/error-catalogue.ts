/**
 * How the core raises a catalogue error. The catalogue itself is app/common/error-catalogue.ts,
 * shared with the preload and the renderer; this adds the core's error class.
 */
import { errorCatalogue, errorMessage, type ErrorArgs, type ErrorCode } from './common/error-catalogue.js';
import { SupervisorError } from './errors.js';

/** Builds a SupervisorError whose message comes from the catalogue; a trailing `{ cause }` is kept. */
export function supervisorError<C extends ErrorCode>(code: C, ...args: [...ErrorArgs<C>, ...([{ cause?: unknown }] | [])]): SupervisorError {
  const arity = errorCatalogue[code].length;
  const options = args[arity] as { cause?: unknown } | undefined;
  return new SupervisorError(code, errorMessage(code, ...(args.slice(0, arity) as ErrorArgs<C>)), options);
}
