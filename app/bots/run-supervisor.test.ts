import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../common/contract.js';
import { ParkedRequests } from '../broker/parked-requests.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { findProcessesByRunId } from './process-table.js';
import { RunControls } from './run-controls.js';
import type { RunManager } from './run-manager.js';
import type { RunSupervisionDeps } from './run-supervisor.js';
import { logText, misbehaving, runToEnd, useRunFixture, waitForLog } from './testing/run-fixture.js';
import { waitUntil } from './testing/process-probe.js';

/**
 * Pause, resume and safe stop through the run manager, on real bot processes. The platform is a
 * dependency, so the Windows rule (plain bots cannot be paused) is checked on any machine; the
 * process-state checks read /proc and run on Linux only.
 */
const fixture = useRunFixture();
const onLinux = process.platform === 'linux';
if (!onLinux) console.log(`run-supervisor.test.ts: the SIGSTOP/SIGCONT process-state checks read /proc and are skipped on ${process.platform}.`);

function supervision(platform: NodeJS.Platform, controls = new RunControls(), parked = new ParkedRequests()): RunSupervisionDeps {
  return {
    controls,
    approvals: { require: () => undefined },
    releaseRun: () => undefined,
    requireApproval: false,
    scopesOf: () => [],
    platform,
    parked: { parkedReason: (runId) => parked.reason(runId), onDidParkChange: (listener) => parked.onDidChange(listener) },
  };
}

function view(manager: RunManager, runId: string): RunView | undefined {
  return manager.listRuns({ limit: 100 }).find((run) => run.id === runId);
}

/** The one-letter state of a process (R, S, T for stopped…) from /proc/<pid>/stat. */
async function processState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

async function startHanging(manager: RunManager, extra: Parameters<typeof misbehaving>[1] = {}): Promise<RunView> {
  manager.setBots([misbehaving('hang', extra)]);
  const run = await manager.start('misbehaving-hang');
  await waitForLog(manager, run.id, /now hanging/);
  return run;
}

describe('RunSupervisor: pause and resume', () => {
  it.skipIf(!onLinux)('on Linux a plain bot is paused with SIGSTOP to its process group and resumed with SIGCONT', async () => {
    const manager = fixture.newManager({ supervision: supervision('linux') });
    const run = await startHanging(manager);
    const [pid] = await findProcessesByRunId(run.id);
    expect(pid).toBeGreaterThan(0);

    await manager.supervisor.pause(run.id, 'Dr A');
    expect(view(manager, run.id)).toMatchObject({ status: 'paused', control: { pause: 'signal', safeStop: false } });
    await waitUntil(async () => (await processState(pid as number)) === 'T', 5000, 'the bot to be stopped (T)');

    await manager.supervisor.resume(run.id, 'Dr A');
    expect(view(manager, run.id)?.status).toBe('running');
    await waitUntil(async () => (await processState(pid as number)) !== 'T', 5000, 'the bot to run again');
    await expect(manager.supervisor.resume(run.id, 'Dr A')).rejects.toMatchObject({ code: 'run_not_paused' });
  });

  it('on Windows a bot without checkpoints is refused with pause_unavailable and keeps running', async () => {
    const manager = fixture.newManager({ supervision: supervision('win32') });
    const run = await startHanging(manager);
    expect(view(manager, run.id)?.control).toMatchObject({ pause: 'unavailable', safeStop: false });
    await expect(manager.supervisor.pause(run.id, 'Dr A')).rejects.toMatchObject({ code: 'pause_unavailable' });
    expect(view(manager, run.id)?.status).toBe('running');
    if (onLinux) {
      const [pid] = await findProcessesByRunId(run.id);
      expect(await processState(pid as number)).not.toBe('T');
    }
  });

  it.each(['win32', 'linux', 'darwin'] as const)('on %s a bot with checkpoints is paused at its next checkpoint, never by a signal', async (platform) => {
    const controls = new RunControls();
    const manager = fixture.newManager({ supervision: supervision(platform, controls) });
    const run = await startHanging(manager, { checkpoints: true });
    expect(controls.checkpoint(run.id, false)).toBe('continue');

    await manager.supervisor.pause(run.id, 'Dr A');
    expect(view(manager, run.id)).toMatchObject({ status: 'paused', control: { pause: 'checkpoint', safeStop: true } });
    expect(controls.checkpoint(run.id, false)).toBe('hold');
    if (onLinux) {
      const [pid] = await findProcessesByRunId(run.id);
      expect(await processState(pid as number)).not.toBe('T');
    }

    await manager.supervisor.resume(run.id, 'Dr A');
    expect(controls.checkpoint(run.id, false)).toBe('continue');
    // Someone away (presence policy) holds a checkpoint bot too, without a pause.
    expect(controls.checkpoint(run.id, true)).toBe('hold');
  });

  it('"Stop at next safe point" is refused for a bot without checkpoints and handed once to one with them', async () => {
    const controls = new RunControls();
    const manager = fixture.newManager({ supervision: supervision('linux', controls) });
    manager.setBots([misbehaving('hang'), misbehaving('hang', { id: 'safe-hang', checkpoints: true })]);
    const plain = await manager.start('misbehaving-hang');
    const safe = await manager.start('safe-hang');
    await waitForLog(manager, safe.id, /now hanging/);
    expect(() => manager.supervisor.stopAtSafePoint(plain.id, 'Dr A')).toThrow(expect.objectContaining({ code: 'safe_stop_unavailable' }));
    manager.supervisor.stopAtSafePoint(safe.id, 'Dr A');
    // A second ask changes nothing: the first person's stop stands, and only they are named.
    manager.supervisor.stopAtSafePoint(safe.id, 'Dr B');
    expect(view(manager, safe.id)?.control).toMatchObject({ stopRequested: true });
    expect(controls.checkpoint(safe.id, false)).toBe('stop');
    expect(controls.facts(safe.id)).toMatchObject({ safeStop: 'delivered', safeStopBy: 'Dr A' });
    const asked = logText(manager, safe.id).split('\n').filter((line) => line.includes('Stop at the next safe point asked for'));
    expect(asked).toEqual([expect.stringContaining('Stop at the next safe point asked for by Dr A.')]);
  });
});

