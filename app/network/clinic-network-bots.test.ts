import { createHash, X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunView } from '../common/contract.js';
import { clientSecretKey, profileSchema } from '../config/profile.js';
import { nullLogger } from '../ports/logger.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { systemClock } from '../ports/clock.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';
import type { RunningSandbox } from '../sandbox/sandbox-provider.js';
import { chromiumExecutablePath, chromiumMissing } from '../test-support/prerequisites.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { isLiveRunStatus } from '../common/run-status.js';
import { clinicNetworkMissing as skip } from './test-support/clinic-provider.js';
import { partner, useClinicNetwork } from './test-support/clinic-network-fixture.js';
import type { PrivateCa } from './test-support/private-ca.js';
import type { RunningTinyproxy } from './test-support/tinyproxy.js';

let ca: PrivateCa;
let sandbox: RunningSandbox;
let proxy: RunningTinyproxy;
const { network, providerHost } = useClinicNetwork((started) => {
  ({ ca, sandbox, proxy } = started);
});

/**
 * Bots behind the same proxy: they inherit HTTPS_PROXY and NODE_EXTRA_CA_CERTS through the env
 * allowlist, their API calls tunnel through the proxy, and their token requests to the broker on
 * 127.0.0.1 never do, even with the proxy variables pointing at a dead proxy.
 */
