import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { clientSecretKey } from '../config/profile.js';
import { demoSecondClinicUser, demoUser, type SandboxUser } from '../sandbox/sandbox-accounts.js';
import { sandboxPartnerClientId } from '../sandbox/sandbox-settings.js';
import { apiBotFor, usePartnerSession } from './test-support/partner-session-harness.js';

/**
 * What the Overview's sign-in card of an HCSS partner profile is told: the companies the person
 * signed in may use and whether each one's token is live, until when, or refused. Through the
 * whole core on the real partner sandbox (with refresh tokens, so a revoked sign-in can be told
 * from a live one), the manager of a practice group connecting her two clinics. Also: the sign-in
 * that only proved the second clinic's consent is revoked at the provider, not just dropped.
 */
const clinics = ['demo-clinic-1001', 'demo-clinic-1002'] as const;
const partner = usePartnerSession({ bots: clinics.map(apiBotFor), sandbox: { issueRefreshTokens: true } });

/** The provider's answer to a refresh with `refreshToken`: the error code, or `accepted`. */
async function refreshAnswer(refreshToken: string): Promise<string> {
  const secret = await partner.secrets.get(clientSecretKey(partner.profileId));
  const sandbox = partner.supervisor.sandbox;
  if (secret === undefined || sandbox === undefined) throw new Error('no partner sandbox');
  const config = await client.discovery(new URL(sandbox.issuer), sandboxPartnerClientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  try {
    await client.refreshTokenGrant(config, refreshToken);
    return 'accepted';
  } catch (error) {
    return error instanceof client.ResponseBodyError ? error.error : String(error);
  }
}

/** The refresh token of the sign-in of `user`, from the ID token's subject. */
function refreshTokenOf(user: SandboxUser): string {
  const answer = partner.issued.find((tokens) => tokens.idToken !== undefined && decodeJwt(tokens.idToken).sub === user.subject && tokens.refreshToken !== undefined);
  if (answer?.refreshToken === undefined) throw new Error(`no refresh token was issued to ${user.subject}`);
  return answer.refreshToken;
}

describe('the sign-in card of a partner profile', () => {
  it('lists the companies the manager may use, each with its token state: live until a time once a bot asked, or refused', async () => {
    await partner.connectAs(demoUser);
    // The second clinic has removed the app in the Marketplace: HCSS refuses its company token.
    partner.supervisor.sandbox?.companyConsents.withdraw(clinics[1]);
    await partner.connectAs(demoSecondClinicUser);
    const companies = (await partner.card())?.companies ?? [];
    expect(companies.map((c) => c.companyId).sort()).toEqual([...clinics]);

    const started = await partner.supervisor.api.invoke('startRun', { botId: `bot-${clinics[0]}` });
    await partner.until(async () => (await partner.state()).runs.find((r) => r.id === started.id)?.status === 'succeeded', 'the first clinic’s bot to succeed');
    // Listing the second clinic's bot asks for its token, which HCSS refuses.
    await partner.until(async () => (await partner.card())?.companies?.find((c) => c.companyId === clinics[1])?.token === 'refused', 'the second clinic to be refused');
    const [first, second] = clinics.map(async (id) => (await partner.card())?.companies?.find((c) => c.companyId === id));
    expect(await first).toMatchObject({ companyId: clinics[0], token: 'live', tokenExpiresAt: expect.any(Number) });
    expect((await first)?.tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(await second).toMatchObject({ companyId: clinics[1], token: 'refused', error: { code: 'company_consent_withdrawn' } });
  });

  it('S45 no token the provider issued (sign-ins, refresh tokens, company tokens) is in the state the renderer gets', async () => {
    const secretsInPlay = partner.issued.flatMap((tokens) => [tokens.accessToken, tokens.idToken, tokens.refreshToken]).filter((t): t is string => t !== undefined);
    // The company grant was used, so a company token is among them.
    expect(secretsInPlay.length).toBeGreaterThanOrEqual(5);
    const view = JSON.stringify(await partner.state());
    expect(secretsInPlay.filter((secret) => view.includes(secret))).toEqual([]);
  });
});

describe('the sign-in that only proved a company’s consent', () => {
  it('S29 is revoked at the provider once the company is connected; the manager’s own sign-in still works', async () => {
    expect((await partner.card())?.user?.subject).toBe(demoUser.subject);
    await partner.until(async () => (await refreshAnswer(refreshTokenOf(demoSecondClinicUser))) === 'invalid_grant', 'the verifying sign-in to be revoked');
    expect(await refreshAnswer(refreshTokenOf(demoUser))).toBe('accepted');
  });
});
