import * as client from 'openid-client';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { demoColleagueUser, demoSecondClinicUser, demoSignInHints, demoUser, partnerDemoUsers } from './sandbox-accounts.js';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { callWhoAmI, discoverSandbox, startAuthorization, signInWithoutBrowser } from './test-support/sandbox-client.js';
import { openLoginPage } from './test-support/login-page-session.js';

const partner = { clientId: 'hcss-partner', clientSecret: 'partner-secret-for-tests' };
const redirectUri = customSchemeRedirectUri('uk.co.rpasupervisor');

/**
 * The partner sandbox as a practice group: the manager has an HCSS account at each of two
 * clinics (two companies), and a colleague has her own account at the first. Each sign-in names
 * one company, as HCSS's does, and every company can be served with the `company` grant.
 */
describe('the partner sandbox as a practice group with two clinics', () => {
  let sandbox: RunningSandbox;
  let partnerConfig: client.Configuration;

  beforeAll(async () => {
    sandbox = await startSandbox({ confidentialClient: partner, users: [...partnerDemoUsers] });
    partnerConfig = await discoverSandbox(sandbox, partner);
  });
  afterAll(() => sandbox?.close());

  test('each account signs in to its own company, and both clinics can be served company tokens', async () => {
    for (const user of [demoUser, demoSecondClinicUser, demoColleagueUser]) {
      const tokens = await signInWithoutBrowser(sandbox, partnerConfig, redirectUri, user);
      expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: user.subject, CompanyId: user.companyId });
    }
    expect(sandbox.companyConsents.list()).toEqual([
      { companyId: 'demo-clinic-1001', consented: true },
      { companyId: 'demo-clinic-1002', consented: true },
    ]);
    const second = await client.genericGrantRequest(partnerConfig, 'company', { CompanyId: 'demo-clinic-1002', scope: 'api' });
    expect(await (await callWhoAmI(sandbox, second.access_token)).json()).toMatchObject({ subject: partner.clientId, companyId: 'demo-clinic-1002' });
  });

  test('the login page lists every demo account with the company it signs in to', async () => {
    const pending = await startAuthorization(partnerConfig, redirectUri);
    const { html } = await openLoginPage(pending.url.href);
    expect(html).toContain('Demo sign-ins, one company each:');
    expect(html).toContain('username <strong>demo</strong>, password <strong>demo-password</strong> (company demo-clinic-1001)');
    expect(html).toContain('username <strong>demo-1002</strong>, password <strong>demo-password</strong> (company demo-clinic-1002)');
    expect(html).toContain('username <strong>colleague</strong>, password <strong>colleague-password</strong> (company demo-clinic-1001)');
  });

  test('a sandbox with only the demo user keeps its one-line hint, and undocumented accounts are never hinted', () => {
    expect(demoSignInHints([demoUser])).toEqual([{ username: 'demo', password: 'demo-password' }]);
    expect(demoSignInHints([demoUser, { ...demoColleagueUser, password: 'changed' }])).toEqual([{ username: 'demo', password: 'demo-password' }]);
  });
});
