import { resolve } from 'node:path';
import { expect, test, type BrowserContext, type Page, type WebSocketRoute } from '@playwright/test';
import { errorMessage } from '../app/common/error-catalogue.js';
import { readInstanceLock } from '../main/browser/instance-lock.js';
import { startBrowserHostProcess } from './support/browser-host-process.js';
import { skipWizard } from './support/sign-in.js';
import { startSupervisionHost, type Setup } from './support/supervision-host.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * The browser host's page and core over a clinic PC's day (docs/ui.md, "When the connection
 * drops"): a socket that drops comes back by itself without losing what the person typed or
 * sending anything twice; two tabs stay in step; a host that was killed and started again takes
 * the open page back without its new address. Real host processes and Chromium; the drop is
 * made by Playwright standing between page and host (routeWebSocket), as a host closing it would.
 */
const botsDir = resolve(testBotsDir, 'supervision');
test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** Carries a context's WebSockets to the host, and can drop them and refuse new ones meanwhile. */
interface SocketTap {
  /** Every message a page sent to the host. */
  readonly sent: string[];
  /** While true, a page's new socket closes at once, as when nothing is listening. */
  down: boolean;
  /** Drops every socket after the host answers a request for this command, before the page sees it. */
  dropOnAnswerTo: string | undefined;
  drop(): Promise<void>;
}

async function tapSockets(context: BrowserContext): Promise<SocketTap> {
  const routes = new Set<{ page: WebSocketRoute; host: WebSocketRoute }>();
  const awaited = new Set<number>();
  const tap: SocketTap = {
    sent: [],
    down: false,
    dropOnAnswerTo: undefined,
    async drop() {
      for (const route of [...routes]) {
        routes.delete(route);
        await route.host.close({ code: 1001 });
        await route.page.close({ code: 1001 });
      }
    },
  };
  await context.routeWebSocket(/\/ws\?/, async (page) => {
    if (tap.down) {
      await page.close({ code: 1001 });
      return;
    }
    const host = page.connectToServer();
    routes.add({ page, host });
    page.onMessage((message) => {
      const text = String(message);
      tap.sent.push(text);
      const request = JSON.parse(text) as { requestId?: number; command?: string };
      if (request.command !== undefined && request.command === tap.dropOnAnswerTo && request.requestId !== undefined) awaited.add(request.requestId);
      host.send(message);
    });
    host.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { kind?: string; requestId?: number };
      if (answer.kind === 'result' && answer.requestId !== undefined && awaited.delete(answer.requestId)) {
        tap.dropOnAnswerTo = undefined;
        void tap.drop();
        return;
      }
      page.send(message);
    });
  });
  return tap;
}

const commandsSent = (tap: SocketTap, command: string) => tap.sent.filter((text) => (JSON.parse(text) as { command?: string }).command === command);

