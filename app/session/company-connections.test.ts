import { describe, expect, it } from 'vitest';
import { profileSchema, type Profile } from '../config/profile.js';
import { supervisorError } from '../error-catalogue.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { CompanyConnections, companyRetryFirstMs, companyRetryMaxMs, type CompanyRefusal, type CompanyToken } from './company-connections.js';
import type { Session } from './session.js';

/**
 * The company model on its own, with a stand-in for the provider requests (the real grant and
 * userinfo claim are tested in app/auth/company-grants.test.ts and company-retry.test.ts).
 */
const profile: Profile = profileSchema.parse({ id: 'hcss', name: 'HCSS', kind: 'partner', issuer: 'https://id.example', clientId: 'partner', clientAuth: 'client_secret_basic' });
const session = { profileId: 'hcss', subject: 'demo', name: 'Dr Demo', accessToken: 'a', idToken: 'i' } as Session;

function setup(answer: (companyId: string) => Promise<CompanyToken>, extra: { admins?: string[]; onTokenRefused?: ConstructorParameters<typeof CompanyConnections>[0]['onTokenRefused'] } = {}) {
  const clock = new FakeClock();
  const settings = new MemorySettingsStore();
  const requests: string[] = [];
  const errors: string[] = [];
  const refusals: CompanyRefusal[] = [];
  const connected: string[] = [];
  const companies = new CompanyConnections({
    settings,
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: (m) => void errors.push(m) },
    profiles: { get: (id) => (id === profile.id ? profile : undefined) },
    grants: {
      companyIdFor: async () => 'c1',
      requestToken: async (_p, companyId) => {
        requests.push(companyId);
        return answer(companyId);
      },
    },
    admins: () => extra.admins ?? [],
    onRefused: (refusal) => void refusals.push(refusal),
    onConnected: (association) => void connected.push(`${association.companyId} by ${association.connectedBy.subject}`),
    ...(extra.onTokenRefused ? { onTokenRefused: extra.onTokenRefused } : {}),
  });
  return { clock, settings, companies, requests, errors, refusals, connected };
}

const refused = () => Promise.reject(supervisorError('company_token_failed', 'c1', 'the provider refused it'));

