import { useCallback, useState } from 'react';
import type { CommandInput, CommandName, CommandOutputs } from '../../app/contract.js';
import { useSupervisor } from './supervisor-context.js';

export interface Command<K extends CommandName> {
  /** Invokes the command; resolves to undefined when it failed (the failure is already shown). */
  run(input: CommandInput<K>): Promise<CommandOutputs[K] | undefined>;
  /** True while this caller's invocation is in flight, to disable its button against double clicks. */
  pending: boolean;
}

/**
 * Invokes one command and routes failures to the page's alert region, so every button handles
 * errors the same way and none is swallowed.
 */
export function useCommand<K extends CommandName>(command: K): Command<K> {
  const { api, reportError, clearError } = useSupervisor();
  const [pending, setPending] = useState(false);
  const run = useCallback(
    async (input: CommandInput<K>) => {
      clearError();
      setPending(true);
      try {
        return await api.invoke(command, input);
      } catch (error) {
        reportError(error);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [api, command, reportError, clearError],
  );
  return { run, pending };
}
