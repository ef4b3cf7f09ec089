import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../app/sandbox/test-support/browser-login.js';
import type { Supervisor } from '../../app/supervisor.js';
import { chromiumMissing } from '../../app/test-support/prerequisites.js';
import { BrowserHostServer } from './browser-host-server.js';

/**
 * The browser host's caching in a real Chromium with a profile on disk, as a user's browser
 * keeps one: the pinned files come from the browser's cache on the next start, the page never
 * does, and a copy planted in that cache never runs (renderer-files.ts).
 */
const entry = 'assets/index-Ab12_x-Z.js';
const shared = 'assets/shared-Qq34Rr56.js';
const renderer: Record<string, string> = {
  'index.html': `<!doctype html><html><head><script type="module" crossorigin src="./${entry}"></script>
<link rel="modulepreload" crossorigin href="./${shared}"></head><body><p id="root">not run</p></body></html>`,
  [entry]: `import { word } from './shared-Qq34Rr56.js'; document.getElementById('root').textContent = word;`,
  [shared]: `export const word = 'ran';`,
};
const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
// The page under test never opens its socket, so the core it would wait for never comes.
const noCore = new Promise<Supervisor>(() => undefined);

let dir: string;
let context: BrowserContext;
const cleanups: (() => Promise<unknown>)[] = [];

describe.skipIf(chromiumMissing())('the browser host in a browser with a cache', () => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-renderer-cache-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    for (const [path, text] of Object.entries(renderer)) await writeFile(join(dir, 'renderer', path), text);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), chromiumLaunchOptions);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a second start at the same port takes the pinned files from the cache and the page from the host', async () => {
    const first = await BrowserHostServer.start({ supervisor: noCore, rendererDir: join(dir, 'renderer'), logger: quietLogger });
    const port = first.port;
    const one = await open(first.pageUrl);
    await expect.poll(() => one.page.textContent('#root')).toBe('ran');
    expect(one.fromCache()).toEqual([]);
    await one.page.close();
    await first.close();

    const second = await BrowserHostServer.start({ supervisor: noCore, rendererDir: join(dir, 'renderer'), logger: quietLogger, preferredPort: port });
    cleanups.push(() => second.close());
    expect(second.port).toBe(port);
    const two = await open(second.pageUrl);
    await expect.poll(() => two.page.textContent('#root')).toBe('ran');
    // The page itself comes from the host every time: never from the cache.
    expect(two.fromCache().sort()).toEqual([`/${entry}`, `/${shared}`]);
  });

  it('S46 a script planted in the cache by a program that held the port never runs', async () => {
    const planted = `document.getElementById('root').textContent = 'planted';`;
    const squatter = createServer((req, res) => {
      if (req.url === `/${entry}`) {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' });
        res.end(planted);
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<!doctype html><script type="module" src="./${entry}"></script><p id="root"></p>`);
      }
    });
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as AddressInfo).port;
    const lure = await open(`http://127.0.0.1:${port}/`);
    // The planted copy ran there and is in the cache now.
    await expect.poll(() => lure.page.textContent('#root')).toBe('planted');
    await lure.page.close();
    squatter.closeAllConnections();
    await new Promise((resolve) => squatter.close(resolve));

    const host = await BrowserHostServer.start({ supervisor: noCore, rendererDir: join(dir, 'renderer'), logger: quietLogger, port });
    cleanups.push(() => host.close());
    const real = await open(host.pageUrl);
    await expect.poll(() => real.errors().some((text) => /integrity/i.test(text))).toBe(true);
    expect(real.fromCache()).toContain(`/${entry}`);
    expect(await real.page.textContent('#root')).not.toBe('planted');
  });
});

/** Opens `url` in a new tab of the profile, noting which responses came from the browser's cache. */
async function open(url: string): Promise<{ page: Page; fromCache(): string[]; errors(): string[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const urls = new Map<string, string>();
  const cached = new Set<string>();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, new URL(event.request.url).pathname));
  cdp.on('Network.requestServedFromCache', (event) => cached.add(event.requestId));
  cdp.on('Network.responseReceived', (event) => {
    if (event.response.fromDiskCache) cached.add(event.requestId);
  });
  await cdp.send('Network.enable');
  await page.goto(url);
  return {
    page,
    fromCache: () => [...cached].map((id) => urls.get(id) ?? id),
    errors: () => errors,
  };
}
