import { describe, expect, it } from 'vitest';
import type { RunView } from '../common/contract.js';
import { ParkedRequests } from '../broker/parked-requests.js';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { systemClock } from '../ports/clock.js';
import { Supervision } from '../supervision/supervision.js';
import { findProcessesByRunId } from './process-table.js';
import { RunControls } from './run-controls.js';
import type { RunManager } from './run-manager.js';
import { misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/**
 * However a real run ends, its open questions close at once with `runFinished` (the bot hears
 * 410 run_finished, the strip drops them), never left to their own time-out. Every end passes
 * through the same `ended` event; a time limit is left out as it only adds seconds of waiting.
 */
const fixture = useRunFixture();
const onLinux = process.platform === 'linux';
if (!onLinux) console.log(`run-end-questions.test.ts: "the bot's process is killed" finds the pid in /proc and is skipped on ${process.platform}.`);

function setup(extra: Parameters<typeof misbehaving>[1] = {}) {
  const controls = new RunControls();
  const parked = new ParkedRequests();
  const supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 0 }), controls, runContext: (runId) => controls.context(runId) });
  const manager = fixture.newManager({
    supervision: {
      controls,
      approvals: supervision.approvals,
      releaseRun: (runId) => supervision.releaseRun(runId),
      requireApproval: false,
      scopesOf: () => [],
      platform: process.platform,
      parked: { parkedReason: (runId) => parked.reason(runId), onDidParkChange: (listener) => parked.onDidChange(listener) },
    },
  });
  manager.setBots([misbehaving('hang', extra)]);
  return { manager, supervision };
}

async function askWhileRunning(manager: RunManager, supervision: Supervision): Promise<{ run: RunView; outcome: Promise<unknown> }> {
  const run = await manager.start('misbehaving-hang');
  await waitForLog(manager, run.id, /now hanging/);
  const outcome = supervision.ask(run.id, { question: 'Post batch 42?', choices: ['Yes', 'No'], timeoutMs: 3_600_000 });
  expect(outcome).toBeDefined();
  expect(supervision.questions.list()).toHaveLength(1);
  return { run, outcome: outcome as Promise<unknown> };
}

describe('a run that ends closes its questions', () => {
  it.each([
    ['stopped by the operator', 'cancelled', (manager: RunManager, run: RunView) => manager.stop(run.id)],
    ['halted (the supervisor left)', 'halted', (manager: RunManager) => manager.haltProfile('sandbox', 'The supervisor was away.', 'absence')],
  ] as const)('%s: the question closes as runFinished', async (_how, status, end) => {
    const { manager, supervision } = setup();
    const { run, outcome } = await askWhileRunning(manager, supervision);
    await end(manager, run);
    expect(await runToEnd(manager, run)).toMatchObject({ status });
    expect(await outcome).toEqual({ kind: 'runFinished' });
    expect(supervision.questions.list()).toEqual([]);
    supervision.dispose();
  });

  it.skipIf(!onLinux)("the bot's process is killed: the question closes as runFinished", async () => {
    const { manager, supervision } = setup();
    const { run, outcome } = await askWhileRunning(manager, supervision);
    for (const pid of await findProcessesByRunId(run.id)) process.kill(pid, 'SIGKILL');
    expect(await runToEnd(manager, run)).toMatchObject({ status: 'failed' });
    expect(await outcome).toEqual({ kind: 'runFinished' });
    expect(supervision.questions.list()).toEqual([]);
    supervision.dispose();
  });
});
