import treeKill from 'tree-kill';
import { collectProcessTree, findProcessesByRunId, readProcessSnapshot, type ProcessSnapshot } from './process-table.js';

let snapshotInFlight: Promise<ProcessSnapshot> | undefined;

/**
 * Tree kills that start while a snapshot is being read share it: stopping fifty runs at once
 * (stop all, sign-out, quit) scans /proc once instead of fifty times. A snapshot is never reused
 * after it completed, so a later kill always sees a fresh table.
 */
function sharedSnapshot(): Promise<ProcessSnapshot> {
  snapshotInFlight ??= readProcessSnapshot().finally(() => {
    snapshotInFlight = undefined;
  });
  return snapshotInFlight;
}

/**
 * Signals a bot and everything it started (S39).
 *
 * POSIX: the bot runs in its own process group (spawned detached), so `kill(-pid)` reaches every
 * member even after the bot itself has exited. Children that left the group (detached, setsid)
 * are found through the process table, and on Linux through the RPA_RUN_ID marker in their
 * environment, then signalled one by one.
 *
 * Windows has no process groups or POSIX signals; tree-kill walks the tree with `taskkill /T`.
 */
export async function killProcessTree(rootPid: number, signal: NodeJS.Signals, options: { runId?: string } = {}): Promise<void> {
  if (!Number.isInteger(rootPid) || rootPid <= 1) return;
  if (process.platform === 'win32') {
    await new Promise<void>((resolvePromise) => treeKill(rootPid, signal, () => resolvePromise()));
    return;
  }
  const { table, pidsByRunId } = await sharedSnapshot();
  const marked = options.runId === undefined ? [] : (pidsByRunId.get(options.runId) ?? []);
  const targets = collectProcessTree(table, rootPid, marked);
  signalSafely(-rootPid, signal);
  for (const pid of targets) {
    // Never signal ourselves or init, whatever the table said.
    if (pid > 1 && pid !== process.pid) signalSafely(pid, signal);
  }
}

function signalSafely(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH (already gone) or EPERM (pid reused by someone else's process): nothing to do.
  }
}

/**
 * After a restart: kill processes still carrying a previous run's RPA_RUN_ID (Linux). The old pid
 * is not trusted on its own — it may since have been reused by an unrelated program — so only
 * the environment marker selects targets. Elsewhere the SDK's stdin watch is the safety net.
 */
export async function killRunLeftovers(runId: string): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const pids = (await findProcessesByRunId(runId)).filter((pid) => pid > 1 && pid !== process.pid);
  for (const pid of pids) signalSafely(pid, 'SIGKILL');
  return pids.length;
}
