import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botsDir as repoBots } from './testing/run-fixture.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * The same leak checks with opaque access tokens, which no JWT pattern can recognise: only the
 * literal token and the redactor's exact-secret pass stand between a careless bot and the disk.
 * Proven by mutation: delete `this.#trackToken(bot.profileId, grant.accessToken);` in
 * RunManager#runEnv (app/bots/run-manager.ts) → the redactor never learns the token, the
 * print-token bot's lines reach logs/<run>.log verbatim, and S44 and both S30 tests below fail,
 * naming that file.
 */
describe('with opaque access tokens: a bot prints its token', () => {
  let harness: SupervisorHarness;
  let botsDir: string;

  beforeAll(async () => {
    botsDir = await mkdtemp(join(tmpdir(), 'rpa-bots-opaque-'));
    const bot = (id: string, script: string, extra: Record<string, unknown> = {}) =>
      writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify({ id, name: id, command: 'node', args: [join(repoBots, script)], profileId: 'sandbox', ...extra }));
    await bot('api-bot', 'api-bot/api-bot.mjs', { env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' } });
    await bot('token-printer', 'misbehaving-bot/misbehaving-bot.mjs', { env: { MISBEHAVE_MODE: 'print-token' }, tokenDelivery: 'env' });
    harness = await startSupervisorHarness({ botsDir, accessTokenFormat: 'opaque' });
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  it('the API bot is authorised with an opaque token the demo API introspects', async () => {
    await harness.signIn();
    const [accessToken] = harness.secrets().filter((secret) => secret.what.startsWith('access token'));
    expect(accessToken?.value).toMatch(/^[\w-]{43,}$/);
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'api-bot' });
    expect(await harness.waitForRunEnd(run.id)).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(await harness.logText(run.id)).toMatch(/stdout: Authorised as Dr Demo Supervisor \(demo-user-0001\)/);
  });

  it('S44 the printed opaque token is redacted from the env and broker lines', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'token-printer' });
    expect(await harness.waitForRunEnd(run.id)).toMatchObject({ status: 'succeeded' });
    const log = await harness.logText(run.id);
    expect(log).toContain('broker token: [REDACTED]');
    expect(log).toContain('env token: [REDACTED]');
  });

  it('S30 no opaque token, ID token or code is in any file or the renderer state', async () => {
    expect(harness.secrets().map((secret) => secret.what)).toEqual(expect.arrayContaining(['access token 1', 'ID token 1', 'authorization code 1']));
    expect(await harness.leaks()).toEqual([]);
  });

  it('S30 the check is live: a copy of the opaque token under the data folder is found and named', async () => {
    const [accessToken] = harness.secrets().filter((secret) => secret.what.startsWith('access token'));
    const planted = join(harness.dataDir, 'logs', 'planted.log');
    await writeFile(planted, `a careless line: ${accessToken?.value}\n`);
    try {
      expect(await harness.leaks()).toEqual([{ where: planted, what: 'access token 1' }]);
    } finally {
      await rm(planted);
    }
  });
});
