import { describe, expect, it } from 'vitest';
import type { MisbehavingProvider, Rewrite } from '../auth/test-support/misbehaving-provider.js';
import { useMisbehavingProvider } from '../auth/test-support/use-misbehaving-provider.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { companyRetryFirstMs } from './company-connections.js';
import { waitUntil } from '../bots/testing/process-probe.js';
import { partnerClient, partnerScheme, startPartnerServices } from './test-support/partner-services.js';

/**
 * A company grant the provider refuses must not be asked again on every state snapshot and every
 * waiting bot's poll: automatic retries back off (30 s, doubling). The provider is the real
 * sandbox behind a real proxy that refuses the company grant's answer until cleared.
 */
let provider: MisbehavingProvider;

const live = useMisbehavingProvider({ customSchemes: [partnerScheme], confidentialClient: partnerClient, accessTokenTtlSeconds: 3600 }, (started) => {
  provider = started;
});

/** Refuses only the company grant (its answer has no ID token); the user's sign-in passes. */
function refuseCompanyGrant(): void {
  provider.rewrite('/token', (upstream): Rewrite =>
    typeof upstream.json?.id_token === 'string' ? 'passthrough' : { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'consent withdrawn' }) },
  );
}

async function connectedCompany() {
  const clock = new FakeClock(Date.now());
  // Each refusal is logged once its back-off is set: the test waits on these, not on the network.
  let refusals = 0;
  const warn = (message: string) => void (message === 'company token request failed' && (refusals += 1));
  const partner = await startPartnerServices(provider, { clock, logger: { info: () => undefined, warn, error: () => undefined } });
  live.push(partner);
  const { companies, profile } = partner;
  expect(await partner.connect()).toMatchObject({ kind: 'signedIn' });
  const companyId = companies.list()[0]?.companyId as string;
  expect(companyId).toBeDefined();
  // Count the fetches the connections start on their own; each one is a request to the provider.
  let fetches = 0;
  const fetchToken = companies.fetchToken.bind(companies);
  companies.fetchToken = (profileId, company) => {
    fetches += 1;
    return fetchToken(profileId, company);
  };
  return { clock, companies, profileId: profile.id, companyId, fetches: () => fetches, refusals: () => refusals };
}

describe('company grant retries', () => {
  it('back off after a refusal instead of asking again on every look, then recover', async () => {
    const { clock, companies, profileId, companyId, fetches, refusals } = await connectedCompany();
    refuseCompanyGrant();
    const view = () => companies.views().find((c) => c.companyId === companyId);

    expect(companies.tokenFor(profileId, companyId, 0)).toMatchObject({ ok: false, code: 'company_token_pending' });
    expect(fetches()).toBe(1);
    await waitUntil(() => view()?.status === 'error', 5_000, 'the refusal to be recorded');
    expect(view()?.error?.message).toMatch(/consent withdrawn|refused|rejected/i);

    // Snapshots and polling bots look again and again: no new request until the back-off ends.
    for (let i = 0; i < 20; i += 1) companies.tokenFor(profileId, companyId, 0);
    expect(fetches()).toBe(1);
    clock.advance(companyRetryFirstMs);
    companies.tokenFor(profileId, companyId, 0);
    companies.tokenFor(profileId, companyId, 0);
    expect(fetches()).toBe(2);

    // The wait doubles after a second refusal.
    await waitUntil(() => refusals() === 2, 5_000, 'the second refusal to be recorded');
    clock.advance(companyRetryFirstMs);
    companies.tokenFor(profileId, companyId, 0);
    expect(fetches()).toBe(2);
    clock.advance(companyRetryFirstMs);
    provider.clear();
    companies.tokenFor(profileId, companyId, 0);
    expect(fetches()).toBe(3);
    await waitUntil(() => companies.tokenFor(profileId, companyId, 0).ok, 5_000, 'the company token after the provider recovered');
    expect(view()).toMatchObject({ status: 'tokenValid' });
    expect(view()?.error).toBeUndefined();
  });
});
