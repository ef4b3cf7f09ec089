import { describe, expect, it } from 'vitest';
import { startSignInRig } from '../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile } from '../config/profile.js';
import type { HttpFetch } from '../ports/http-fetch.js';
import type { RunningSandbox } from '../sandbox/sandbox-provider.js';
import { freeLoopbackPort } from '../test-support/free-port.js';
import { clinicNetworkMissing as skip } from './test-support/clinic-provider.js';
import { partner, scheme, useClinicNetwork } from './test-support/clinic-network-fixture.js';
import type { PrivateCa } from './test-support/private-ca.js';
import { startTinyproxy, type RunningTinyproxy } from './test-support/tinyproxy.js';

/**
 * Signing in to the Healthcode-shaped sandbox through the clinic proxy
 * (test-support/clinic-network-fixture.ts): every request to the provider tunnels through it
 * (S50), and an untrusted root or a proxy that is down or refuses fails with its own code (S51, S52).
 */
let ca: PrivateCa;
let sandbox: RunningSandbox;
let proxy: RunningTinyproxy;
const { network, providerHost } = useClinicNetwork((started) => {
  ({ ca, sandbox, proxy } = started);
});

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
    expect(await rig.deliver(await sandbox.completeLoginWithoutBrowser(authorizationUrl))).toEqual({
      kind: 'signedIn',
      profileId: profile.id,
      companyConnected: { companyId: sandbox.demoUser.companyId, person: { subject: sandbox.demoUser.subject, name: sandbox.demoUser.name } },
    });
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

  it('S50 a proxy set without a scheme (HTTPS_PROXY=host:port, as curl takes it) is used, not refused', async () => {
    const bare = `127.0.0.1:${proxy.port}`;
    const { rig, profile, signIn } = await setup(network({ env: { HTTPS_PROXY: bare }, extraCaCertificates: [ca.caPem] }).fetch);
    const before = tunnelsToProvider();
    expect((await signIn()).outcome).toEqual({ kind: 'signedIn', profileId: profile.id });
    expect(tunnelsToProvider()).toBeGreaterThan(before);
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
