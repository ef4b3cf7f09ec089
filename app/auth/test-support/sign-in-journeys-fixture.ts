import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startSignInRig } from '../../commands/test-support/sign-in-rig.js';
import { profileSchema, type Profile, type ProfileInput } from '../../config/profile.js';
import type { Clock } from '../../ports/clock.js';
import type { SecretStore } from '../../ports/secret-store.js';
import { startSandbox, type IssuedTokens, type RunningSandbox } from '../../sandbox/sandbox-provider.js';
import type { AccessTokenFormat } from '../../sandbox/sandbox-settings.js';
import { chromiumLaunchOptions, loginInChromium } from '../../sandbox/test-support/browser-login.js';
import type { SessionEvent } from '../../session/session-manager.js';
import type { SignInEvent } from '../sign-in-service.js';

/**
 * The world of sign-in-journeys*.test.ts: a sandbox issuing JWT access tokens and one issuing
 * opaque ones, one Chromium for the whole file, and a static host for build/bounce. Everything
 * the journeys log, every code they see and every token either sandbox issues is kept, so the
 * file's last test can look for each literal secret in the logs (S30). The bindings below are
 * live, since `useSandbox` switches the one the journeys use and a test file cannot assign them.
 */
export const scheme = 'uk.co.rpasupervisor';
export const partner = { clientId: 'hcss-partner', clientSecret: 'partner-secret-for-tests' };
const bounceDir = join(import.meta.dirname, '..', '..', '..', 'build', 'bounce');

const sandboxes = new Map<AccessTokenFormat, RunningSandbox>();
/** The sandbox the running journey uses: the JWT one unless `useSandbox` switches it. */
export let sandbox: RunningSandbox;
export let browser: Browser;
let bounceServer: Server;
export let bounceUrl: string;
export const allLogs: string[] = [];
export const codesSeen = new Set<string>();
export const tokensIssued: IssuedTokens[] = [];
const live: Array<{ dispose(): void }> = [];

/** Starts the sandboxes, Chromium and the bounce host before the file's first test; stops them after its last. */
export function useSignInJourneys(): void {
  beforeAll(async () => {
    bounceServer = createServer((req, res) => {
      // A plain static host for build/bounce, as an organisation's web server would be.
      const path = URL.parse(req.url ?? '/', 'http://x')?.pathname ?? '/';
      const file = path === '/rpa/' ? 'index.html' : path.startsWith('/rpa/') ? path.slice(5) : '';
      const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
      if (!/^[\w.-]+$/.test(file) || !types[extname(file)]) {
        res.writeHead(404).end();
        return;
      }
      readFile(join(bounceDir, file)).then(
        (body) => res.writeHead(200, { 'content-type': types[extname(file)] as string }).end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => bounceServer.listen(0, '127.0.0.1', resolve));
    bounceUrl = `http://127.0.0.1:${(bounceServer.address() as AddressInfo).port}/rpa/`;
    const start = (accessTokenFormat: AccessTokenFormat) =>
      startSandbox({
        customSchemes: [scheme],
        confidentialClient: partner,
        issueRefreshTokens: true,
        extraRedirectUris: [bounceUrl],
        accessTokenTtlSeconds: 3600,
        accessTokenFormat,
      });
    const [jwtSandbox, opaqueSandbox, launched] = await Promise.all([start('jwt'), start('opaque'), chromium.launch(chromiumLaunchOptions)]);
    browser = launched;
    for (const started of [jwtSandbox, opaqueSandbox]) {
      sandboxes.set(started.accessTokenFormat, started);
      started.onTokensIssued((tokens) => tokensIssued.push(tokens));
    }
    sandbox = jwtSandbox;
  });

  afterAll(async () => {
    await Promise.all([...[...sandboxes.values()].map((s) => s.close()), browser?.close(), new Promise((resolve) => bounceServer?.close(resolve))]);
  });

  afterEach(() => {
    for (const item of live.splice(0)) item.dispose();
  });
}

/** Switches the journeys that follow to the sandbox issuing `format` access tokens. */
export function useSandbox(format: AccessTokenFormat): void {
  sandbox = sandboxes.get(format) as RunningSandbox;
}

export async function setup(input: Partial<ProfileInput> = {}, options: { clock?: Clock; secrets?: SecretStore; clientSecret?: string } = {}) {
  const profile: Profile = profileSchema.parse({
    id: 'journey',
    name: 'Journey',
    kind: 'oidc',
    issuer: sandbox.issuer,
    clientId: sandbox.clientId,
    scopes: ['openid', 'profile', 'api'],
    ...input,
  });
  const record = (m: string, f?: object) => void allLogs.push(`${m} ${JSON.stringify(f ?? {})}`);
  const rig = await startSignInRig({
    scheme,
    profiles: [profile],
    logger: { info: record, warn: record, error: record },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.clientSecret === undefined ? {} : { clientSecrets: { [profile.id]: options.clientSecret } }),
  });
  const sessionEvents: SessionEvent[] = [];
  const signInEvents: SignInEvent[] = [];
  let refreshCalls = 0;
  const refresh = rig.tokens.refresh.bind(rig.tokens);
  rig.tokens.refresh = (session) => {
    refreshCalls += 1;
    return refresh(session);
  };
  rig.sessions.onDidEvent((event) => sessionEvents.push(event));
  rig.signIn.onDidEvent((event) => signInEvents.push(event));
  live.push(rig);
  const { signIn: service, sessions, companies, secrets, settings } = rig;
  return { rig, profile, service, sessions, companies, secrets, settings, sessionEvents, signInEvents, refreshCalls: () => refreshCalls };
}

/** Logs in through the sandbox page in Chromium and waits for `text` on the page it lands on. */
export async function loginAndLand(authorizationUrl: string, text: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(authorizationUrl);
    await page.getByLabel('Username').fill(sandbox.demoUser.username);
    await page.getByLabel('Password').fill(sandbox.demoUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(text).waitFor();
    return page.url();
  } finally {
    await context.close();
  }
}

export async function chromiumCallback(authorizationUrl: string): Promise<string> {
  const callback = await loginInChromium(authorizationUrl, sandbox.demoUser, { browser, expectRedirectPrefix: `${scheme}://` });
  codesSeen.add(new URL(callback).searchParams.get('code') as string);
  return callback;
}

/** The demo API's view of a token: it checks JWTs against the JWKS and opaque ones by introspection. */
export async function whoami(accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.apiBaseUrl}/whoami`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}
