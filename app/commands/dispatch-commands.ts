import type { CommandName } from '../common/contract.js';
import type { SharedInvoke } from '../transport/supervisor-connections.js';
import type { CommandHandlers } from './command-handlers.js';

/** Commands that change nothing: they never cause a state snapshot. */
const readOnlyCommands = new Set<CommandName>(['getState', 'listRuns', 'readLog', 'exportRunLog', 'followLogs', 'listAudit', 'verifyAudit', 'exportAudit', 'listArtifacts', 'readArtifact', 'testConnection', 'auditStatus', 'listWorkers']);

/**
 * Every connection's commands go to one handler table. Services announce their own changes; the
 * snapshot after any other command covers settings that have no event of their own.
 */
export function dispatchCommands(handlers: Omit<CommandHandlers, 'followLogs'>, publishState: () => void): SharedInvoke {
  return async (command, input) => {
    const result = await handlers[command](input as never);
    if (!readOnlyCommands.has(command)) publishState();
    return result as never;
  };
}
