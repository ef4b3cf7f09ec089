import { describe, expect, it } from 'vitest';
import { FakeClock } from '../test-support/fake-clock.js';
import { isProcessAlive, waitUntil } from './testing/process-probe.js';
import { logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/** RunControl with real misbehaving bots: stop and kill escalation, the time limit, and exits. */
const fixture = useRunFixture();

/**
 * Moves a manual clock on by the stop grace until `ended`: the SIGKILL timer is set once SIGTERM
 * has gone to the whole tree, which the bot's "ignoring SIGTERM" can be seen a moment before.
 */
async function passGrace(clock: FakeClock, graceMs: number, ended: () => boolean): Promise<void> {
  await waitUntil(() => {
    if (ended()) return true;
    clock.advance(graceMs);
    return false;
  }, 10_000, 'the run to end after the stop grace');
}

describe('RunControl with misbehaving bots', () => {
  it('S39 stop kills the whole tree, including a detached grandchild', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('spawn-tree')]);
    const run = await manager.start('misbehaving-spawn-tree');
    // The two lines come from different processes sharing one pipe, so either may come first.
    const tree = await waitForLog(manager, run.id, /bot pid (\d+); child pid (\d+)/);
    const grandchild = await waitForLog(manager, run.id, /detached grandchild pid (\d+)/);
    const pids = [Number(tree[1]), Number(tree[2]), Number(grandchild[1])];
    expect(pids.every(isProcessAlive)).toBe(true);
    await manager.stop(run.id, 'Operator pressed Stop');
    expect(manager.listRuns()[0]).toMatchObject({ id: run.id, status: 'cancelled', reason: 'Operator pressed Stop' });
    await waitUntil(() => pids.every((pid) => !isProcessAlive(pid)), 5000, 'the whole tree to exit');
  });

  // The time limit runs on a manual clock, moved past it only once the bot has said it is hanging,
  // which it does after installing its SIGTERM handler: on a busy machine Node can take longer than
  // the limit just to start, and a SIGTERM that arrives first simply ends it.
  it('S40 a hanging bot is timed out: SIGTERM, then SIGKILL after the grace, log tail kept', async () => {
    const clock = new FakeClock(Date.now());
    const manager = fixture.newManager({ stopGraceMs: 300, clock });
    manager.setBots([misbehaving('hang', { timeoutMs: 2_000, env: { MISBEHAVE_MODE: 'hang', MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    clock.advance(1_999);
    expect(manager.getRun(run.id)?.status).toBe('running');
    clock.advance(1);
    await waitForLog(manager, run.id, /ignoring SIGTERM/);
    await passGrace(clock, 300, () => manager.getRun(run.id)?.status === 'timedOut');
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'timedOut', signal: 'SIGKILL', exitCode: null });
    expect(ended.reason).toMatch(/time limit of 2(,)?000 ms|time limit of 2 s/);
    const text = logText(manager, run.id);
    expect(text).toMatch(/stdout: working on item 3\nstdout: now hanging/);
    // The reason is a sentence of its own: the signals come first, so it is not followed by ". (SIGTERM…)."
    expect(text).toMatch(/system: Stopping \(SIGTERM, then SIGKILL after [^)]+\): Stopped after its time limit[^\n]*[^.]\.\n/);
    expect(text).toMatch(/stdout: ignoring SIGTERM/);
    expect(text).toMatch(/system: The bot was ended by SIGKILL .*timed out/);
  });

  it('a stop after the time limit fired changes nothing: the first request decides how the run ends', async () => {
    const clock = new FakeClock(Date.now());
    const manager = fixture.newManager({ stopGraceMs: 1500, clock });
    manager.setBots([misbehaving('hang', { timeoutMs: 1_000, env: { MISBEHAVE_MODE: 'hang', MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /now hanging/);
    clock.advance(1_000);
    await waitForLog(manager, run.id, /system: Stopping \(SIGTERM, then SIGKILL after [^)]+\): Stopped after its time limit/);
    // The second stop waits for the run to end, which takes the grace the first one started.
    const secondStop = manager.stop(run.id, 'Operator pressed Stop too');
    await waitForLog(manager, run.id, /ignoring SIGTERM/);
    await passGrace(clock, 1500, () => manager.getRun(run.id)?.status === 'timedOut');
    await secondStop;
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'timedOut', signal: 'SIGKILL' });
    expect(ended.reason).toMatch(/time limit/);
    expect(logText(manager, run.id).match(/system: Stopping /g)).toHaveLength(1);
  });

  it('S41 a crash is failed with its exit code, its secret is revoked, and the next run is unaffected', async () => {
    const { broker, issuedSecrets } = fixture;
    const manager = fixture.newManager();
    manager.setBots([misbehaving('crash', { env: { MISBEHAVE_MODE: 'crash', MISBEHAVE_EXIT_CODE: '7' } })]);
    const first = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(first).toMatchObject({ status: 'failed', exitCode: 7, reason: 'The bot exited with code 7.', lastError: 'about to crash' });
    expect(logText(manager, first.id)).toMatch(/stderr: about to crash/);
    const reply = await fetch(`${broker.url}/v1/token`, { headers: { authorization: `RunSecret ${issuedSecrets.get(first.id)}` } });
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: string }).error).toBe('run_finished');

    const second = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ status: 'failed', exitCode: 7 });
    expect(issuedSecrets.get(second.id)).not.toBe(issuedSecrets.get(first.id));
  });

  it('an uncaught error gives the failed run its message as the last error, not Node\'s stack or version line', async () => {
    const manager = fixture.newManager();
    manager.setBots([misbehaving('throw', { env: { MISBEHAVE_MODE: 'throw', MISBEHAVE_MESSAGE: 'the portal refused batch 42' } })]);
    const ended = await runToEnd(manager, await manager.start('misbehaving-throw'));
    expect(ended).toMatchObject({ status: 'failed', exitCode: 1, lastError: 'Error: the portal refused batch 42' });
    // The stack and Node's version line were written after the message: the log has them.
    expect(logText(manager, ended.id)).toMatch(/stderr: +at .*misbehaving-bot\.mjs[\s\S]*stderr: Node\.js v\d+/);
  });
});
