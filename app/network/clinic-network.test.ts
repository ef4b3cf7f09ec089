import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../config/profile.js';
import type { HttpFetch } from '../ports/http-fetch.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { prerequisiteMissing } from '../test-support/prerequisites.js';
import { createNodeNetwork, type NodeNetwork } from './node-http-fetch.js';
import { makePrivateCa, type PrivateCa } from './test-support/private-ca.js';
import { freePort, startTinyproxy, tinyproxyInstalled, type RunningTinyproxy } from './test-support/tinyproxy.js';

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
  const { address } = await lookup(host, { family: 4 });
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
    const deadProxy = `http://127.0.0.1:${await freePort()}`;
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
