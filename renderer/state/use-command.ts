import { useCallback, useState } from 'react';
import type { CommandInput, CommandName, CommandOutputs, ErrorView } from '../../app/common/contract.js';
import { toErrorView } from '../../app/common/error-view.js';
import { useSupervisor } from './supervisor-context.js';

export type CommandResult<K extends CommandName> = { ok: true; value: CommandOutputs[K] } | { ok: false; error: ErrorView };

export interface Command<K extends CommandName> {
  /** Invokes the command; resolves to undefined when it failed (the failure is already shown). */
  run(input: CommandInput<K>): Promise<CommandOutputs[K] | undefined>;
  /** Invokes the command and says whether it worked, for commands that resolve to nothing. */
  attempt(input: CommandInput<K>): Promise<CommandResult<K>>;
  /** True while this caller's invocation is in flight: its button says so (aria-disabled) and ignores presses meanwhile. */
  pending: boolean;
}

export interface CommandOptions {
  /**
   * Show failures in the page's alert region (the default). Forms pass false and show the
   * error, with its field messages, next to the fields instead.
   */
  report?: boolean;
  /**
   * Clear the alert region as the command starts (the default): a person's new command replaces
   * what their last one said. A read the page makes by itself passes false, so it never wipes a
   * message the person has not read yet.
   */
  clearsError?: boolean;
}

/** Commands that change settings or profiles: the view re-reads state after them succeed. */
const refreshesState: ReadonlySet<CommandName> = new Set<CommandName>(['savePreferences', 'saveProfile', 'deleteProfile', 'importProfiles', 'removeCompany', 'startSelfTest', 'openPastedLink']);

/**
 * Invokes one command and routes failures to the page's alert region, so every button handles
 * errors the same way and none is swallowed.
 */
export function useCommand<K extends CommandName>(command: K, { report = true, clearsError = true }: CommandOptions = {}): Command<K> {
  const { api, reportError, clearError, refreshState } = useSupervisor();
  const [pending, setPending] = useState(false);
  const attempt = useCallback(
    async (input: CommandInput<K>): Promise<CommandResult<K>> => {
      if (clearsError) clearError();
      setPending(true);
      try {
        const value = await api.invoke(command, input);
        if (refreshesState.has(command)) await refreshState();
        return { ok: true, value };
      } catch (error) {
        if (report) reportError(error);
        return { ok: false, error: toErrorView(error, 'unexpected') };
      } finally {
        setPending(false);
      }
    },
    [api, command, report, clearsError, reportError, clearError, refreshState],
  );
  const run = useCallback(async (input: CommandInput<K>) => {
    const result = await attempt(input);
    return result.ok ? result.value : undefined;
  }, [attempt]);
  return { run, attempt, pending };
}
