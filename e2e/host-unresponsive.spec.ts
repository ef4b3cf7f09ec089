import { expect, test } from '@playwright/test';
import { readInstanceLock } from '../main/browser/instance-lock.js';
import { hostPingEveryMs, hostSilentAfterMs } from '../renderer/transport/host-silence-watch.js';
import { startBrowserHostProcess } from './support/browser-host-process.js';
import { skipWizard } from './support/sign-in.js';

/**
 * A browser host that stops answering without closing its socket (its process suspended, as a
 * frozen or swapped-out program is): the page says so within about 20 s instead of showing its
 * last state as live, refuses clicks at once rather than leaving them to run whenever the host
 * recovers, and goes back to normal by itself, with fresh state, when the host answers again.
 * A real host process, stopped with SIGSTOP and resumed with SIGCONT, and real Chromium; only the
 * page's clock is Playwright's, so the silence is run through at once instead of waited out.
 */
test.describe.configure({ timeout: 120_000 });

test('a host that stops answering is said to be not responding; a click meanwhile is refused at once; it recovers by itself', async ({ browser }) => {
  const host = await startBrowserHostProcess();
  const context = await browser.newContext();
  // Ticks on its own like the real one until told to run ahead.
  await context.clock.install();
  let pid: number | undefined;
  try {
    const page = await context.newPage();
    await page.goto(host.pageUrl);
    await skipWizard(page);
    await expect(page.getByTestId('connection-status')).toHaveCount(0);
    pid = (await readInstanceLock(host.dataDir))?.pid;
    expect(pid).toBeGreaterThan(0);

    process.kill(pid!, 'SIGSTOP');
    // Every ping the page sends in that time, with a beat to spare, each judged at its own (fake) time.
    await context.clock.runFor(hostSilentAfterMs + 2 * hostPingEveryMs);
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-status', 'unresponsive', { timeout: 30_000 });
    await expect(status).toContainText('RPA Supervisor is not responding');

    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    await expect(page.getByText('RPA Supervisor is not responding. Wait, then try again.')).toBeVisible();

    process.kill(pid!, 'SIGCONT');
    pid = undefined;
    await expect(status).toHaveCount(0, { timeout: 20_000 });
    // Commands work again.
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('add-profile')).toBeEnabled();
  } finally {
    // A suspended host would never act on the SIGTERM that stops it.
    if (pid !== undefined) process.kill(pid, 'SIGCONT');
    await context.close();
    await host.stop();
  }
});
