import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { MisbehavingProvider } from '../auth/test-support/misbehaving-provider.js';
import { useMisbehavingProvider } from '../auth/test-support/use-misbehaving-provider.js';
import { waitUntil } from '../bots/testing/process-probe.js';
import { TokenBroker } from '../broker/token-broker.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { partnerClient, partnerScheme, startPartnerServices } from './test-support/partner-services.js';

/**
 * A company grant that fails is the company's problem, never the person's session: the bot (through
 * the real broker) and the window each hear what actually happened, with its own code, while the
 * person's own sign-in stays active. The provider is the real sandbox (its Marketplace consent),
 * behind a real proxy for the answers the sandbox cannot give by itself.
 */
let provider: MisbehavingProvider;
const live = useMisbehavingProvider({ customSchemes: [partnerScheme], confidentialClient: partnerClient, accessTokenTtlSeconds: 3600 }, (started) => {
  provider = started;
});

interface BrokerReply {
  status: number;
  body: { error?: string; message?: string; access_token?: string; reason?: string };
}

function askBroker(broker: TokenBroker, secret: string, waitMs = 0): Promise<BrokerReply> {
  const url = new URL(`${broker.url}/v1/token?minValidityMs=0&waitMs=${waitMs}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `RunSecret ${secret}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as BrokerReply['body'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A person connected the sandbox's company; a bot working for it runs with a broker secret. */
async function partnerDay() {
  const partner = await startPartnerServices(provider, { clock: systemClock, logger: nullLogger });
  live.push(partner);
  expect(await partner.connect()).toMatchObject({ kind: 'signedIn' });
  const companyId = partner.companies.list()[0]?.companyId as string;
  const broker = new TokenBroker({ sessions: partner.sessions, clock: systemClock, logger: nullLogger });
  await broker.start();
  live.push({ dispose: () => void broker.close() });
  const secret = broker.registerRun('run-1', partner.profile.id, companyId);
  const view = () => partner.companies.views().find((company) => company.companyId === companyId);
  const sessionIsFine = () => {
    // A 1-hour sandbox token is inside the 60-minute warning: live, never expired or signed out.
    expect(['active', 'expiring']).toContain(partner.sessions.status(partner.profile.id).status);
    expect(partner.sessions.tokenFor(partner.profile.id, 0)).toMatchObject({ ok: true });
  };
  return { ...partner, companyId, broker, secret, view, sessionIsFine };
}

/** Answers the company grant (the token request without an ID token) as `answer`; the user's sign-in passes. */
function companyGrantAnswers(status: number, body: Record<string, string>, headers: Record<string, string> = {}): void {
  provider.rewrite('/token', (upstream) => (typeof upstream.json?.id_token === 'string' ? 'passthrough' : { status, headers, body: JSON.stringify(body) }));
}

describe('a failing company grant is reported as what happened, not as an expired session', () => {
  it('S87 the company removed the app in the Marketplace: company_consent_withdrawn, the bot waits, and connecting again after consent serves it', async () => {
    const day = await partnerDay();
    expect((await askBroker(day.broker, day.secret, 5_000)).status).toBe(200);
    await day.companies.fetchToken(day.profile.id, day.companyId);

    provider.sandbox.companyConsents.withdraw(day.companyId);
    // The cached token is renewed (as at its renewal time); the provider now refuses the company.
    await day.companies.fetchToken(day.profile.id, day.companyId).catch(() => undefined);
    const reply = await askBroker(day.broker, day.secret);
    expect(reply.status).toBe(503);
    expect(reply.body.error).toBe('company_unavailable');
    // The bot (and so its run's log) can tell this failure from the others by its own code.
    expect(reply.body.reason).toBe('company_consent_withdrawn');
    expect(reply.body.message).toContain(`Company ${day.companyId} no longer allows RPA Supervisor to act for it`);
    expect(reply.body.message).toContain('HCSS Marketplace');
    expect(reply.body.access_token).toBeUndefined();
    expect(day.view()).toMatchObject({ status: 'error', error: { code: 'company_consent_withdrawn' } });
    day.sessionIsFine();

    // The company adds the app again and the person connects it again: a waiting bot is served.
    const waiting = askBroker(day.broker, day.secret, 10_000);
    provider.sandbox.companyConsents.consent(day.companyId);
    expect(await day.connect()).toMatchObject({ kind: 'signedIn' });
    expect(await waiting).toMatchObject({ status: 200 });
    expect(day.view()).toMatchObject({ status: 'tokenValid' });
  });

  it('HCSS refuses the partner client: company_client_refused, naming the profile, the session untouched', async () => {
    const day = await partnerDay();
    companyGrantAnswers(401, { error: 'invalid_client', error_description: 'client authentication failed' });
    await day.companies.fetchToken(day.profile.id, day.companyId).catch(() => undefined);
    const reply = await askBroker(day.broker, day.secret);
    expect([reply.status, reply.body.error, reply.body.reason]).toEqual([503, 'company_unavailable', 'company_client_refused']);
    expect(reply.body.message).toContain(`client id or client secret of ${day.profile.name}`);
    expect(day.view()).toMatchObject({ status: 'error', error: { code: 'company_client_refused' } });
    day.sessionIsFine();
  });

  it('the provider answers 503: company_provider_unavailable, retried by itself', async () => {
    const day = await partnerDay();
    companyGrantAnswers(503, { error: 'temporarily_unavailable' });
    await day.companies.fetchToken(day.profile.id, day.companyId).catch(() => undefined);
    const reply = await askBroker(day.broker, day.secret);
    expect([reply.status, reply.body.error, reply.body.reason]).toEqual([503, 'company_unavailable', 'company_provider_unavailable']);
    expect(reply.body.message).toMatch(/could not be reached .* tries again by itself/);
    expect(day.view()).toMatchObject({ status: 'error', error: { code: 'company_provider_unavailable' } });
    day.sessionIsFine();
  });

  it('a token still on its way is company_token_pending, and the waiting bot gets it', async () => {
    const day = await partnerDay();
    const first = await askBroker(day.broker, day.secret);
    expect([first.status, first.body.error]).toEqual([503, 'company_token_pending']);
    expect(await askBroker(day.broker, day.secret, 5_000)).toMatchObject({ status: 200, body: {} });
  });

  it('S87 removing the company while a bot waits on the broker answers it company_not_connected at once', async () => {
    const day = await partnerDay();
    // The company grant never answers, so the bot's request parks waiting for the token.
    provider.rewrite('/token', (upstream) => (typeof upstream.json?.id_token === 'string' ? 'passthrough' : 'hang'));
    const parked = askBroker(day.broker, day.secret, 60_000);
    await waitUntil(() => day.broker.waitingCount === 1, 5_000, 'the request to park');
    const removedAt = Date.now();
    day.companies.remove(day.profile.id, day.companyId);
    const reply = await parked;
    expect([reply.status, reply.body.error]).toEqual([403, 'company_not_connected']);
    expect(Date.now() - removedAt).toBeLessThan(5_000);
    expect((await askBroker(day.broker, day.secret)).body.error).toBe('company_not_connected');
    day.sessionIsFine();
    provider.clear();
  });
});
