import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { botsDoc, examplesCannotRun, onPath } from './testing/docs-example-bots.js';
import { startRecordingProxy } from './testing/loopback-servers.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * docs/bots.md §4's curl bot, copied verbatim into a bash script and run by the real supervisor
 * (sandbox, broker, RunManager). A `curl` earlier on the bot's PATH records every command line
 * before it runs the real curl, so the test sees what any local user could read in /proc.
 */
const skip = examplesCannotRun({ bash: onPath('bash'), curl: onPath('curl'), jq: onPath('jq') });
const example = codeBlockAfter(botsDoc, '### curl', 'bash');

describe.skipIf(skip)("docs/bots.md's curl bot", () => {
  let botsDir: string;
  let harness: SupervisorHarness;
  let shortHarness: SupervisorHarness;
  const proxy = startRecordingProxy();

  beforeAll(async () => {
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-docs-curl-'));
    const realCurl = execFileSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
    const wrapperDir = join(botsDir, 'path');
    await mkdir(wrapperDir);
    await writeFile(join(wrapperDir, 'curl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "$CURL_ARGV_LOG"\nexec ${realCurl} "$@"\n`);
    await chmod(join(wrapperDir, 'curl'), 0o755);
    await writeFile(join(botsDir, 'clinic-bot.sh'), example);
    const manifest = (id: string, env: Record<string, string>) =>
      writeFile(
        join(botsDir, `${id}.bot.json`),
        JSON.stringify({
          id,
          name: id,
          command: 'bash',
          args: ['./clinic-bot.sh'],
          profileId: 'sandbox',
          env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}', PATH: `${wrapperDir}:${process.env.PATH ?? ''}`, CURL_ARGV_LOG: join(botsDir, `${id}.argv`), ...env },
        }),
      );
    await manifest('curl-bot', {});
    // curl takes only the lower-case http_proxy for http:// URLs.
    await manifest('curl-bot-proxied', { http_proxy: (await proxy).url, no_proxy: '', NO_PROXY: '' });
    [harness, shortHarness] = await Promise.all([startSupervisorHarness({ botsDir }), startSupervisorHarness({ botsDir, accessTokenTtlSeconds: 40 })]);
    await Promise.all([harness.signIn(), shortHarness.signIn()]);
  });

  afterAll(async () => {
    await Promise.all([harness?.close(), shortHarness?.close(), (await proxy).close()]);
    await rm(botsDir, { recursive: true, force: true });
  });

  it('gets a token, prints what /whoami answers, and succeeds', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'curl-bot' });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(log).toMatch(/^stdout: \{.*"name":"Dr Demo Supervisor".*\}$/m);
  });

  it('puts neither the run secret nor the token on a command line', async () => {
    const argv = (await readFile(join(botsDir, 'curl-bot.argv'), 'utf8')).trim().split('\n');
    expect(argv, 'one curl for the broker, one for the API').toHaveLength(2);
    const tokens = harness.secrets().filter((secret) => secret.what.startsWith('access token'));
    expect(tokens.length).toBeGreaterThan(0);
    for (const line of argv) {
      expect(line).not.toMatch(/RunSecret|Bearer/);
      for (const token of tokens) expect(line.includes(token.value), `${token.what} in curl's argv`).toBe(false);
    }
  });

  it("never sends the run secret through the clinic's http_proxy", async () => {
    const seen = (await proxy).requests;
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'curl-bot-proxied' });
    const ended = await harness.waitForRunEnd(run.id);
    expect(ended, await harness.logText(run.id)).toMatchObject({ status: 'succeeded' });
    expect(seen.filter((request) => request.authScheme === 'RunSecret' || request.url.includes('/v1/'))).toEqual([]);
    expect(seen).toContainEqual({ url: expect.stringMatching(/\/whoami$/) as unknown, authScheme: 'Bearer' });
  });

  it('the supervisor-died rule: when the broker cannot be reached, it exits 75', async () => {
    const env = { PATH: process.env.PATH ?? '', RPA_BROKER_URL: `http://127.0.0.1:${await freeLoopbackPort()}`, RPA_RUN_SECRET: 'x'.repeat(43), RPA_SANDBOX_API_URL: 'http://127.0.0.1:9' };
    const bot = spawn('bash', ['-c', example], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    bot.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolveExit) => bot.once('exit', (exitCode) => resolveExit(exitCode)));
    expect(code, stderr).toBe(75);
  });

  it("with less than the minute it asks for left, it prints the broker's code and message and fails", async () => {
    const run = await shortHarness.supervisor.api.invoke('startRun', { botId: 'curl-bot' });
    const ended = await shortHarness.waitForRunEnd(run.id);
    const log = await shortHarness.logText(run.id);
    const refusal = 'broker refused: insufficient_validity: The session for Local sandbox ends before the time the bot asked for; re-authentication is needed.';
    expect(ended, log).toMatchObject({ status: 'failed', exitCode: 1, lastError: refusal });
    expect(log).toContain(`stderr: ${refusal}`);
  });
});
