import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import { resolveBotCommand } from './bot-manifest.js';
import { BotProcess } from './bot-process.js';
import type { OrphanReaper } from './orphan-reaper.js';
import type { RunEnvironment } from './run-environment.js';
import type { RunLogs } from './run-logs.js';
import type { Run } from './run-record.js';
import type { RunStartPolicy } from './run-start-policy.js';
import type { SessionAccess } from './session-access.js';

/** A started process, or why the run ends before it had one (already worded for the operator). */
export type LaunchOutcome = { ok: true; pid: number; process: BotProcess } | { ok: false; status: 'failed' | 'halted'; message: string };

export interface RunLauncherDeps {
  sessions: SessionAccess;
  policy: RunStartPolicy;
  environment: RunEnvironment;
  logs: Pick<RunLogs, 'capture'>;
  /** Guards every bot against the supervisor dying; started before the first bot exists. */
  reaper: Pick<OrphanReaper, 'start' | 'track'>;
  clock: Clock;
  /** The Node.js binary a manifest's `node` command runs. */
  nodeExecutable: string;
}

/** How the run's first log line says the bot gets its token: a reader should not need the manifest's field names. */
const tokenDeliveryWords = {
  broker: 'It asks the token broker for its token.',
  env: 'Its token is in its environment, as its manifest asks.',
} as const;

/**
 * Turns an admitted run into a process: checks the session once more, builds the environment
 * (allow-list, per-run secret), and spawns the bot's command without a shell in its own process
 * group, tracked by the orphan reaper. It knows nothing about queues, timeouts or stopping.
 */
export class RunLauncher {
  readonly #deps: RunLauncherDeps;

  constructor(deps: RunLauncherDeps) {
    this.#deps = deps;
  }

  /** Sets the run's supervision once the session grants it. A command that cannot run is an outcome, not a throw. */
  async launch(run: Run): Promise<LaunchOutcome> {
    const { bot, log } = run;
    const grant = this.#deps.sessions.tokenFor(bot.profileId, bot.expectedDurationMs ?? 0);
    if (!grant.ok) {
      // Only reachable for a run that waited in the queue while the session changed.
      return { ok: false, status: 'halted', message: this.#deps.policy.denial(bot, grant).message };
    }
    run.supervision = { supervisor: grant.supervisor, company: bot.company ?? grant.company };
    const env = this.#deps.environment.build(run, grant);
    if (!env.ok) return failed(env.error.message);
    const cwd = bot.cwd ?? process.cwd();
    const command = resolveBotCommand(bot.command, cwd, this.#deps.nodeExecutable);
    const who = grant.supervisor.name ? `${grant.supervisor.name} (${grant.supervisor.subject})` : grant.supervisor.subject;
    log.system(`Starting ${bot.name}, supervised by ${who}. Command: ${[command, ...bot.args].join(' ')}. ${tokenDeliveryWords[bot.tokenDelivery]}`);
    if (!isDirectory(cwd)) return failed(supervisorError('bot_cwd_missing', cwd).message);
    const script = nodeScript(bot.command, bot.args, cwd);
    if (script !== undefined && !existsSync(script)) return failed(supervisorError('bot_script_missing', script).message);

    // Running before the bot exists, so there is no moment when a bot is live and unguarded.
    this.#deps.reaper.start();
    let child: BotProcess;
    try {
      child = new BotProcess({ runId: run.id, command, args: bot.args, cwd, env: env.env, clock: this.#deps.clock, ...this.#deps.logs.capture(log) });
    } catch (error) {
      // spawn() throws synchronously for arguments the OS cannot take (a NUL byte, say).
      return failed(supervisorError('bot_command_failed', command, describeSpawnError(error as NodeJS.ErrnoException)).message);
    }
    const outcome = await child.spawned;
    if (!outcome.ok) return failed(supervisorError('bot_command_failed', command, describeSpawnError(outcome.error)).message);
    this.#deps.reaper.track(run.id, outcome.pid);
    return { ok: true, pid: outcome.pid, process: child };
  }
}

function failed(message: string): LaunchOutcome {
  return { ok: false, status: 'failed', message };
}

/**
 * The script a `node` bot runs, when its first argument is one (not a flag such as `--import` or
 * `-e`): a missing script is the commonest first-bot mistake, and Node reports it as a stack trace.
 */
function nodeScript(command: string, args: readonly string[], cwd: string): string | undefined {
  const first = args[0];
  return command === 'node' && first !== undefined && !first.startsWith('-') ? resolve(cwd, first) : undefined;
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function describeSpawnError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'was not found';
    case 'EACCES':
      return 'is not executable (permission denied)';
    case 'ENOEXEC':
      return 'is not a program this computer can run';
    default:
      return `could not be run (${error.code ?? error.name})`;
  }
}
