import type { SupervisorServices } from '../supervisor-services.js';
import type { SomeHandlers } from './command-handlers.js';

export function botCommands(services: Pick<SupervisorServices, 'runs'>): SomeHandlers<'startRun' | 'stopRun' | 'listRuns' | 'readLog' | 'exportRunLog'> {
  const { runs } = services;
  return {
    startRun: async ({ botId }) => runs.start(botId),
    stopRun: async ({ runId }) => runs.stop(runId, 'Stopped by the operator.'),
    listRuns: async (input) => runs.listRuns(input),
    readLog: async ({ runId, fromSeq, limit }) => runs.readLog(runId, fromSeq, limit),
    exportRunLog: async ({ runId }) => runs.exportLog(runId),
  };
}
