import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerDenial } from '../broker/broker-denial.js';
import { TokenBroker } from '../broker/token-broker.js';
import { effectiveSupervision } from '../policy/supervision-policy.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { Supervision } from '../supervision/supervision.js';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { RunControls } from './run-controls.js';
import { botsDoc, examplesCannotRun, onPath, python3Executable, writePythonBot } from './testing/docs-example-bots.js';
import { FakeSessionAccess } from './testing/fake-session-access.js';
import { startRecordingProxy } from './testing/loopback-servers.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * docs/bots.md's "Ask the supervisor" examples in curl and Python, verbatim, run by the real
 * supervisor: each passes a safe point, asks its question, and gets the answer given in the app.
 */
const python = python3Executable();
const skip = examplesCannotRun({ python3: python !== undefined, bash: onPath('bash'), curl: onPath('curl') });
const pythonExample = codeBlockAfter(botsDoc, 'In Python (standard library only):', 'python');
const curlExample = codeBlockAfter(botsDoc, 'With curl (the secret stays in the environment', 'bash');

describe.skipIf(skip)("docs/bots.md's question examples", () => {
  let botsDir: string;
  let harness: SupervisorHarness;
  const proxy = startRecordingProxy();

  beforeAll(async () => {
    // A clinic's forward proxy in the environment, with loopback not exempted.
    const proxied = { HTTP_PROXY: (await proxy).url, http_proxy: (await proxy).url, NO_PROXY: '', no_proxy: '' };
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-docs-ask-'));
    await writePythonBot(botsDir, { id: 'python-ask', python: python as string, script: pythonExample, extra: { checkpoints: true } });
    await writePythonBot(botsDir, { id: 'python-ask-proxied', python: python as string, script: pythonExample, env: proxied, extra: { checkpoints: true } });
    await writeFile(join(botsDir, 'curl-ask.sh'), curlExample);
    const curlBot = (id: string, env: Record<string, string>) =>
      writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify({ id, name: id, command: 'bash', args: ['./curl-ask.sh'], profileId: 'sandbox', checkpoints: true, env }));
    await Promise.all([curlBot('curl-ask', {}), curlBot('curl-ask-proxied', proxied)]);
    harness = await startSupervisorHarness({ botsDir });
    await harness.signIn();
  });

  afterAll(async () => {
    await Promise.all([harness?.close(), (await proxy).close()]);
    await rm(botsDir, { recursive: true, force: true });
  });

  async function askAndAnswer(botId: string): Promise<string> {
    const run = await harness.supervisor.api.invoke('startRun', { botId });
    const state = await harness.waitForState((s) => s.attention.some((item) => item.kind === 'question' && item.question.runId === run.id), `${botId}'s question`);
    const item = state.attention.find((candidate) => candidate.kind === 'question' && candidate.question.runId === run.id);
    if (item?.kind !== 'question') throw new Error('no question');
    expect(item.question).toMatchObject({ text: 'Post batch 42?', choices: ['Post it', 'Skip it'] });
    await harness.supervisor.api.invoke('answerQuestion', { questionId: item.question.id, answer: { choice: 'Post it' } });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    return log;
  }

  it('the Python bot passes its safe point, asks, and prints the choice the supervisor made', async () => {
    expect(await askAndAnswer('python-ask')).toMatch(/^stdout: Post it$/m);
  });

  it('the curl bot prints the safe point\'s "continue" and the answer with who gave it', async () => {
    const log = await askAndAnswer('curl-ask');
    expect(log).toMatch(/^stdout: \{"action":"continue"\}$/m);
    expect(log).toMatch(/^stdout: \{"answer":\{"choice":"Post it"\},"answeredBy":\{"subject":"demo-user-0001","name":"Dr Demo Supervisor"\},"answeredAt":\d+\}$/m);
  });

  it("neither sends its run secret through the clinic's proxy", async () => {
    await askAndAnswer('python-ask-proxied');
    await askAndAnswer('curl-ask-proxied');
    expect((await proxy).requests).toEqual([]);
  });

  it('the Python checkpoint() exits on a refusal it does not expect, instead of asking again and again', async () => {
    const sessions = new FakeSessionAccess();
    sessions.signIn('sandbox', { accessToken: 'docs-ask-token-0123456789', expiresAt: Date.now() + 3_600_000 });
    const controls = new RunControls();
    const supervision = new Supervision({ clock: systemClock, policy: effectiveSupervision({ idleAfterMs: 0 }), controls, runContext: (runId) => controls.context(runId) });
    const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, gate: supervision });
    const denials: BrokerDenial[] = [];
    broker.onDidDeny((denial) => denials.push(denial));
    await broker.start();
    try {
      // A secret the broker does not know: a bot started by hand with a stale environment.
      const env = { RPA_BROKER_URL: broker.url, RPA_RUN_SECRET: 'A'.repeat(43) };
      const bot = spawn(python as string, ['-c', pythonExample], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = await new Promise<number | null>((resolveExit) => {
        const timer = setTimeout(() => bot.kill('SIGKILL'), 5000);
        bot.once('exit', (code) => (clearTimeout(timer), resolveExit(code)));
      });
      expect(exited, `still asking after 5 s, ${denials.length} refusals`).toBe(1);
      expect(stderr).toContain('invalid_secret');
      expect(denials).toHaveLength(1);
    } finally {
      supervision.dispose();
      await broker.close();
    }
  });
});
