import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nullLogger } from '../ports/logger.js';
import { FakeClock } from '../test-support/fake-clock.js';
import type { BotExit, BotProcess } from './bot-process.js';
import { LocalRunQueue } from './local-run-queue.js';
import { Redactor } from './redactor.js';
import { RunHistory } from './run-history.js';
import type { LaunchOutcome } from './run-launcher.js';
import { RunLifecycle } from './run-lifecycle.js';
import { RunLogs } from './run-logs.js';
import { RunRedactions } from './run-redactions.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { misbehaving } from './testing/run-fixture.js';

/**
 * A bot process whose exit the test controls: `exit()` is the OS reporting the exit, `drained()`
 * the end of reading its output, which BotProcess reports (`exited`) only once the pipes closed.
 */
class ExitingProcess {
  hasExited = false;
  readonly signals: string[] = [];
  readonly exited: Promise<BotExit>;
  #resolve: (exit: BotExit) => void = () => undefined;
  #exit: BotExit | undefined;

  constructor() {
    this.exited = new Promise((resolve) => (this.#resolve = resolve));
  }

  exit(exit: BotExit): void {
    this.hasExited = true;
    this.#exit = exit;
  }

  drained(): void {
    if (this.#exit) this.#resolve(this.#exit);
  }

  async signalTree(signal: NodeJS.Signals): Promise<void> {
    this.signals.push(signal);
  }

  async stop(_graceMs: number): Promise<BotExit> {
    if (!this.hasExited) this.signals.push('SIGTERM');
    return this.exited;
  }
}

let dataDir = '';
const lifecycles: RunLifecycle[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-exit-race-'));
});

afterEach(async () => {
  for (const lifecycle of lifecycles.splice(0)) lifecycle.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function newLifecycle(process: ExitingProcess) {
  const clock = new FakeClock(Date.now());
  const sessions = new FakeSessionAccess();
  const history = new RunHistory({ path: join(dataDir, 'runs.json'), logger: nullLogger });
  const logs = new RunLogs({ logsDir: join(dataDir, 'logs'), clock, logger: nullLogger, redactor: new Redactor(), isLogFollowed: () => false, history, onListenerError: () => undefined });
  const revoked: string[] = [];
  const lifecycle = new RunLifecycle({
    clock,
    logger: nullLogger,
    history,
    logs,
    redactions: new RunRedactions({ redactor: new Redactor(), sessions }),
    queue: new LocalRunQueue({ maxConcurrentRuns: 1 }),
    launcher: { launch: async (): Promise<LaunchOutcome> => ({ ok: true, pid: 4242, process: process as unknown as BotProcess }) },
    broker: { revokeRun: (runId) => void revoked.push(runId) },
    reaper: { untrack: () => undefined },
    stopGraceMs: 1000,
    changed: () => undefined,
    onListenerError: () => undefined,
  });
  lifecycles.push(lifecycle);
  return { clock, history, lifecycle, revoked };
}

describe('A stop that comes after the bot exited by itself', () => {
  it.each([
    { asked: 'a Stop', intent: { status: 'cancelled', reason: 'Stopped by the operator.' } },
    { asked: 'a sign-out', intent: { status: 'halted', reason: 'Signed out.', haltedBy: 'signOut' } },
  ] as const)('S115 $asked while its output is still being read changes nothing: the exit code decides, and nothing is signalled', async ({ intent }) => {
    const process = new ExitingProcess();
    const { history, lifecycle } = newLifecycle(process);
    const view = await lifecycle.start(misbehaving('exits'));
    const run = lifecycle.get(view.id);
    if (!run) throw new Error('the run is not live');
    process.exit({ code: 0, signal: null });
    const ended = lifecycle.end(run, intent);
    process.drained();
    await ended;
    expect(history.view(view.id)).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(history.view(view.id)?.reason).toBeUndefined();
    expect(process.signals).toEqual([]);
  });

  it('S115 a time limit falling due while its output is still being read does not make a finished bot timed out', async () => {
    const process = new ExitingProcess();
    const { clock, history, lifecycle } = newLifecycle(process);
    const view = await lifecycle.start(misbehaving('exits', { timeoutMs: 60_000 }));
    process.exit({ code: 3, signal: null });
    clock.advance(60_000);
    process.drained();
    await lifecycle.get(view.id)?.ended.promise;
    expect(history.view(view.id)).toMatchObject({ status: 'failed', exitCode: 3, reason: 'The bot exited with code 3.' });
    expect(process.signals).toEqual([]);
  });

  it('a stop asked for before the bot exits still decides how the run ends', async () => {
    const process = new ExitingProcess();
    const { history, lifecycle } = newLifecycle(process);
    const view = await lifecycle.start(misbehaving('exits'));
    const run = lifecycle.get(view.id);
    if (!run) throw new Error('the run is not live');
    const ended = lifecycle.end(run, { status: 'cancelled', reason: 'Stopped by the operator.' });
    process.exit({ code: 0, signal: null });
    process.drained();
    await ended;
    expect(history.view(view.id)).toMatchObject({ status: 'cancelled', reason: 'Stopped by the operator.' });
    expect(process.signals).toEqual(['SIGTERM']);
  });
});
