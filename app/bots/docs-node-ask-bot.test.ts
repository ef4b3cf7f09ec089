import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView, SupervisorState } from '../common/contract.js';
import { isLiveRunStatus } from '../common/run-status.js';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { botsDoc } from './testing/docs-example-bots.js';
import { nodeBotsFolder, wrapFragment, writeNodeBot } from './testing/docs-node-bots.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * docs/bots.md's Node example for safe points and questions ("In Node, with the SDK:"), verbatim,
 * run by the real supervisor: Pause holds it at checkpoint(), Resume lets it go on, its question is
 * answered in the app; "Stop at next safe point" ends it through StopRequestedError and its clean-up.
 */
const example = codeBlockAfter(botsDoc, 'In Node, with the SDK:', 'js');

// What the fragment takes as given. The first item's work asks a question of its own, so the test
// knows the bot is between two safe points when it pauses or asks for a stop.
const before = `
const items = ['claim 1', 'claim 2'];
async function handleItem(item) {
  console.log(\`handled \${item}\`);
  if (item === 'claim 1') await ask({ question: 'Claim 1 handled. Go on?', choices: ['Go on'], timeoutMs: 60_000 });
}
async function cleanUp() {
  console.log('cleaned up at a safe point');
}
`;

describe("docs/bots.md's Node example for safe points and questions", () => {
  let botsDir: string;
  let harness: SupervisorHarness;

  beforeAll(async () => {
    botsDir = await nodeBotsFolder('rpa-docs-node-ask-');
    // "Declare "checkpoints": true and call checkpoint() between steps".
    await writeNodeBot(botsDir, { id: 'batch-bot', source: wrapFragment({ before, example }), extra: { checkpoints: true } });
    harness = await startSupervisorHarness({ botsDir });
    await harness.signIn();
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  const stdout = (log: string) => log.split('\n').flatMap((line) => (line.startsWith('stdout: ') ? [line.slice('stdout: '.length)] : []));
  const run = (state: SupervisorState, runId: string): RunView | undefined => state.runs.find((r) => r.id === runId);

  const questionOf = (state: SupervisorState, runId: string, text: string) =>
    state.attention.find((item) => item.kind === 'question' && item.question.runId === runId && item.question.text === text);

  /** Resolves when the bot asks `text`; fails with the bot's log if it ends first. */
  async function question(runId: string, text: string): Promise<string> {
    const state = await harness.waitForState((s) => questionOf(s, runId, text) !== undefined || !isLiveRunStatus(run(s, runId)?.status ?? 'queued'), `the question "${text}"`);
    const item = questionOf(state, runId, text);
    if (item?.kind !== 'question') throw new Error(`The bot ended without asking "${text}":\n${await harness.logText(runId)}`);
    return item.question.id;
  }

  async function answer(runId: string, text: string, choice: string): Promise<void> {
    const questionId = await question(runId, text);
    await harness.supervisor.api.invoke('answerQuestion', { questionId, answer: { choice } });
  }

  it('holds at checkpoint() while paused, goes on after Resume, and prints who answered its question and how', async () => {
    const started = await harness.supervisor.api.invoke('startRun', { botId: 'batch-bot' });
    await question(started.id, 'Claim 1 handled. Go on?');
    await harness.supervisor.api.invoke('pauseRun', { runId: started.id });
    await answer(started.id, 'Claim 1 handled. Go on?', 'Go on');
    const held = await harness.waitForState((s) => run(s, started.id)?.control?.holding === true, 'the bot to hold at its checkpoint');
    expect(run(held, started.id)?.status).toBe('paused');
    expect(await harness.logText(started.id)).not.toContain('handled claim 2');

    await harness.supervisor.api.invoke('resumeRun', { runId: started.id });
    await answer(started.id, 'Post the batch?', 'Post it');
    const ended = await harness.waitForRunEnd(started.id);
    const log = await harness.logText(started.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(stdout(log)).toEqual(['handled claim 1', 'handled claim 2', 'Dr Demo Supervisor chose Post it']);
  });

  it('"Stop at next safe point": checkpoint() throws StopRequestedError, the bot cleans up, and the run ends stopped', async () => {
    const started = await harness.supervisor.api.invoke('startRun', { botId: 'batch-bot' });
    await question(started.id, 'Claim 1 handled. Go on?');
    await harness.supervisor.api.invoke('stopRunAtSafePoint', { runId: started.id });
    await answer(started.id, 'Claim 1 handled. Go on?', 'Go on');
    const ended = await harness.waitForRunEnd(started.id);
    const log = await harness.logText(started.id);
    expect(ended, log).toMatchObject({ status: 'cancelled', exitCode: 0, reason: 'Stopped by Dr Demo Supervisor at a safe point.' });
    expect(stdout(log)).toEqual(['handled claim 1', 'cleaned up at a safe point']);
  });
});