describe.skipIf(skip)('bots behind the clinic proxy', () => {
  let supervisor: Supervisor;
  let dataDir: string;
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rpa-clinic-bots-'));
    const botsDir = join(dataDir, 'bots');
    const sdk = resolve('bots/sdk/index.mjs');
    await writeFile(join(dataDir, 'token-bot.mjs'), `import { getAccessToken } from ${JSON.stringify(sdk)};\nconst token = await getAccessToken();\nconsole.log('token from the broker, valid until ' + new Date(token.expiresAt).toISOString());\n`);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(botsDir, { recursive: true });
    const manifest = (id: string, args: string[], env: Record<string, string>) =>
      writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify({ id, name: id, command: process.execPath, args, profileId: 'healthcode', tokenDelivery: 'broker', env, timeoutMs: 90_000 }));
    await manifest('api-bot', [resolve('bots/api-bot/api-bot.mjs')], { RPA_SANDBOX_API_URL: sandbox.apiBaseUrl });
    await manifest('playwright-bot', [join(dataDir, 'playwright-bot.mjs')], { RPA_SANDBOX_API_URL: sandbox.apiBaseUrl, RPA_PORTAL_URL: sandbox.portalUrl });
    // A Playwright bot: Chromium and Playwright's request context, both through the SDK's proxy.
    // Chromium on Linux trusts its own NSS store, not NODE_EXTRA_CA_CERTS; a clinic installs its
    // root there. Here the test root's key is pinned with Chromium's switch for exactly that.
    const spki = createHash('sha256').update(new X509Certificate(ca.cert).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    const playwrightSdk = resolve('bots/sdk/playwright.mjs');
    await writeFile(
      join(dataDir, 'playwright-bot.mjs'),
      [
        `import playwright from ${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('playwright-core')).href)};`,
        `const { chromium, request } = playwright;`,
        `import { createAuthorizedRequestContext, playwrightProxy } from ${JSON.stringify(playwrightSdk)};`,
        `const browser = await chromium.launch({ executablePath: ${JSON.stringify(chromiumExecutablePath)}, proxy: playwrightProxy(), args: ['--no-sandbox', '--disable-gpu', '--ignore-certificate-errors-spki-list=${spki}'] });`,
        `const page = await browser.newPage();`,
        `const answer = await page.goto(process.env.RPA_PORTAL_URL);`,
        `console.log('portal page: HTTP ' + answer?.status());`,
        `await browser.close();`,
        `const api = await createAuthorizedRequestContext({ request });`,
        `const me = await api.get(process.env.RPA_SANDBOX_API_URL + '/whoami');`,
        `console.log('whoami: HTTP ' + me.status() + ' ' + (await me.json()).name);`,
        `await api.dispose();`,
      ].join('\n'),
    );
    const dead = `http://127.0.0.1:${await freeLoopbackPort()}`;
    await manifest('token-bot', [join(dataDir, 'token-bot.mjs')], { HTTPS_PROXY: dead, HTTP_PROXY: dead, NO_PROXY: '' });

    // What the host's environment holds; bots get it through the allowlist only.
    process.env.HTTPS_PROXY = proxy.url;
    process.env.NODE_EXTRA_CA_CERTS = ca.caFile;
    const secrets = new MemorySecretStore();
    await secrets.set(clientSecretKey('healthcode'), partner.clientSecret);
    const holder: { supervisor?: Supervisor } = {};
    supervisor = await createSupervisor({
      ports: {
        browser: { open: async (url) => void (await holder.supervisor?.deliverRedirect(await sandbox.completeLoginWithoutBrowser(url))) },
        secrets,
        settings: new MemorySettingsStore(),
        clock: systemClock,
        notifier: { notify: () => undefined },
        logger: nullLogger,
        http: network({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [ca.caPem] }).fetch,
      },
      dataDir,
      flavour: 'development',
      botsDir,
      profiles: [profileSchema.parse({ id: 'healthcode', name: 'Healthcode (sandbox)', kind: 'oidc', issuer: sandbox.issuer, clientId: partner.clientId, clientAuth: 'client_secret_basic', scopes: ['api'] })],
    });
    holder.supervisor = supervisor;
    await supervisor.api.invoke('signIn', { profileId: 'healthcode' });
    await vi.waitFor(
      async () => {
        const status = (await supervisor.api.invoke('getState', {})).sessions.find((view) => view.profileId === 'healthcode')?.status;
        if (status !== 'active') throw new Error(`the sign-in is ${status}`);
      },
      { timeout: 15_000, interval: 50 },
    );
  }, 30_000);

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await supervisor?.shutdown();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function runToEnd(botId: string): Promise<{ run: RunView; log: string }> {
    const started = await supervisor.api.invoke('startRun', { botId });
    let run = started;
    while (isLiveRunStatus(run.status)) {
      // Listen before reading, so a change between the read and the wait is not missed.
      let subscription: { dispose(): void } | undefined;
      const changed = new Promise<void>((done) => {
        subscription = supervisor.api.on('state', () => done());
      });
      run = (await supervisor.api.invoke('listRuns', { botId })).find((candidate) => candidate.id === started.id) ?? run;
      if (isLiveRunStatus(run.status)) await changed;
      subscription?.dispose();
    }
    const page = await supervisor.api.invoke('readLog', { runId: started.id });
    return { run, log: page.lines.map((line) => line.text).join('\n') };
  }

  it('S50 a Node bot calls the API through the proxy, and its broker calls stay on 127.0.0.1', async () => {
    const before = proxy.requests().length;
    const { run, log } = await runToEnd('api-bot');
    expect(log).toContain(`Authorised as ${sandbox.demoUser.name} (${sandbox.demoUser.subject})`);
    expect(run.status).toBe('succeeded');
    const bots = proxy.requests().slice(before);
    expect(bots.some((line) => line.startsWith(`CONNECT ${providerHost()} `))).toBe(true);
    expect(bots.some((line) => /127\.0\.0\.1|localhost/.test(line))).toBe(false);
  });

  it.skipIf(chromiumMissing())('S50 a Playwright bot: Chromium and the SDK request context both go through the proxy', async () => {
    const before = proxy.requests().length;
    const { run, log } = await runToEnd('playwright-bot');
    expect(log).toContain('portal page: HTTP 200');
    expect(log).toContain(`whoami: HTTP 200 ${sandbox.demoUser.name}`);
    expect(run.status).toBe('succeeded');
    // One tunnel from Chromium, one from the request context (a process of its own each).
    expect(proxy.requests().slice(before).filter((line) => line.startsWith(`CONNECT ${providerHost()} `)).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('S50 with the proxy variables pointing at a dead proxy, the SDK still gets its token from the broker', async () => {
    const { run, log } = await runToEnd('token-bot');
    expect(log).toMatch(/token from the broker, valid until/);
    expect(run.status).toBe('succeeded');
  });
});
