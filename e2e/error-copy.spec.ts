import { expect, test, type WebSocketRoute } from '@playwright/test';
import type { CommandName, ErrorView, NoticeView } from '../app/common/contract.js';
import { errorCatalogue, errorMessage, type ErrorCode } from '../app/common/error-catalogue.js';
import { errorHeadline } from '../app/common/error-headline.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';

/**
 * Copy: every user-visible error comes from the one catalogue (app/common/error-catalogue.ts),
 * whether the core, the preload or the page raised it (connection, form checks, clipboard, link
 * test), and the UI shows each with its code. The catalogue is read at run time, so a new code is
 * covered the moment it is added.
 *
 * The real page talks to the real browser host; the test sits on the WebSocket (routeWebSocket)
 * and adds one notice per code to the state the core sends, so every message renders through
 * the one ErrorMessage component; then it answers "Sign in" with a sample of errors, to show the
 * command alert uses the same component. Last, a local error is raised where it really occurs
 * (a refused clipboard) to show the page's own errors take the same path.
 */
let host: BrowserHostProcess;

test.beforeAll(async () => {
  host = await startBrowserHostProcess();
});

test.afterAll(async () => {
  await host?.stop();
});

/** Placeholder arguments: distinct, so a message that drops an argument still shows. */
function render(code: ErrorCode, factory: (...args: string[]) => string): ErrorView {
  const args = Array.from({ length: factory.length }, (_, index) => `‹${index + 1}›`);
  return { code, message: factory(...args) };
}

const allErrors: ErrorView[] = (Object.keys(errorCatalogue) as ErrorCode[]).map((code) => render(code, errorCatalogue[code] as (...args: string[]) => string));

interface Envelope {
  kind: string;
  requestId?: number;
  command?: CommandName;
  event?: string;
  ok?: boolean;
  value?: unknown;
  payload?: unknown;
}

function withNotices(state: { notices: NoticeView[] }): void {
  state.notices = [
    ...state.notices,
    ...allErrors.map((error, index) => ({ id: `copy-${error.code}`, level: 'error' as const, code: error.code, message: error.message, at: index })),
  ];
}

test('every code is a stable identifier, and every message a sentence', () => {
  for (const { code, message } of allErrors) {
    expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(message, code).toMatch(/^[A-Z‹].*\.$/s);
  }
});

test('every catalogue error renders with its message and code', async ({ page }) => {
  expect(allErrors.length).toBeGreaterThan(20);
  // The alert uses the same ErrorMessage component as notices; a sample proves the wiring: the
  // first and last codes, and one the page raises itself.
  const alertSample = [allErrors[0], allErrors.at(-1), allErrors.find((error) => error.code === 'not_connected')].filter((error): error is ErrorView => error !== undefined);
  const signInErrors = [...alertSample];
  const getStateRequests = new Set<number>();

  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as Envelope;
      if (message.kind === 'invoke' && message.command === 'getState' && message.requestId !== undefined) getStateRequests.add(message.requestId);
      if (message.kind === 'invoke' && message.command === 'signIn' && message.requestId !== undefined) {
        const error = signInErrors.shift();
        if (error) {
          ws.send(JSON.stringify({ kind: 'result', requestId: message.requestId, ok: false, error }));
          return;
        }
      }
      server.send(raw);
    });
    server.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as Envelope;
      if (message.kind === 'event' && message.event === 'state') withNotices(message.payload as { notices: NoticeView[] });
      if (message.kind === 'result' && message.ok && message.requestId !== undefined && getStateRequests.has(message.requestId)) {
        withNotices(message.value as { notices: NoticeView[] });
      }
      ws.send(JSON.stringify(message));
    });
  });

  await page.goto(host.pageUrl);
  // Notices: all at once, read back in one go.
  await expect(page.getByTestId(`notice-copy-${allErrors.at(-1)?.code}`)).toBeVisible();
  const shown = await page.locator('[data-testid^="notice-copy-"]').evaluateAll((notices) =>
    notices.map((notice) => ({
      code: notice.getAttribute('data-code'),
      first: notice.querySelector('.error-message__text')?.textContent,
      detail: notice.querySelector('.error-message__detail')?.textContent ?? null,
      label: notice.querySelector('.error-message__code')?.textContent,
    })),
  );
  // Plain words first where the page has them; the catalogue's message then sits behind Details.
  expect(shown).toEqual(
    allErrors.map((error) => {
      const plain = errorHeadline(error.code);
      return { code: error.code, first: plain ?? error.message, detail: plain === undefined ? null : error.message, label: `Error code: ${error.code}` };
    }),
  );

  // The command alert: errors in turn, as the answer to a click.
  const alert = page.getByTestId('command-error');
  for (const error of alertSample) {
    await page.getByTestId('header-sign-in-sandbox').click();
    const plain = errorHeadline(error.code);
    await expect(alert.locator('.error-message__text')).toHaveText(plain ?? error.message);
    await expect(alert.locator('.error-message__details')).toBeHidden();
    await alert.getByRole('button', { name: 'Details' }).click();
    await expect(alert.locator('.error-message__details')).toHaveText(`${plain === undefined ? '' : `${error.message} `}Error code: ${error.code}`);
    await expect(alert).toHaveAttribute('data-code', error.code);
  }
  expect(signInErrors).toEqual([]);
});

test('an error the page raises itself takes the same path: a refused clipboard', async ({ page }) => {
  // Refuse the Clipboard API the way a permission policy would.
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) } });
  });
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('wizard')).toBeVisible();
  await page.getByRole('radio', { name: 'Local sandbox (try it out)' }).check();
  // The redirect URI to register is the wizard's second step.
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-copy-redirect-uri').click();
  const feedback = page.getByTestId('wizard-copy-redirect-uri-feedback').locator('.error-message');
  await expect(feedback).toHaveAttribute('data-code', 'redirect_uri_not_copied');
  await expect(feedback.locator('.error-message__text')).toHaveText(errorMessage('redirect_uri_not_copied'));
  await expect(feedback.locator('.error-message__code')).toHaveText('Error code: redirect_uri_not_copied');
});
