// @ts-check
/**
 * The supervisor-died rule (docs/bots.md §6), shared by every SDK call that talks to the broker:
 * once the bot called watchSupervisor(), a broker that can't be reached ends the bot with code 75,
 * whichever call found it gone (a token, a checkpoint, a question, a file).
 */
import process from 'node:process';

/** Exit code used when the supervisor has gone (EX_TEMPFAIL from sysexits.h). */
export const SUPERVISOR_GONE_EXIT_CODE = 75;

let exitWhenBrokerUnreachable = false;

/** @param {boolean} on set by watchSupervisor() and its dispose() */
export function exitOnUnreachableBroker(on) {
  exitWhenBrokerUnreachable = on;
}

/** An SDK call found the broker unreachable: after watchSupervisor() this ends the bot; else it returns. */
export function brokerUnreachable() {
  if (exitWhenBrokerUnreachable) supervisorGone('the token broker is unreachable');
}

/**
 * @param {string} why
 * @param {((reason: string) => void) | undefined} [onGone]
 * @param {boolean} [takeChildren] kill our process group too: only when the supervisor is surely
 *   gone (stdin EOF). If just the broker is unreachable, a live supervisor still cleans up the tree
 *   and should see our exit code.
 * @returns {never}
 */
export function supervisorGone(why, onGone, takeChildren = false) {
  const reason = `RPA Supervisor has gone (${why}); exiting.`;
  try {
    onGone?.(reason);
  } finally {
    process.stderr.write(`[rpa-sdk] ${reason}\n`);
    if (takeChildren) killOwnProcessGroup();
    process.exit(SUPERVISOR_GONE_EXIT_CODE);
  }
}

/**
 * Exiting alone would leave the bot's children running. The supervisor starts each bot as the
 * leader of its own process group (POSIX), so signalling the group reaches them, and us. A bot
 * that leads no group gets ESRCH (no group can carry the pid of a live non-leader) and simply
 * exits below. Windows has no process groups; the supervisor's reaper covers it there.
 */
function killOwnProcessGroup() {
  if (process.platform === 'win32') return;
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    // ESRCH (not a group leader) or EPERM: the plain exit is all we can do.
  }
}
