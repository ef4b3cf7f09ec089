import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { WebSocket as NodeWebSocket } from 'ws';
import { filesUnder, findSecrets, findSecretsInFiles, labelled, type KnownSecret, type Leak } from '../app/test-support/find-secrets.js';
import { hostileBot, writeHostileBotsDir } from './electron/hostile-bot.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { signInThroughBrowser, skipWizard } from './support/sign-in.js';
import type { WitnessedBotsDir } from './support/token-witness.js';

/**
 * S45–S48 (docs/security-matrix.md) through the browser host: the same renderer and contract as the
 * Electron app, with the WebSocket in place of IPC. The Electron versions are in
 * e2e/electron/security.spec.ts (they run wherever the Electron binary exists).
 *
 * The bots folder (e2e/electron/hostile-bot.ts) holds one bot whose name, description and output
 * carry HTML and script, and which fetches a real token through the broker, so a token is in play;
 * it writes that token down outside the app (e2e/support/token-witness.ts), so the leak checks
 * look for the literal token, and they run again with the sandbox issuing opaque tokens.
 */
const { name: botName, description: botDescription, printedScript, printedImage } = hostileBot;

/** A browser-host page signed in to the sandbox, after the hostile bot ran once. */
interface SupervisedPage {
  host: BrowserHostProcess;
  page: Page;
  bots: WitnessedBotsDir;
  callback: string;
  framesReceived: string[];
  framesSent: string[];
  close(): Promise<void>;
}

async function openSupervisedPage(browser: Browser, env: Record<string, string> = {}): Promise<SupervisedPage> {
  const bots = writeHostileBotsDir();
  const host = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: bots.dir, ...env });
  const page = await browser.newPage();
  const framesReceived: string[] = [];
  const framesSent: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => framesReceived.push(String(payload)));
    socket.on('framesent', ({ payload }) => framesSent.push(String(payload)));
  });
  await page.goto(host.pageUrl);
  await skipWizard(page);
  const callback = await signInThroughBrowser(page, host, () => page.getByTestId('sign-in-sandbox').click());
  await expect(page.getByTestId('session-status-sandbox')).toHaveText(/Active|Expiring soon/);
  await page.getByTestId('start-xss-bot').click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText(hostileBot.doneLine);
  return {
    host,
    page,
    bots,
    callback,
    framesReceived,
    framesSent,
    async close() {
      await page.close();
      await host.stop();
      bots.remove();
    },
  };
}

/** The literal secrets in play: every token the bot was handed, and the authorization code. */
function secretsOf(supervised: SupervisedPage): KnownSecret[] {
  return [...labelled('access token', supervised.bots.tokens()), ...labelled('authorization code', [new URL(supervised.callback).searchParams.get('code') ?? ''])];
}

/** S30 and S45: every WebSocket frame, the DOM, page storage and every file the host wrote. */
async function leaksOf(supervised: SupervisedPage): Promise<Leak[]> {
  const { page, host, framesReceived, framesSent } = supervised;
  const secrets = secretsOf(supervised);
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  const inPage = findSecrets(
    [
      { where: 'WebSocket frames received', text: framesReceived.join('\n') },
      { where: 'WebSocket frames sent', text: framesSent.join('\n') },
      { where: 'the DOM', text: await page.content() },
      { where: 'page storage', text: storage },
      { where: 'the launcher output', text: host.output() },
    ],
    secrets,
  );
  return [...inPage, ...(await findSecretsInFiles(await filesUnder(host.dataDir), secrets))];
}

let supervised: SupervisedPage;
let host: BrowserHostProcess;
let page: Page;

function supervisorLog(): string {
  try {
    return readFileSync(join(host.dataDir, 'logs', 'supervisor.log'), 'utf8');
  } catch {
    return '';
  }
}