describe('CompanyConnections', () => {
  it('keeps one entry per company: association, cached token and grant state', async () => {
    const { clock, companies, settings } = setup(async () => ({ accessToken: 'company-token', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() }));
    await companies.connect(profile, session);
    expect(settings.get('companies')).toMatchObject({ schemaVersion: 1, companies: [{ profileId: 'hcss', companyId: 'c1' }] });
    expect(companies.views()).toMatchObject([{ companyId: 'c1', status: 'connected', connectedBy: { subject: 'demo', name: 'Dr Demo' } }]);
    expect(companies.tokenFor('hcss', 'c1', 0)).toMatchObject({ ok: false, code: 'company_token_pending' });
    await companies.fetchToken('hcss', 'c1');
    expect(companies.tokenFor('hcss', 'c1', 0)).toEqual({ ok: true, accessToken: 'company-token', expiresAt: clock.now() + 3_600_000 });
    expect(companies.views()).toMatchObject([{ status: 'tokenValid', tokenExpiresAt: clock.now() + 3_600_000 }]);
    companies.remove('hcss', 'c1');
    expect(companies.tokenFor('hcss', 'c1', 0)).toMatchObject({ ok: false, code: 'company_not_connected', message: expect.stringContaining('Connect a company') });
    expect(() => companies.remove('hcss', 'c1')).toThrow(expect.objectContaining({ code: 'unknown_company' }));
  });

  it('backs off after a refusal, doubling up to the maximum; connecting again retries at once', async () => {
    const { clock, companies, requests } = setup(refused);
    await companies.connect(profile, session);
    await companies.fetchToken('hcss', 'c1').catch(() => undefined);
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // Every look (a snapshot, a polling bot) asks again only once the back-off has passed.
      const before = requests.length;
      const refusedAt = clock.now();
      while (requests.length === before) {
        clock.advance(1_000);
        companies.tokenFor('hcss', 'c1', 0);
      }
      waits.push(clock.now() - refusedAt);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(waits).toEqual([companyRetryFirstMs, 2 * companyRetryFirstMs, 4 * companyRetryFirstMs, 8 * companyRetryFirstMs, companyRetryMaxMs, companyRetryMaxMs]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(companies.views()).toMatchObject([{ status: 'error', error: { code: 'company_token_failed' } }]);
    await companies.connect(profile, session);
    expect(companies.views()).toMatchObject([{ status: 'connected' }]);
    const before = requests.length;
    companies.tokenFor('hcss', 'c1', 0);
    expect(requests.length).toBe(before + 1);
  });

  it('S87 a withdrawn consent drops the cached token at once and is audited once per kind of refusal, not per retry', async () => {
    let answer: () => Promise<CompanyToken> = async () => ({ accessToken: 'company-token', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() });
    const told: string[] = [];
    const { clock, companies } = setup(() => answer(), { onTokenRefused: ({ association, error }) => void told.push(`${association.companyId} ${error.code}`) });
    await companies.connect(profile, session);
    await companies.fetchToken('hcss', 'c1');
    expect(companies.tokenFor('hcss', 'c1', 0)).toMatchObject({ ok: true });
    answer = () => Promise.reject(supervisorError('company_consent_withdrawn', 'c1', 'HCSS'));
    for (let i = 0; i < 3; i += 1) {
      clock.advance(companyRetryMaxMs);
      await companies.fetchToken('hcss', 'c1').catch(() => undefined);
    }
    expect(companies.tokenFor('hcss', 'c1', 0)).toMatchObject({ ok: false, code: 'company_unavailable', reason: 'company_consent_withdrawn', message: expect.stringContaining('Company c1 no longer allows') });
    expect(told).toEqual(['c1 company_consent_withdrawn']);
    answer = () => Promise.reject(supervisorError('company_provider_unavailable', 'c1', 'https://id.example'));
    await companies.fetchToken('hcss', 'c1').catch(() => undefined);
    expect(told).toEqual(['c1 company_consent_withdrawn', 'c1 company_provider_unavailable']);
  });

  it('a token that lands after the company was removed is dropped', async () => {
    let land: (token: CompanyToken) => void = () => undefined;
    const { clock, companies } = setup(() => new Promise((resolve) => (land = resolve)));
    await companies.connect(profile, session);
    const fetching = companies.fetchToken('hcss', 'c1');
    companies.removeAll('hcss');
    land({ accessToken: 'late', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() });
    await fetching;
    expect(companies.list()).toEqual([]);
    expect(companies.tokenFor('hcss', 'c1', 0)).toMatchObject({ ok: false, code: 'company_not_connected' });
  });

  it('a listener that throws never aborts the caller', async () => {
    const { companies, settings, errors } = setup(refused);
    companies.onDidChange(() => {
      throw new Error('a broken subscriber');
    });
    const heard: string[] = [];
    companies.onDidChange((id) => heard.push(id));
    await expect(companies.connect(profile, session)).resolves.toMatchObject({ companyId: 'c1' });
    expect(settings.get('companies')).toMatchObject({ companies: [{ companyId: 'c1' }] });
    expect(heard).toEqual(['hcss']);
    expect(errors).toEqual(['a company listener failed']);
  });

  it('an unreadable stored value is backed up and the list starts empty', () => {
    const settings = new MemorySettingsStore();
    settings.set('companies', { schemaVersion: 9 });
    const companies = new CompanyConnections({
      settings,
      clock: new FakeClock(),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      profiles: { get: () => profile },
      grants: { companyIdFor: async () => undefined, requestToken: refused },
    });
    expect(companies.recovered?.backupKey).toMatch(/^companies-backup-/);
    expect(companies.list()).toEqual([]);
  });

  it('one invalid stored company is dropped on its own: the others stay connected, and the backup and the log name it', () => {
    const settings = new MemorySettingsStore();
    const good = (companyId: string) => ({ profileId: 'hcss', companyId, connectedBy: { subject: 'demo', name: 'Dr Demo' }, connectedAt: 1 });
    const stored = { schemaVersion: 1, companies: [good('c1'), { profileId: 'hcss', companyId: 'c2', connectedBy: { subject: 'demo' }, connectedAt: 'yesterday' }, good('c3')] };
    settings.set('companies', stored);
    const warnings: { message: string; fields: unknown }[] = [];
    const companies = new CompanyConnections({
      settings,
      clock: new FakeClock(),
      logger: { info: () => undefined, warn: (message, fields) => void warnings.push({ message, fields }), error: () => undefined },
      profiles: { get: () => profile },
      grants: { companyIdFor: async () => undefined, requestToken: refused },
    });
    expect(companies.list().map((association) => association.companyId)).toEqual(['c1', 'c3']);
    expect(settings.get('companies')).toMatchObject({ schemaVersion: 1, companies: [{ companyId: 'c1' }, { companyId: 'c3' }] });
    const backupKey = companies.recovered?.backupKey ?? '';
    expect(JSON.parse(settings.get(backupKey) as string)).toEqual(stored);
    expect(companies.recovered?.dropped).toEqual(['company c2 of hcss']);
    expect(warnings).toEqual([expect.objectContaining({ fields: expect.objectContaining({ backupKey, dropped: ['company c2 of hcss'] }) })]);
  });

  it('S67 a second person is refused the first person\'s company token, with a clear message, told once for the audit', async () => {
    const { clock, companies, refusals, connected } = setup(async () => ({ accessToken: 'company-token-of-a', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() }));
    await companies.connect(profile, session);
    expect(connected).toEqual(['c1 by demo']);
    await companies.fetchToken('hcss', 'c1');
    expect(companies.tokenFor('hcss', 'c1', 0, { subject: 'demo', name: 'Dr Demo' })).toMatchObject({ ok: true, accessToken: 'company-token-of-a' });
    const second = { subject: 'other-person', name: 'Nurse Other' };
    const refused = companies.tokenFor('hcss', 'c1', 0, second);
    expect(refused).toEqual({
      ok: false,
      code: 'company_not_yours',
      owner: 'Dr Demo',
      message: "The company c1 was connected by Dr Demo, so only Dr Demo's sign-in can use it. Sign in as Dr Demo, connect the company again with your own HCSS sign-in, or ask your administrator.",
    });
    expect(JSON.stringify(refused)).not.toContain('company-token-of-a');
    companies.tokenFor('hcss', 'c1', 0, second);
    expect(refusals).toEqual([{ profileId: 'hcss', companyId: 'c1', requester: second, owner: { subject: 'demo', name: 'Dr Demo' } }]);
  });

  it('S67 a company two people connected is refused to a third with both names, never only the first', async () => {
    const { clock, companies } = setup(async () => ({ accessToken: 'company-token', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() }));
    await companies.connect(profile, session);
    await companies.connect(profile, { ...session, subject: 'colleague', name: 'Nurse Colleague' } as Session);
    expect(companies.tokenFor('hcss', 'c1', 0, { subject: 'locum', name: 'Dr Locum' })).toMatchObject({
      ok: false,
      code: 'company_not_yours',
      owner: 'Dr Demo',
      others: ['Nurse Colleague'],
      message: 'The company c1 was connected by Dr Demo and Nurse Colleague, so only their sign-ins can use it. Sign in as one of them, connect the company again with your own HCSS sign-in, or ask your administrator.',
    });
  });

  it('S67 an admin named by the machine policy is served every company', async () => {
    const { clock, companies, refusals } = setup(async () => ({ accessToken: 'company-token', expiresAt: clock.now() + 3_600_000, receivedAt: clock.now() }), { admins: ['clinic-admin'] });
    await companies.connect(profile, session);
    await companies.fetchToken('hcss', 'c1');
    expect(companies.tokenFor('hcss', 'c1', 0, { subject: 'clinic-admin' })).toMatchObject({ ok: true });
    expect(refusals).toEqual([]);
  });
});
