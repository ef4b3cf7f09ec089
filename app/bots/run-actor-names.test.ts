import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView, SupervisorState } from '../common/contract.js';
import { nodeBotsFolder, writeNodeBot } from './testing/docs-node-bots.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * "Who stopped or paused this?", asked the day after from the run log and Run history: every
 * control a person used on a run names them, in the run's own lines, its end reason, the run views
 * and the audit trail's "ended" record. The real supervisor, sandbox sign-in and bot processes.
 */
const onLinux = process.platform === 'linux';
if (!onLinux) console.log(`run-actor-names.test.ts: the signal pause (SIGSTOP) test runs on Linux only, not on ${process.platform}.`);

const who = 'Dr Demo Supervisor';

// A bot with safe points: it ticks between checkpoints and cleans up when asked to stop at one.
const loopBot = `
import { checkpoint, StopRequestedError } from '../sdk/index.mjs';
let tick = 0;
try {
  for (;;) {
    await checkpoint();
    tick += 1;
    console.log(\`tick \${tick}\`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
} catch (error) {
  if (!(error instanceof StopRequestedError)) throw error;
  console.log('cleaned up');
}
`;

// A bot without safe points: Pause holds it with a signal.
const plainBot = `
let tick = 0;
setInterval(() => console.log(\`tick \${(tick += 1)}\`), 50);
`;

describe('who acted on a run, named in its own lines', () => {
  let botsDir: string;
  let harness: SupervisorHarness;

  beforeAll(async () => {
    botsDir = await nodeBotsFolder('rpa-actor-names-');
    await writeNodeBot(botsDir, { id: 'loop-bot', source: loopBot, extra: { checkpoints: true } });
    await writeNodeBot(botsDir, { id: 'plain-bot', source: plainBot });
    harness = await startSupervisorHarness({ botsDir });
    await harness.signIn();
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  const run = (state: SupervisorState, runId: string): RunView | undefined => state.runs.find((r) => r.id === runId);
  const systemLines = async (runId: string) => (await harness.logText(runId)).split('\n').filter((line) => line.startsWith('system: ')).map((line) => line.slice('system: '.length));
  const ticking = (runId: string) => expect.poll(() => harness.logText(runId), { timeout: 10_000 }).toMatch(/tick 2/);
  const endedRecord = async (runId: string) => (await harness.supervisor.api.invoke('listAudit', { limit: 100 })).records.find((record) => record.type === 'runEnded' && record.runId === runId);

  it('Pause, Resume and "Stop at next safe point" name the person: the log, the end reason, Run history and the audit say the same words', async () => {
    const { api } = harness.supervisor;
    const started = await api.invoke('startRun', { botId: 'loop-bot' });
    await ticking(started.id);
    await api.invoke('pauseRun', { runId: started.id });
    await harness.waitForState((s) => run(s, started.id)?.status === 'paused', 'the run to be paused');
    await api.invoke('resumeRun', { runId: started.id });
    await harness.waitForState((s) => run(s, started.id)?.status === 'running', 'the run to go on');
    await api.invoke('stopRunAtSafePoint', { runId: started.id });
    const ended = await harness.waitForRunEnd(started.id);

    const reason = `Stopped by ${who} at a safe point.`;
    const log = await harness.logText(started.id);
    expect(ended, log).toMatchObject({ status: 'cancelled', exitCode: 0, reason });
    expect(log).toContain('stdout: cleaned up');
    const lines = await systemLines(started.id);
    expect(lines).toEqual(expect.arrayContaining([`Pause asked for by ${who}: the bot holds at its next checkpoint.`, `Resumed by ${who}.`, `Stop at the next safe point asked for by ${who}.`]));
    expect(lines.join('\n')).not.toMatch(/the operator/);
    // Run history (and its CSV, made from the same views) and the audit trail quote the run's reason.
    expect((await api.invoke('listRuns', { limit: 50 })).find((view) => view.id === started.id)?.reason).toBe(reason);
    expect((await endedRecord(started.id))?.detail).toContain(reason);
  });

  it.skipIf(!onLinux)('a Pause by signal and a Stop now name the person too', async () => {
    const { api } = harness.supervisor;
    const started = await api.invoke('startRun', { botId: 'plain-bot' });
    await ticking(started.id);
    await api.invoke('pauseRun', { runId: started.id });
    await harness.waitForState((s) => run(s, started.id)?.status === 'paused', 'the run to be paused');
    await api.invoke('resumeRun', { runId: started.id });
    await harness.waitForState((s) => run(s, started.id)?.status === 'running', 'the run to go on');
    await api.invoke('stopRun', { runId: started.id });
    const ended = await harness.waitForRunEnd(started.id);

    expect(ended).toMatchObject({ status: 'cancelled', reason: `Stopped by ${who}.` });
    const lines = await systemLines(started.id);
    expect(lines).toEqual(expect.arrayContaining([`Paused by ${who}: the bot is stopped until Resume.`, `Resumed by ${who}.`]));
    expect(lines.join('\n')).not.toMatch(/the operator/);
    expect((await endedRecord(started.id))?.detail).toContain(`Stopped by ${who}.`);
  });
});
