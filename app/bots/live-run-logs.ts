import type { LogLine } from '../common/contract.js';
import type { RunLog } from './run-log.js';

/**
 * The logs of the runs that are live now, local and remote, by run id: for lines RPA Supervisor
 * writes about a run from outside its run manager, such as a file the run's bot attached that was
 * not kept. Each RunLogs adds the logs it opens and removes them when their run ends.
 */
export class LiveRunLogs {
  readonly #logs = new Map<string, RunLog>();

  add(log: RunLog): void {
    this.#logs.set(log.runId, log);
  }

  remove(runId: string): void {
    this.#logs.delete(runId);
  }

  /** A system line in the run's log, redacted as every line is; undefined when the run is not live. */
  system(runId: string, text: string): LogLine | undefined {
    return this.#logs.get(runId)?.system(text);
  }
}
