import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionView, SupervisorState } from '../common/contract.js';
import { clientSecretKey, sandboxPartnerProfileId } from '../config/profile.js';
import { JsonLinesLogger } from '../logging/json-lines-logger.js';
import { systemClock } from '../ports/clock.js';
import { MemorySecretStore } from '../ports/secret-store.js';
import { MemorySettingsStore } from '../ports/settings-store.js';
import { demoSecondClinicUser, demoUser, type SandboxUser } from '../sandbox/sandbox-accounts.js';
import type { IssuedTokens } from '../sandbox/sandbox-provider.js';
import { sandboxPartnerClientId } from '../sandbox/sandbox-settings.js';
import { createSupervisor, type Supervisor } from '../supervisor.js';

/**
 * What the Overview's sign-in card of an HCSS partner profile is told: the companies the person
 * signed in may use and whether each one's token is live, until when, or refused. Through the
 * whole core on the real partner sandbox (with refresh tokens, so a revoked sign-in can be told
 * from a live one), the manager of a practice group connecting her two clinics. Also: the sign-in
 * that only proved the second clinic's consent is revoked at the provider, not just dropped.
 */
const apiBot = resolve(import.meta.dirname, '../../bots/api-bot/api-bot.mjs');
const profileId = sandboxPartnerProfileId;
const clinics = ['demo-clinic-1001', 'demo-clinic-1002'] as const;

let supervisor: Supervisor;
let dataDir: string;
let person: SandboxUser = demoUser;
const secrets = new MemorySecretStore();
/** Every token endpoint answer the provider sent: the literal secrets no view may carry. */
const issued: IssuedTokens[] = [];

const state = (): Promise<SupervisorState> => supervisor.api.invoke('getState', {});
const card = async (): Promise<SessionView | undefined> => (await state()).sessions.find((s) => s.profileId === profileId);

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error(`Timed out: ${what}`);
    },
    { timeout: 20_000, interval: 20 },
  );
}

async function connectAs(user: SandboxUser): Promise<void> {
  person = user;
  const before = JSON.stringify((await state()).companies);
  await supervisor.api.invoke('connectCompany', { profileId });
  await until(async () => JSON.stringify((await state()).companies) !== before, 'the companies to change');
}

/** The provider's answer to a refresh with `refreshToken`: the error code, or `accepted`. */
async function refreshAnswer(refreshToken: string): Promise<string> {
  const secret = await secrets.get(clientSecretKey(profileId));
  const sandbox = supervisor.sandbox;
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
  const answer = issued.find((tokens) => tokens.idToken !== undefined && decodeJwt(tokens.idToken).sub === user.subject && tokens.refreshToken !== undefined);
  if (answer?.refreshToken === undefined) throw new Error(`no refresh token was issued to ${user.subject}`);
  return answer.refreshToken;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-partner-session-'));
  const botsDir = join(dataDir, 'bots');
  await mkdir(botsDir, { recursive: true });
  for (const company of clinics) {
    await writeFile(
      join(botsDir, `${company}.bot.json`),
      JSON.stringify({ id: `bot-${company}`, name: `Claims for ${company}`, command: 'node', args: [apiBot], profileId, company, tokenDelivery: 'broker', env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' } }),
    );
  }
  const holder: { supervisor?: Supervisor } = {};
  supervisor = await createSupervisor({
    ports: {
      browser: {
        open: async (url) => {
          const running = holder.supervisor?.sandbox;
          if (running) await holder.supervisor?.deliverRedirect(await running.completeLoginWithoutBrowser(url, person));
        },
      },
      secrets,
      settings: new MemorySettingsStore(),
      clock: systemClock,
      notifier: { notify: () => undefined },
      logger: new JsonLinesLogger(join(dataDir, 'logs', 'supervisor.log')),
    },
    dataDir,
    flavour: 'development',
    botsDir,
    sandbox: { partner: true, issueRefreshTokens: true },
  });
  holder.supervisor = supervisor;
  supervisor.sandbox?.onTokensIssued((tokens) => issued.push(tokens));
}, 60_000);

afterAll(async () => {
  await supervisor?.shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the sign-in card of a partner profile', () => {
  it('lists the companies the manager may use, each with its token state: live until a time once a bot asked, or refused', async () => {
    await connectAs(demoUser);
    // The second clinic has removed the app in the Marketplace: HCSS refuses its company token.
    supervisor.sandbox?.companyConsents.withdraw(clinics[1]);
    await connectAs(demoSecondClinicUser);
    const companies = (await card())?.companies ?? [];
    expect(companies.map((c) => c.companyId).sort()).toEqual([...clinics]);

    const started = await supervisor.api.invoke('startRun', { botId: `bot-${clinics[0]}` });
    await until(async () => (await state()).runs.find((r) => r.id === started.id)?.status === 'succeeded', 'the first clinic’s bot to succeed');
    // Listing the second clinic's bot asks for its token, which HCSS refuses.
    await until(async () => (await card())?.companies?.find((c) => c.companyId === clinics[1])?.token === 'refused', 'the second clinic to be refused');
    const [first, second] = clinics.map(async (id) => (await card())?.companies?.find((c) => c.companyId === id));
    expect(await first).toMatchObject({ companyId: clinics[0], token: 'live', tokenExpiresAt: expect.any(Number) });
    expect((await first)?.tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(await second).toMatchObject({ companyId: clinics[1], token: 'refused', error: { code: 'company_consent_withdrawn' } });
  });

  it('S45 no token the provider issued (sign-ins, refresh tokens, company tokens) is in the state the renderer gets', async () => {
    const secretsInPlay = issued.flatMap((tokens) => [tokens.accessToken, tokens.idToken, tokens.refreshToken]).filter((t): t is string => t !== undefined);
    // The company grant was used, so a company token is among them.
    expect(secretsInPlay.length).toBeGreaterThanOrEqual(5);
    const view = JSON.stringify(await state());
    expect(secretsInPlay.filter((secret) => view.includes(secret))).toEqual([]);
  });
});

describe('the sign-in that only proved a company’s consent', () => {
  it('S29 is revoked at the provider once the company is connected; the manager’s own sign-in still works', async () => {
    expect((await card())?.user?.subject).toBe(demoUser.subject);
    await until(async () => (await refreshAnswer(refreshTokenOf(demoSecondClinicUser))) === 'invalid_grant', 'the verifying sign-in to be revoked');
    expect(await refreshAnswer(refreshTokenOf(demoUser))).toBe('accepted');
  });
});
