import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './sandbox-provider.js';
import { discoverSandbox } from './test-support/sandbox-client.js';

const partner = { clientId: 'hcss-partner', clientSecret: 'partner-secret-for-tests' };
const companyId = 'demo-clinic-1001';

/** The sandbox's stand-in for the HCSS Marketplace: a company removes and re-adds the partner app. */
describe('the sandbox Marketplace', () => {
  let sandbox: RunningSandbox;
  let partnerConfig: client.Configuration;

  beforeAll(async () => {
    sandbox = await startSandbox({ confidentialClient: partner, accessTokenTtlSeconds: 3600 });
    partnerConfig = await discoverSandbox(sandbox, partner);
  });
  afterAll(() => sandbox?.close());

  const post = (action: string, origin?: string) =>
    fetch(sandbox.marketplaceUrl as string, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin === undefined ? {} : { origin }) },
      body: new URLSearchParams({ companyId, action }).toString(),
    });
  const grant = () => client.genericGrantRequest(partnerConfig, 'company', { CompanyId: companyId, scope: 'api' });

  it('lists each company the sandbox knows with the app added', async () => {
    const page = await (await fetch(sandbox.marketplaceUrl as string)).text();
    expect(page).toContain(`Remove the app for ${companyId}`);
    expect(sandbox.companyConsents.list()).toEqual([{ companyId, consented: true }]);
  });

  it('S87 refuses a change posted from another site, or with no origin, and changes nothing', async () => {
    expect((await post('remove', 'https://evil.example')).status).toBe(403);
    expect((await post('remove')).status).toBe(403);
    expect(sandbox.companyConsents.list()).toEqual([{ companyId, consented: true }]);
    await expect(grant()).resolves.toMatchObject({ token_type: expect.stringMatching(/^bearer$/i) });
  });

  it('removing the app makes the company grant refuse that company (invalid_grant); adding it again serves it', async () => {
    const origin = new URL(sandbox.issuer).origin;
    expect((await post('remove', origin)).status).toBe(303);
    await expect(grant()).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await (await fetch(sandbox.marketplaceUrl as string)).text()).toContain(`Add the app for ${companyId}`);
    expect((await post('add', origin)).status).toBe(303);
    await expect(grant()).resolves.toMatchObject({ access_token: expect.any(String) });
  });

  it("S87 takes the page's own form, which a browser sends with Origin null (no referrer) and Sec-Fetch-Site same-origin; refuses a null origin from elsewhere", async () => {
    const postAs = (action: string, headers: Record<string, string>) =>
      fetch(sandbox.marketplaceUrl as string, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ companyId, action }).toString(),
      });
    expect((await postAs('remove', { origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await postAs('remove', { origin: 'null' })).status).toBe(403);
    expect(sandbox.companyConsents.list()).toEqual([{ companyId, consented: true }]);
    expect((await postAs('remove', { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect(sandbox.companyConsents.list()).toEqual([{ companyId, consented: false }]);
    expect((await postAs('add', { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect(sandbox.companyConsents.list()).toEqual([{ companyId, consented: true }]);
  });

  it('is not served without a partner client', async () => {
    const plain = await startSandbox();
    try {
      expect(plain.marketplaceUrl).toBeUndefined();
      expect((await fetch(`${plain.issuer}/marketplace`)).status).not.toBe(200);
    } finally {
      await plain.close();
    }
  });
});