test.describe('on one host', () => {
  let setup: Setup;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    setup = await startSupervisionHost(browser, botsDir, { idleAfterMs: 0 });
  });
  test.afterAll(async () => setup?.dispose());

  test('a dropped socket comes back by itself: what was typed stays, a press meanwhile is refused plainly, and nothing is sent twice', async () => {
    const { page } = setup;
    const tap = await tapSockets(page.context());
    // Through the tap from here on: the secret is in the tab's sessionStorage.
    await page.reload();
    await page.getByTestId('start-question-text-bot').click();
    const box = page.getByTestId('attention-item-question').getByTestId('answer-text');
    await box.click();
    await page.keyboard.type('4');

    tap.down = true;
    await tap.drop();
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-status', 'reconnecting');
    // Typing goes on while it reconnects: the field is not disabled under the person's hands.
    await page.keyboard.type('2');
    await expect(box).toHaveValue('42');
    await page.getByTestId('start-plain-bot').click();
    await expect(page.getByTestId('command-error')).toHaveAttribute('data-code', 'not_connected');
    tap.down = false;
    await expect(status).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId('command-error')).toContainText(errorMessage('not_connected'));
    await expect(box).toHaveValue('42');
    expect(commandsSent(tap, 'startRun')).toEqual([expect.stringContaining('question-text-bot')]);

    // A Start the host acts on, whose answer the drop loses: the page says to check, the
    // resynced state shows the run, and the Start was sent once.
    tap.dropOnAnswerTo = 'startRun';
    await page.getByTestId('start-plain-bot').click();
    await expect(page.getByTestId('command-error')).toHaveAttribute('data-code', 'connection_lost');
    await expect(status).toHaveCount(0, { timeout: 20_000 });
    await page.getByTestId('view-log-plain-bot').click();
    await expect(page.getByTestId('run-status')).toHaveText('Running');
    expect(commandsSent(tap, 'startRun').filter((text) => text.includes('plain-bot'))).toHaveLength(1);
    await page.getByTestId('run-stop').click();
    await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });

    // The answer typed across the drop goes to the bot whole.
    await box.press('Enter');
    await expect(page.getByTestId('attention-item-question')).toHaveCount(0);
    await page.getByTestId('view-log-question-text-bot').click();
    await expect(page.getByTestId('run-log')).toContainText('answer: 42 (from');
  });

  test('two tabs stay in step, and Re-authenticate in one opens one sign-in tab, not one per tab', async () => {
    const { page, host } = setup;
    const context = page.context();
    const other = await context.newPage();
    const otherEvents: string[] = [];
    other.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => otherEvents.push(String(payload))));
    await other.goto(host.pageUrl);
    await expect(other.getByTestId('start-question-bot')).toBeVisible();
    const pagesBefore = context.pages().length;

    const signInTab = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Re-authenticate to Local sandbox' }).click();
    await (await signInTab).close();

    // A question asked in one tab, answered in the other, leaves both. Its events reach the other
    // tab after any tab-opening request the host sent it, on the same socket.
    await page.getByTestId('start-question-bot').click();
    const answered = other.getByTestId('attention-item-question');
    await answered.getByTestId('answer-choice-0').click();
    await expect(page.getByTestId('attention-item-question')).toHaveCount(0);
    await expect(answered).toHaveCount(0);
    expect(otherEvents.filter((text) => text.includes('"event":"openExternal"'))).toEqual([]);
    expect(context.pages()).toHaveLength(pagesBefore);
    await other.close();
  });
});

test('a host killed and started again takes the open page back by itself, with what was typed and focus where it was, once its new page opens', async ({ browser }) => {
  const first = await startBrowserHostProcess();
  let second: Awaited<ReturnType<typeof startBrowserHostProcess>> | undefined;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(first.pageUrl);
    await skipWizard(page);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('add-profile').click();
    const clientId = page.getByTestId('profile-editor').getByRole('textbox', { name: 'Client id' });
    await clientId.fill('ward-7-supervisor');

    const lock = await readInstanceLock(first.dataDir);
    process.kill(lock?.pid ?? -1, 'SIGKILL');
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-status', 'gone', { timeout: 20_000 });
    await expect(status).toContainText('When it opens its new page, this page connects again by itself');
    await expect(clientId).toBeDisabled();

    // Started again on the same data folder, as `npm run start:browser` would: it keeps its port.
    second = await startBrowserHostProcess({ RPA_SUPERVISOR_DATA_DIR: first.dataDir });
    expect(new URL(second.pageUrl).origin).toBe(new URL(first.pageUrl).origin);
    const fresh: Page = await context.newPage();
    await fresh.goto(second.pageUrl);
    await expect(status).toHaveCount(0, { timeout: 20_000 });
    await expect(clientId).toBeEnabled();
    await expect(clientId).toHaveValue('ward-7-supervisor');
    // Disabled while the host was away, the field lost focus; the keyboard user is put back in it.
    await expect(clientId).toBeFocused();
    // The old tab works against the new host, and a reload of it still gets in.
    await page.reload();
    await expect(page.getByTestId('nav-settings')).toBeEnabled();
    await expect(page.getByTestId('connection-status')).toHaveCount(0);
  } finally {
    await context.close();
    await second?.stop();
    await first.stop();
  }
});
