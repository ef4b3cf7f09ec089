import { describe, expect, it } from 'vitest';
import { systemClock } from '../ports/clock.js';
import { findSecrets, labelled } from '../test-support/find-secrets.js';
import { partnerClient, partnerScheme, startPartnerServices } from '../session/test-support/partner-services.js';
import type { MisbehavingProvider, Rewrite } from './test-support/misbehaving-provider.js';
import { useMisbehavingProvider } from './test-support/use-misbehaving-provider.js';

/**
 * HCSS partner sign-in where neither token carries the company claim: the app must find it in
 * userinfo. The real sandbox sits behind a real HTTP server that strips CompanyId from the tokens
 * (re-signed with the sandbox's key) and answers its userinfo endpoint, since the sandbox's own
 * userinfo refuses its JWT access tokens.
 */
let provider: MisbehavingProvider;
let userinfoPath: string;
/** Every access and ID token the app was served through the rewriting proxy. */
const served: string[] = [];

const live = useMisbehavingProvider({ customSchemes: [partnerScheme], confidentialClient: partnerClient, accessTokenTtlSeconds: 3600 }, async (started) => {
  provider = started;
  const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint: string };
  userinfoPath = new URL(discovery.userinfo_endpoint).pathname;
});

async function setup() {
  const logs: string[] = [];
  const record = (m: string, f?: object) => void logs.push(`${m} ${JSON.stringify(f ?? {})}`);
  const partner = await startPartnerServices(provider, { clock: systemClock, logger: { info: record, warn: record, error: record } });
  live.push(partner);
  return { ...partner, logs };
}

/** Tokens without the company claim, as a provider that keeps it to userinfo would issue. */
function stripCompanyFromTokens(): void {
  provider.rewrite('/token', async (upstream): Promise<Rewrite> => {
    const json = { ...(upstream.json ?? {}) };
    // Only the sign-in's answer; the company grant's own token (no ID token) passes unchanged.
    if (typeof json.id_token !== 'string') return 'passthrough';
    const strip = (_header: Record<string, unknown>, claims: Record<string, unknown>) => void delete claims.CompanyId;
    json.access_token = await provider.resign(json.access_token as string, strip);
    json.id_token = await provider.resign(json.id_token as string, strip);
    served.push(json.access_token as string, json.id_token as string);
    return { status: upstream.status, body: JSON.stringify(json) };
  });
}

describe('HCSS company id from userinfo', () => {
  it('reads CompanyId from userinfo when neither token has it, and a company-grant token follows', async () => {
    const { profile, companies, sessions, connect } = await setup();
    stripCompanyFromTokens();
    const companyId = provider.sandbox.demoUser.companyId as string;
    provider.rewrite(userinfoPath, () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ sub: provider.sandbox.demoUser.subject, CompanyId: companyId }) }));

    // Nobody was signed in: the connecting account signs in too, so no other account verified it.
    expect(await connect()).toEqual({
      kind: 'signedIn',
      profileId: profile.id,
      companyConnected: { companyId, person: { subject: provider.sandbox.demoUser.subject, name: provider.sandbox.demoUser.name } },
    });
    expect(provider.count(userinfoPath)).toBe(1);
    expect(companies.list()).toMatchObject([{ profileId: profile.id, companyId, connectedBy: { subject: provider.sandbox.demoUser.subject } }]);

    await companies.fetchToken(profile.id, companyId);
    expect(sessions.tokenFor(profile.id, 0, companyId)).toMatchObject({ ok: true, company: companyId });
  });

  it('a userinfo answer for another subject is not trusted', async () => {
    const { profile, companies, connect } = await setup();
    stripCompanyFromTokens();
    const before = provider.count(userinfoPath);
    provider.rewrite(userinfoPath, () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ sub: 'someone-else', CompanyId: 'stolen' }) }));

    const outcome = await connect();
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'company_claim_missing', message: expect.stringContaining('CompanyId') } });
    expect(provider.count(userinfoPath)).toBe(before + 1);
    expect(companies.list().filter((c) => c.profileId === profile.id)).toEqual([]);
  });

  it('a userinfo endpoint that refuses the token gives company_claim_missing, not a crash', async () => {
    const { profile, companies, connect, logs } = await setup();
    stripCompanyFromTokens();
    provider.rewrite(userinfoPath, () => ({ status: 401, contentType: 'application/json', headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '{"error":"invalid_token"}' }));

    expect(await connect()).toMatchObject({ kind: 'failed', error: { code: 'company_claim_missing' } });
    expect(companies.list().filter((c) => c.profileId === profile.id)).toEqual([]);
    expect(logs.join('\n')).toMatch(/userinfo gave no company claim/);
    expect(served.length).toBeGreaterThan(0);
    expect(findSecrets([{ where: 'the log', text: logs.join('\n') }], labelled('token served', served))).toEqual([]);
  });
});
