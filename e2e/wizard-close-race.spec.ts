import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';

/**
 * Closing the wizard lands on the Overview once, as it closes; a section the user picks after it
 * has gone stays picked. The state that closes the wizard can reach the page before the answer
 * to the save that closed it (a busy machine did exactly that): the test holds that answer back
 * on the real page's socket until the user has moved on, so the order is certain.
 */
let host: BrowserHostProcess;
let page: Page;

interface Envelope {
  kind: string;
  requestId?: number;
  command?: string;
  input?: { wizardCompleted?: boolean };
}

test.beforeAll(async ({ browser }) => {
  host = await startBrowserHostProcess();
  page = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.stop();
});

test('a section picked as the wizard closes is not taken back when the save is answered', async () => {
  let saveRequestId: number | undefined;
  let releaseAnswer!: () => void;
  const answerReleased = new Promise<void>((resolve) => (releaseAnswer = resolve));
  let answerHeld!: () => void;
  const held = new Promise<void>((resolve) => (answerHeld = resolve));
  // The state the page asks for once the save is answered (the old code moved to the Overview after it).
  let refreshRequestId: number | undefined;
  let refreshAnswered!: () => void;
  const refreshed = new Promise<void>((resolve) => (refreshAnswered = resolve));
  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as Envelope;
      if (message.kind === 'invoke' && message.command === 'savePreferences' && message.input?.wizardCompleted === true) saveRequestId = message.requestId;
      if (message.kind === 'invoke' && message.command === 'getState' && saveRequestId !== undefined && refreshRequestId === undefined) refreshRequestId = message.requestId;
      server.send(raw);
    });
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as Envelope;
      if (message.kind === 'result' && saveRequestId !== undefined && message.requestId === saveRequestId) {
        answerHeld();
        void answerReleased.then(() => ws.send(raw));
        return;
      }
      ws.send(raw);
      if (message.kind === 'result' && refreshRequestId !== undefined && message.requestId === refreshRequestId) refreshAnswered();
    });
  });
  await page.goto(host.pageUrl);
  await page.getByTestId('wizard-skip').click();
  await held;
  // The pushed state has closed the wizard while the save's answer is still on its way.
  await expect(page.getByTestId('wizard')).toHaveCount(0);
  await page.getByTestId('nav-settings').click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'settings');
  releaseAnswer();
  // The answer, then the refresh it starts, come and go; two frames later React has committed
  // whatever they changed, and the page is still where the user went.
  await refreshed;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'settings', { timeout: 1000 });
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
});
