import type { RunArtifacts } from '../artifacts/run-artifacts.js';
import type { RunManager } from '../bots/run-manager.js';
import { supervisorError } from '../error-catalogue.js';
import type { SomeHandlers } from './command-handlers.js';

/** A run's attached files: the list for the run detail, and one file's content for a preview or download. */
export function artifactCommands(services: { artifacts: RunArtifacts; runs: Pick<RunManager, 'findRun'> }): SomeHandlers<'listArtifacts' | 'readArtifact'> {
  const { artifacts, runs } = services;
  // An archived run (an older page of history) keeps its files until retention deletes them.
  const known = async (runId: string) => {
    if (!(await runs.findRun(runId))) throw supervisorError('unknown_run', runId);
  };
  return {
    listArtifacts: async ({ runId }) => {
      await known(runId);
      return artifacts.listAll(runId);
    },
    readArtifact: async ({ runId, artifactId }) => {
      await known(runId);
      return artifacts.read(runId, artifactId);
    },
  };
}
