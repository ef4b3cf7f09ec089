import { describe, expect, it } from 'vitest';
import { isProcessAlive, waitUntil } from './testing/process-probe.js';
import { logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';

/** RunControl with real misbehaving bots: stop and kill escalation, the time limit, and exits. */
const fixture = useRunFixture();

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

  it('S40 a hanging bot is timed out: SIGTERM, then SIGKILL after the grace, log tail kept', async () => {
    const manager = fixture.newManager({ stopGraceMs: 300 });
    manager.setBots([misbehaving('hang', { timeoutMs: 2_000, env: { MISBEHAVE_MODE: 'hang', MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
    const run = await manager.start('misbehaving-hang');
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'timedOut', signal: 'SIGKILL', exitCode: null });
    expect(ended.reason).toMatch(/time limit of 2(,)?000 ms|time limit of 2 s/);
    const text = logText(manager, run.id);
    expect(text).toMatch(/stdout: working on item 3\nstdout: now hanging/);
    expect(text).toMatch(/system: Stopping: Stopped after its time limit/);
    expect(text).toMatch(/stdout: ignoring SIGTERM/);
    expect(text).toMatch(/system: The bot was ended by SIGKILL .*timed out/);
  });

  it('a stop after the time limit fired changes nothing: the first request decides how the run ends', async () => {
    const manager = fixture.newManager({ stopGraceMs: 1500 });
    manager.setBots([misbehaving('hang', { timeoutMs: 1_000, env: { MISBEHAVE_MODE: 'hang', MISBEHAVE_IGNORE_SIGTERM: '1' } })]);
    const run = await manager.start('misbehaving-hang');
    await waitForLog(manager, run.id, /system: Stopping: Stopped after its time limit/);
    await manager.stop(run.id, 'Operator pressed Stop too');
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'timedOut', signal: 'SIGKILL' });
    expect(ended.reason).toMatch(/time limit/);
    expect(logText(manager, run.id).match(/system: Stopping:/g)).toHaveLength(1);
  });

  it('S41 a crash is failed with its exit code, its secret is revoked, and the next run is unaffected', async () => {
    const { broker, issuedSecrets } = fixture;
    const manager = fixture.newManager();
    manager.setBots([misbehaving('crash', { env: { MISBEHAVE_MODE: 'crash', MISBEHAVE_EXIT_CODE: '7' } })]);
    const first = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(first).toMatchObject({ status: 'failed', exitCode: 7, reason: 'The bot exited with code 7.' });
    expect(logText(manager, first.id)).toMatch(/stderr: about to crash/);
    const reply = await fetch(`${broker.url}/v1/token`, { headers: { authorization: `RunSecret ${issuedSecrets.get(first.id)}` } });
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: string }).error).toBe('run_finished');

    const second = await runToEnd(manager, await manager.start('misbehaving-crash'));
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ status: 'failed', exitCode: 7 });
    expect(issuedSecrets.get(second.id)).not.toBe(issuedSecrets.get(first.id));
  });
});