describe('RunSupervisor: time limit while paused', () => {
  it('paused time does not count against the time limit: the deadline moves on by the pause', async () => {
    const clock = new FakeClock();
    const manager = fixture.newManager({ clock, supervision: supervision('linux') });
    const run = await startHanging(manager, { timeoutMs: 10_000, checkpoints: true });

    clock.advance(4_000);
    await manager.supervisor.pause(run.id, 'Dr A');
    // An hour paused: well past the 10 s limit, and the run is still paused.
    clock.advance(60 * 60_000);
    expect(view(manager, run.id)?.status).toBe('paused');
    await manager.supervisor.resume(run.id, 'Dr A');

    // 4 s ran before the pause; 5.9 s more is still inside the limit.
    clock.advance(5_900);
    expect(view(manager, run.id)?.status).toBe('running');
    clock.advance(200);
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'timedOut' });
  });

  it('waiting for sign-in still counts against the time limit', async () => {
    const clock = new FakeClock();
    const parked = new ParkedRequests();
    const manager = fixture.newManager({ clock, supervision: supervision('linux', new RunControls(), parked) });
    const run = await startHanging(manager, { timeoutMs: 10_000 });
    // The bot's token request is held for a session, as the broker parks it after an expiry.
    parked.park(run.id, 'signIn');
    expect(view(manager, run.id)?.status).toBe('waitingForSignIn');
    clock.advance(10_001);
    expect(await runToEnd(manager, run)).toMatchObject({ status: 'timedOut' });
  });
});

describe('RunSupervisor: sign-out', () => {
  it.each([
    ['a plain bot paused by SIGSTOP', {}, 'pause'],
    ['a bot paused at its checkpoint', { checkpoints: true }, 'pause'],
    ['a run waiting for sign-in', {}, 'wait'],
  ] as const)('S61 %s is halted at sign-out, and its run secret stops working', async (_what, extra, how) => {
    const parked = new ParkedRequests();
    const platform = process.platform === 'win32' ? 'linux' : process.platform;
    const manager = fixture.newManager({ supervision: supervision(platform, new RunControls(), parked) });
    const run = await startHanging(manager, extra);
    if (how === 'pause') await manager.supervisor.pause(run.id, 'Dr A');
    else parked.park(run.id, 'signIn');
    expect(view(manager, run.id)?.status).toBe(how === 'pause' ? 'paused' : 'waitingForSignIn');
    const secret = fixture.issuedSecrets.get(run.id) as string;
    const before = await fetch(`${fixture.broker.url}/v1/token`, { headers: { authorization: `RunSecret ${secret}` } });
    expect(before.status).toBe(200);
    await before.body?.cancel();

    fixture.sessions.signOut('sandbox');
    await manager.haltProfile('sandbox', 'The supervisor signed out.', 'signOut');
    const ended = await runToEnd(manager, run);
    expect(ended).toMatchObject({ status: 'halted', haltedBy: 'signOut' });

    const after = await fetch(`${fixture.broker.url}/v1/token`, { headers: { authorization: `RunSecret ${secret}` } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: 'run_finished' });
    if (onLinux) expect(await findProcessesByRunId(run.id)).toEqual([]);
  });
});

describe('RunSupervisor: a stop while Pause is on its way', () => {
  // Both signals wait for the same scan of the process table, so SIGSTOP reaches the bot first
  // and SIGTERM right after it: a stopped bot only handles SIGTERM once it is continued.
  it.skipIf(!onLinux)('S116 a sign-out while Pause is still stopping a plain bot continues it, so it ends by SIGTERM, not frozen until SIGKILL', async () => {
    const manager = fixture.newManager({ stopGraceMs: 4000, supervision: supervision('linux') });
    const run = await startHanging(manager);
    const pausing = manager.supervisor.pause(run.id, 'Dr A');
    const halting = manager.haltProfile('sandbox', 'The supervisor signed out.', 'signOut');
    await pausing;
    await halting;
    expect(view(manager, run.id)).toMatchObject({ status: 'halted', haltedBy: 'signOut', signal: 'SIGTERM' });
    // The run was never paused: its log does not say so after the stop.
    expect(logText(manager, run.id)).not.toMatch(/Stopping[\s\S]*[Pp]aused/);
  });
});
