import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { MachinePolicyState } from './read-machine-policy.js';

export interface PolicyFileWatchDeps {
  path: string;
  /** Reads and checks the file again, with the same trust rules as at start. */
  read: () => Promise<MachinePolicyState>;
  apply: (state: MachinePolicyState) => Promise<void>;
  clock: Clock;
  logger: Logger;
  /** Quiet time after the last change before the file is read: a save is often several writes. */
  settleMs?: number;
}

const defaultSettleMs = 300;

/**
 * Follows the machine policy file while the app runs. The folder is watched, not the file:
 * deployment tools and editors replace the file, and a watch on the old file would see nothing
 * after the first replacement. Without a folder to watch (no policy folder on this machine) it
 * does nothing: a policy file added later applies at the next start.
 */
export function followPolicyFile(deps: PolicyFileWatchDeps): Disposable {
  if (deps.path === '') return { dispose: () => undefined };
  const name = basename(deps.path);
  let watcher: FSWatcher | undefined;
  let timer: Disposable | undefined;
  let closed = false;
  let reading = Promise.resolve();
  const settled = (): void => {
    timer = undefined;
    reading = reading
      .then(async () => {
        if (closed) return;
        const state = await deps.read();
        if (!closed) await deps.apply(state);
      })
      .catch((error: unknown) => deps.logger.warn('The changed machine policy was not applied', { error: String(error) }));
  };
  try {
    watcher = watch(dirname(deps.path), { persistent: false }, (_event, changed) => {
      // Some platforms do not name the file; then any change in the folder is a reason to look.
      if (closed || (changed !== null && changed.toString() !== name)) return;
      timer?.dispose();
      timer = deps.clock.setTimer(settled, deps.settleMs ?? defaultSettleMs);
    });
    watcher.on('error', (error) => {
      deps.logger.warn('The machine policy folder can no longer be watched; changes apply at the next start', { error: String(error) });
      watcher?.close();
    });
  } catch (error) {
    deps.logger.info('The machine policy folder cannot be watched; changes apply at the next start', { path: dirname(deps.path), error: String(error) });
  }
  return {
    dispose: () => {
      closed = true;
      timer?.dispose();
      watcher?.close();
    },
  };
}
