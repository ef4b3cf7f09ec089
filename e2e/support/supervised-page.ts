import { expect, test, type Browser, type Page } from '@playwright/test';
import { filesUnder, findSecrets, findSecretsInFiles, labelled, type KnownSecret, type Leak } from '../../app/test-support/find-secrets.js';
import { hostileBot, writeHostileBotsDir } from '../electron/hostile-bot.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './browser-host-process.js';
import { signInThroughBrowser, skipWizard } from './sign-in.js';
import type { WitnessedBotsDir } from './token-witness.js';

/**
 * S45–S48 (docs/security-matrix.md) through the browser host, shared by the e2e/security-*.spec.ts
 * files: the same renderer and contract as the Electron app, with the WebSocket in place of IPC.
 * The Electron versions are in e2e/electron/security.spec.ts (they run wherever the Electron
 * binary exists).
 *
 * The bots folder (e2e/electron/hostile-bot.ts) holds one bot whose name, description and output
 * carry HTML and script, and which fetches a real token through the broker, so a token is in play;
 * it writes that token down outside the app (token-witness.ts), so the leak checks look for the
 * literal token, and they run again with the sandbox issuing opaque tokens.
 */

/** A browser-host page signed in to the sandbox, after the hostile bot ran once. */
export interface SupervisedPage {
  host: BrowserHostProcess;
  page: Page;
  bots: WitnessedBotsDir;
  callback: string;
  framesReceived: string[];
  framesSent: string[];
  close(): Promise<void>;
}

export async function openSupervisedPage(browser: Browser, env: Record<string, string> = {}): Promise<SupervisedPage> {
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
export function secretsOf(supervised: SupervisedPage): KnownSecret[] {
  return [...labelled('access token', supervised.bots.tokens()), ...labelled('authorization code', [new URL(supervised.callback).searchParams.get('code') ?? ''])];
}

/** S30 and S45: every WebSocket frame, the DOM, page storage and every file the host wrote. */
export async function leaksOf(supervised: SupervisedPage): Promise<Leak[]> {
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

/**
 * One supervised page for a spec file, opened before its first test and closed after its last.
 * The tests share it, so they run in order, one at a time.
 */
export function useSupervisedPage(started: (supervised: SupervisedPage) => void): void {
  let supervised: SupervisedPage | undefined;
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async ({ browser }) => {
    supervised = await openSupervisedPage(browser);
    started(supervised);
  });

  test.afterAll(async () => {
    await supervised?.close();
  });
}
