import { createHash, X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../config/profile.js';
import type { RunView } from '../common/contract.js';
import { clientSecretKey } from '../config/profile.js';
import { nullLogger } from '../ports/logger.js';
import type { HttpFetch } from '../ports/http-fetch.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { systemClock } from '../ports/clock.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { chromiumExecutablePath, chromiumMissing, prerequisiteMissing } from '../test-support/prerequisites.js';
import { createNodeNetwork, type NodeNetwork } from './node-http-fetch.js';
import { makePrivateCa, type PrivateCa } from './test-support/private-ca.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { startTinyproxy, tinyproxyInstalled, type RunningTinyproxy } from './test-support/tinyproxy.js';
import { isLiveRunStatus } from '../common/run-status.js';

/**
 * A clinic network, for real: the Healthcode-shaped sandbox (https with a private root, no
 * `openid` scope, client_secret_basic, a 24-hour JWT access token, no refresh token, no `iss` in
 * the authorization response) reached only through Debian's tinyproxy, whose access log proves
 * the traffic went through it (S50). The provider is named by this computer's host name, not a
 * loopback address, since loopback never takes the proxy.
 */
const skip = prerequisiteMissing('tinyproxy and openssl', tinyproxyInstalled(), 'apt-get install tinyproxy openssl');
const scheme = 'uk.co.rpasupervisor.dev';
const partner = { clientId: 'healthcode-partner', clientSecret: 'healthcode-partner-secret-for-tests' };

let host: string;
let ca: PrivateCa;
let sandbox: RunningSandbox;
let proxy: RunningTinyproxy;
const networks: NodeNetwork[] = [];
const network = (options: Parameters<typeof createNodeNetwork>[0]) => {
  const made = createNodeNetwork(options);
  networks.push(made);
  return made;
};

beforeAll(async () => {
  if (skip) return;
  host = hostname();
  const { address } = await lookup(host, { family: 4 }).catch((error: unknown) => {
    throw new Error(`this machine's host name (${host}) must resolve, since loopback names never take the proxy; .ci/run maps it in /etc/hosts: ${String(error)}`);
  });
  ca = makePrivateCa(host);
  sandbox = await startSandbox({
    tls: { key: ca.key, cert: ca.cert, ca: ca.caPem },
    hostname: host,
    listenAddress: address,
    customSchemes: [scheme],
    confidentialClient: partner,
    authorizationResponseIss: false,
  });
  proxy = await startTinyproxy();
}, 30_000);

afterAll(async () => {
  for (const made of networks) await made.close();
  await proxy?.stop();
  await sandbox?.close();
  ca?.dispose();
});

const providerHost = () => new URL(sandbox.issuer).host;
const tunnelsToProvider = () => proxy.requests().filter((line) => line.startsWith(`CONNECT ${providerHost()} `)).length;

async function setup(http: HttpFetch, overrides: Partial<Profile> = {}) {
  const profile = profileSchema.parse({
    id: 'healthcode',
    name: 'Healthcode (sandbox)',
    kind: 'oidc',
    issuer: sandbox.issuer,
    clientId: partner.clientId,
    clientAuth: 'client_secret_basic',
    scopes: ['api'],
    ...overrides,
  });
  const rig = await startSignInRig({ scheme, profiles: [profile], http, clientSecrets: { [profile.id]: partner.clientSecret } });
  const signIn = async () => {
    const { authorizationUrl } = await rig.start(profile.id);
    const callback = await sandbox.completeLoginWithoutBrowser(authorizationUrl);
    return { callback, outcome: await rig.deliver(callback) };
  };
  return { rig, profile, signIn };
}

describe.skipIf(skip)('a Healthcode-shaped provider behind a clinic proxy', () => {
  it('S50 signs in through the proxy: discovery, pre-flight, keys and token each tunnel through it; loopback never does', async () => {
    const { rig, profile, signIn } = await setup(network({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [ca.caPem] }).fetch);
    const before = tunnelsToProvider();
    const { callback, outcome } = await signIn();
    expect(new URL(callback).searchParams.has('iss')).toBe(false);
    expect(outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
    const session = rig.sessions.session(profile.id);
    expect(session).toMatchObject({ subject: sandbox.demoUser.subject, name: sandbox.demoUser.name });
    expect(session?.refreshToken).toBeUndefined();
    expect(session?.idToken).toBeUndefined();
    expect((session?.expiresAt ?? 0) - (session?.receivedAt ?? 0)).toBeGreaterThan(86_000_000);
    expect(tunnelsToProvider()).toBeGreaterThan(before);
    expect(proxy.requests().some((line) => /127\.0\.0\.1|localhost/.test(line))).toBe(false);
    rig.dispose();
  });

  it('S50 the partner variant gets its company token through the proxy', async () => {
    let current = network({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [ca.caPem] }).fetch;
    const { rig, profile } = await setup((url, init) => current(url, init), { id: 'hcss', kind: 'partner' });
    const { authorizationUrl } = await rig.start(profile.id, { purpose: 'connectCompany' });
    expect(await rig.deliver(await sandbox.completeLoginWithoutBrowser(authorizationUrl))).toEqual({ kind: 'signedIn', profileId: profile.id });
    const [company] = rig.companies.list();
    expect(company?.companyId).toBe(sandbox.demoUser.companyId);
    // A fresh connection pool, so the company grant opens a tunnel of its own that the log shows.
    current = network({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [ca.caPem] }).fetch;
    const before = proxy.requests().length;
    await rig.companies.fetchToken(profile.id, company?.companyId as string);
    expect(rig.sessions.tokenFor(profile.id, 0, company?.companyId)).toMatchObject({ ok: true, company: company?.companyId });
    expect(proxy.requests().slice(before).some((line) => line.startsWith(`CONNECT ${providerHost()} `))).toBe(true);
    rig.dispose();
  });

  it('S51 without the clinic root: tls_untrusted naming the host and how to trust the root, before anything is sent', async () => {
    const { rig, profile } = await setup(network({ env: { HTTPS_PROXY: proxy.url } }).fetch);
    const error = await rig.start(profile.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'tls_untrusted' });
    expect((error as Error).message).toContain(`certificate of ${providerHost()} is not trusted`);
    expect((error as Error).message).toMatch(/root certificate/);
    expect(rig.signIn.phase(profile.id)).toMatchObject({ phase: 'failed', error: { code: 'tls_untrusted' } });
    rig.dispose();
  });

  it('S52 with the proxy down: proxy_unreachable naming the proxy, and the session and stored token are untouched', async () => {
    const good = network({ env: { HTTPS_PROXY: proxy.url }, extraCaCertificates: [ca.caPem] }).fetch;
    const deadProxy = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const down = network({ env: { HTTPS_PROXY: deadProxy }, extraCaCertificates: [ca.caPem] }).fetch;
    let current = good;
    const { rig, profile, signIn } = await setup((url, init) => current(url, init));
    expect((await signIn()).outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
    const before = rig.sessions.session(profile.id);
    const stored = await rig.secrets.get(`session:${profile.id}`);
    expect(stored).toContain(before?.accessToken);

    current = down;
    // The cached discovery is kept, so the pre-flight and then the token request meet the dead proxy.
    const { authorizationUrl } = await rig.start(profile.id, { prompt: 'login' });
    const outcome = await rig.deliver(await sandbox.completeLoginWithoutBrowser(authorizationUrl));
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'proxy_unreachable' } });
    const message = (outcome as { error: { message: string } }).error.message;
    expect(message).toContain(new URL(deadProxy).host);
    expect(message).toContain(providerHost());
    expect(rig.sessions.session(profile.id)).toEqual(before);
    expect(await rig.secrets.get(`session:${profile.id}`)).toBe(stored);

    // A fresh discovery meets it too, with the same code.
    rig.providers.forget(profile.id);
    await expect(rig.start(profile.id)).rejects.toMatchObject({ code: 'proxy_unreachable' });
    expect(rig.sessions.session(profile.id)).toEqual(before);
    rig.dispose();
  });

  it('S52 a proxy that refuses the tunnel: proxy_refused naming the proxy and the host', async () => {
    const strict = await startTinyproxy({ connectPorts: [443] });
    try {
      const { rig, profile } = await setup(network({ env: { HTTPS_PROXY: strict.url }, extraCaCertificates: [ca.caPem] }).fetch);
      const error = await rig.start(profile.id).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'proxy_refused' });
      expect((error as Error).message).toContain(`127.0.0.1:${strict.port}`);
      expect((error as Error).message).toContain(providerHost());
      rig.dispose();
    } finally {
      await strict.stop();
    }
  });
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