/** The per-launch page secret, from the address the launcher printed (the page hides it). */
function pageSecret(): string {
  return decodeURIComponent(new URL(host.pageUrl).hash.replace(/^#k=/, ''));
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  supervised = await openSupervisedPage(browser);
  ({ host, page } = supervised);
});

test.afterAll(async () => {
  await supervised?.close();
});

test('S45 the renderer never receives a token: not in any WebSocket frame, the DOM or page storage; S30 nor in any file', async () => {
  // The page did receive state, including the active session and the finished run.
  expect(supervised.framesReceived.some((frame) => frame.includes('"status":"active"'))).toBe(true);
  expect(supervised.framesReceived.some((frame) => frame.includes(hostileBot.doneLine))).toBe(true);
  expect(supervised.bots.tokens()).toHaveLength(1);
  expect(await leaksOf(supervised)).toEqual([]);
});

test('S46 invalid payloads on an authenticated socket are answered with an error and logged', async () => {
  const answers = await page.evaluate(
    async ({ url }) => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const replies: Array<{ requestId: number }> = [];
      const wanted = 5;
      const done = new Promise<void>((resolve) => {
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { kind?: string; requestId: number };
          if (message.kind !== 'result') return;
          replies.push(message);
          if (replies.length === wanted) resolve();
        };
      });
      socket.send('not json');
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'deleteEverything', input: {} }));
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 2, command: 'startRun', input: { botId: '../../etc/passwd' } }));
      socket.send(new Uint8Array([1, 2, 3]));
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 3, command: 'signIn', input: { profileId: 'sandbox', extra: '<script>' } }));
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 4, command: 'getState', input: {} }));
      await done;
      socket.close();
      return replies.sort((a, b) => a.requestId - b.requestId);
    },
    { url: `ws://${new URL(host.pageUrl).host}/ws?k=${encodeURIComponent(pageSecret())}` },
  );
  expect(answers).toEqual([
    expect.objectContaining({ requestId: -1, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    expect.objectContaining({ requestId: 1, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    expect.objectContaining({ requestId: 2, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    expect.objectContaining({ requestId: 3, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    // The socket still works for valid requests; the binary frame got no answer at all.
    expect.objectContaining({ requestId: 4, ok: true }),
  ]);
  expect(findSecrets([{ where: 'the answers', text: JSON.stringify(answers) }], secretsOf(supervised))).toEqual([]);
  await expect.poll(supervisorLog).toContain('rejected a binary WebSocket message');
  const log = supervisorLog();
  expect(log).toContain('rejected malformed request');
  expect(log).toMatch(/rejected invalid command input.*"command":"startRun"/);
  expect(log).not.toContain('etc/passwd');
});

test('S46 a WebSocket from a foreign Origin is refused before it opens, and logged', async () => {
  const url = `ws://${new URL(host.pageUrl).host}/ws?k=${encodeURIComponent(pageSecret())}`;
  const status = await new Promise<number | undefined>((resolveStatus) => {
    const socket = new NodeWebSocket(url, { origin: 'http://evil.example' });
    socket.on('unexpected-response', (_request, response) => resolveStatus(response.statusCode));
    socket.on('open', () => {
      socket.close();
      resolveStatus(undefined);
    });
    socket.on('error', () => undefined);
  });
  expect(status).toBe(403);
  await expect.poll(supervisorLog).toMatch(/refused a WebSocket connection.*"reason":"host_or_origin"/);
});

test('S46 a WebSocket without the page secret is closed unread, and logged', async () => {
  const origin = new URL(host.pageUrl).origin;
  const closed = await new Promise<{ code: number; answered: boolean }>((resolveClose) => {
    let answered = false;
    const socket = new NodeWebSocket(`ws://${new URL(host.pageUrl).host}/ws?k=wrong-secret`, { origin });
    socket.on('open', () => socket.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'getState', input: {} })));
    socket.on('message', () => (answered = true));
    socket.on('close', (code) => resolveClose({ code, answered }));
    socket.on('error', () => undefined);
  });
  expect(closed).toEqual({ code: 4401, answered: false });
  await expect.poll(supervisorLog).toMatch(/refused a WebSocket connection.*"reason":"secret"/);
});

/*
 * Proven by mutation: let openExternalUrl (renderer/transport/open-external-url.ts) accept any
 * http(s) URL again → the page opens https://example.invalid/… first, that popup is the one
 * awaited, and the test fails on its address (and on the popup count).
 */
test('S47 the page opens only its profiles\' own provider, in a new tab without an opener; any other popup fails the test', async ({ browser }) => {
  const issuer = /Local sandbox provider: (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())?.[1];
  expect(issuer).toBeDefined();
  const expected = `${issuer}/auth?probe=s47`;
  const issuerHost = new URL(expected).host;
  // Stand in for a compromised host: the real socket, plus openExternal events it would never send.
  const injected = [
    'javascript:window.__xss="open"',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'uk.co.rpasupervisor.dev://auth/callback?code=x',
    'https://example.invalid/any-https-site',
    `http://${issuerHost}@evil.example/`,
    `http://127.0.0.1:${Number(new URL(expected).port) + 1}/auth`,
    `${new URL(host.pageUrl).origin}/`,
    // The one allowed, last: the page handles events in order, so every refusal is decided by the time it opens.
    expected,
  ];
  const context = await browser.newContext();
  const probe = await context.newPage();
  const popups: Page[] = [];
  context.on('page', (opened) => popups.push(opened));
  let injectIntoPage: (text: string) => void = () => undefined;
  let resolveConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (resolveConnected = resolve));
  // Installed (awaited) before the page loads, so its first socket cannot slip past the route.
  await probe.routeWebSocket(/\/ws\?k=/, (route) => {
    const server = route.connectToServer();
    route.onMessage((message) => server.send(message));
    server.onMessage((message) => route.send(message));
    injectIntoPage = (text) => route.send(text);
    resolveConnected();
  });
  try {
    await probe.goto(host.pageUrl);
    await connected;
    await expect(probe.getByTestId('bot-xss-bot')).toBeVisible();
    const popup = context.waitForEvent('page');
    for (const url of injected) injectIntoPage(JSON.stringify({ kind: 'event', event: 'openExternal', payload: { url } }));
    const opened = await popup;
    await expect.poll(() => opened.url()).toBe(expected);
    expect(popups).toEqual([opened]);
    expect(context.pages()).toEqual([probe, opened]);
    expect(await opened.evaluate(() => window.opener)).toBeNull();
    expect(await probe.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(new URL(probe.url()).origin).toBe(new URL(host.pageUrl).origin);
  } finally {
    await context.close();
  }
});

test('S47 the page cannot be framed, post forms or change its base URL (CSP and headers)', async ({ request, browser }) => {
  const response = await request.get(new URL('/', host.pageUrl).href);
  const csp = response.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/form-action 'none'/);
  expect(csp).toMatch(/base-uri 'none'/);
  expect(response.headers()['x-frame-options']).toBe('DENY');

  // A page of its own: a refused form post leaves Chromium's navigation state unsettled.
  const probe = await browser.newPage();
  try {
    await probe.goto(host.pageUrl);
    const violation = await probe.evaluate(async () => {
      const seen = new Promise<string>((resolveSeen) => document.addEventListener('securitypolicyviolation', (event) => resolveSeen(event.effectiveDirective), { once: true }));
      const form = document.createElement('form');
      form.action = 'https://evil.example/steal';
      form.method = 'post';
      document.body.append(form);
      form.submit();
      return seen;
    });
    expect(violation).toBe('form-action');
    expect(new URL(probe.url()).origin).toBe(new URL(host.pageUrl).origin);
  } finally {
    await probe.close();
  }
});

test('S48 a bot name, description and log lines holding HTML and script render as text', async () => {
  const bot = page.getByTestId('bot-xss-bot');
  await expect(bot).toContainText(botName);
  await expect(bot).toContainText(botDescription);
  const log = page.getByTestId('run-log');
  await expect(log).toContainText(printedScript);
  await expect(log).toContainText(printedImage);
  // No element was created from any of it, and nothing ran.
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('S48 the CSP blocks inline script, even one injected into the DOM', async () => {
  const result = await page.evaluate(async () => {
    const seen = new Promise<string>((resolveSeen) => document.addEventListener('securitypolicyviolation', (event) => resolveSeen(event.effectiveDirective), { once: true }));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const directive = await seen;
    return { directive, ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true };
  });
  expect(result).toEqual({ directive: 'script-src-elem', ran: false });
});

test.describe('with opaque access tokens from the sandbox', () => {
  let opaque: SupervisedPage | undefined;

  test.afterAll(async () => {
    await opaque?.close();
  });

  test('S45 and S30 an opaque token the bot was handed is in no frame, the DOM, storage or any file', async ({ browser }) => {
    opaque = await openSupervisedPage(browser, { RPA_SANDBOX_ACCESS_TOKEN_FORMAT: 'opaque' });
    const [token] = opaque.bots.tokens();
    // Really opaque: nothing a JWT pattern would ever match.
    expect(token).toMatch(/^[\w-]{43,}$/);
    expect(await leaksOf(opaque)).toEqual([]);
  });
});
