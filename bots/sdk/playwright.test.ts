import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import * as playwright from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { FakeSessionAccess } from '../../app/bots/testing/fake-session-access.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import { chromiumLaunchOptions } from '../../app/sandbox/test-support/browser-login.js';
import { BotSdkError } from './index.mjs';
import { createAuthorizedRequestContext, withBearer } from './playwright.mjs';

/**
 * The Playwright helpers against real Chromium, a real broker over HTTP and a real server that
 * checks the bearer header. The SDK reads the run's broker settings from the environment.
 */
const hour = 60 * 60 * 1000;
const savedEnv = { ...process.env };

let browser: playwright.Browser;
let api: Server;
let third: Server;
let apiOrigin: string;
let thirdOrigin: string;
let sessions: FakeSessionAccess;
let broker: TokenBroker;
/** The token the API accepts; a test may change it. */
let accepted: string;
/** Runs when the API sees a request, before it answers (to simulate a re-authentication mid-request). */
let onApiRequest: (authorization: string | undefined) => void = () => undefined;
const apiSaw: (string | undefined)[] = [];
const thirdSaw: (string | undefined)[] = [];

const newToken = () => `tok_${randomBytes(24).toString('base64url')}`;
const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  browser = await playwright.chromium.launch(chromiumLaunchOptions);
  api = createServer((req, res) => {
    if (req.url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>page</title><p>demo</p>');
      return;
    }
    apiSaw.push(req.headers.authorization);
    if (req.url === '/api/hang-up') return void req.socket.destroy();
    onApiRequest(req.headers.authorization);
    const ok = req.headers.authorization === `Bearer ${accepted}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(ok ? { data: 'claims' } : { error: req.headers.authorization ? 'invalid_token' : 'missing_token' }));
  });
  third = createServer((req, res) => {
    thirdSaw.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end('third party');
  });
  apiOrigin = await listen(api);
  thirdOrigin = await listen(third);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => api?.close(resolve));
  await new Promise((resolve) => third?.close(resolve));
});

beforeEach(async () => {
  sessions = new FakeSessionAccess();
  accepted = newToken();
  sessions.signIn('sandbox', { accessToken: accepted, expiresAt: Date.now() + hour });
  broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
  await broker.start();
  process.env.RPA_BROKER_URL = broker.url;
  process.env.RPA_RUN_SECRET = broker.registerRun('run-pw', 'sandbox');
  apiSaw.length = 0;
  thirdSaw.length = 0;
  onApiRequest = () => undefined;
});

afterEach(async () => {
  for (const name of ['RPA_BROKER_URL', 'RPA_RUN_SECRET']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  await broker.close();
});

async function pageFetch(page: playwright.Page, url: string): Promise<{ status: number; body: string }> {
  return page.evaluate(async (target) => {
    const response = await fetch(target);
    return { status: response.status, body: await response.text() };
  }, url);
}

describe('withBearer', () => {
  it('adds the current token to matching requests only, and follows a token swap', async () => {
    const context = await browser.newContext();
    try {
      const errors: unknown[] = [];
      await withBearer(context, { url: `${apiOrigin}/api/**`, onTokenError: (error) => errors.push(error) });
      const page = await context.newPage();
      await page.goto(`${apiOrigin}/page`);

      expect(await pageFetch(page, `${apiOrigin}/api/claims`)).toEqual({ status: 200, body: '{"data":"claims"}' });
      expect(await pageFetch(page, `${thirdOrigin}/elsewhere`)).toEqual({ status: 200, body: 'third party' });
      expect(thirdSaw).toEqual([undefined]);

      // A re-authentication swaps the token; the very next request carries the new one.
      const previous = accepted;
      accepted = newToken();
      sessions.signIn('sandbox', { accessToken: accepted, expiresAt: Date.now() + hour });
      expect((await pageFetch(page, `${apiOrigin}/api/claims`)).status).toBe(200);
      expect(apiSaw).toEqual([`Bearer ${previous}`, `Bearer ${accepted}`]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('retries once with the new token when the target answers 401 after a re-authentication', async () => {
    const context = await browser.newContext();
    try {
      await withBearer(context, { url: `${apiOrigin}/api/**` });
      const page = await context.newPage();
      await page.goto(`${apiOrigin}/page`);
      const stale = accepted;
      // The provider stops accepting the old token and the supervisor re-authenticates meanwhile.
      onApiRequest = (authorization) => {
        if (authorization === `Bearer ${stale}` && accepted === stale) {
          accepted = newToken();
          sessions.signIn('sandbox', { accessToken: accepted, expiresAt: Date.now() + hour });
        }
      };
      expect((await pageFetch(page, `${apiOrigin}/api/claims`)).status).toBe(200);
      expect(apiSaw).toEqual([`Bearer ${stale}`, `Bearer ${accepted}`]);
    } finally {
      await context.close();
    }
  });

  it('sends the request without a token when the session has expired, and says why', async () => {
    const context = await browser.newContext();
    try {
      const errors: unknown[] = [];
      await withBearer(context, { url: /\/api\//, onTokenError: (error) => errors.push(error) });
      const page = await context.newPage();
      await page.goto(`${apiOrigin}/page`);
      sessions.expire('sandbox');
      expect(await pageFetch(page, `${apiOrigin}/api/claims`)).toEqual({ status: 401, body: '{"error":"missing_token"}' });
      expect(apiSaw).toEqual([undefined]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(BotSdkError);
      expect((errors[0] as BotSdkError).code).toBe('session_expired');
    } finally {
      await context.close();
    }
  });

  it('refuses to add a token without a URL pattern', async () => {
    const context = await browser.newContext();
    try {
      await expect(withBearer(context, undefined as never)).rejects.toThrow(/needs a url pattern/);
    } finally {
      await context.close();
    }
  });
});

describe('createAuthorizedRequestContext', () => {
  it('sends the current token on each request and retries once after a 401', async () => {
    const request = await createAuthorizedRequestContext(playwright, { baseURL: apiOrigin });
    try {
      const first = await request.get('/api/claims');
      expect(first.status()).toBe(200);
      expect(await first.json()).toEqual({ data: 'claims' });

      const stale = accepted;
      onApiRequest = (authorization) => {
        if (authorization === `Bearer ${stale}` && accepted === stale) {
          accepted = newToken();
          sessions.signIn('sandbox', { accessToken: accepted, expiresAt: Date.now() + hour });
        }
      };
      const second = await request.post('/api/claims', { data: { page: 2 } });
      expect(second.status()).toBe(200);
      expect(apiSaw).toEqual([`Bearer ${stale}`, `Bearer ${stale}`, `Bearer ${accepted}`]);
    } finally {
      await request.dispose();
    }
  });

  it('S121 a failed request throws Playwright\'s error without the token its call log lists', async () => {
    const request = await createAuthorizedRequestContext(playwright, { baseURL: apiOrigin });
    try {
      const sent = accepted;
      const hungUp = await request.get('/api/hang-up').then(() => undefined, (error: unknown) => error as Error);
      expect(hungUp?.message).toMatch(/ECONNRESET|socket hang up/);
      // The provider no longer takes the token, and failOnStatusCode makes its 401 an error.
      accepted = newToken();
      const refused = await request.get('/api/claims', { failOnStatusCode: true }).then(() => undefined, (error: unknown) => error as Error);
      expect(refused?.message).toMatch(/401/);
      expect(apiSaw[0]).toBe(`Bearer ${sent}`);
      for (const error of [hungUp, refused]) {
        expect(error?.message).toContain('authorization: Bearer [REDACTED]');
        // Nor in its other fields: Playwright keeps the call log as `log` too.
        expect(`${error?.message}\n${error?.stack}\n${JSON.stringify(error)}\n${inspect(error)}`).not.toContain(sent);
      }
    } finally {
      await request.dispose();
    }
  });

  it('refuses a fixed Authorization header, which would go stale', async () => {
    await expect(createAuthorizedRequestContext(playwright, { extraHTTPHeaders: { Authorization: 'Bearer fixed' } })).rejects.toThrow(/Do not set Authorization/);
  });
});
