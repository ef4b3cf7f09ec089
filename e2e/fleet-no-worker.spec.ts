import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { redisServerMissing, startTestRedis } from '../app/fleet/testing/redis-server.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess } from './support/browser-host-process.js';
import { fleetPolicy } from './support/fleet-policy.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { fleetTestBots, fleetTestBotsDir } from './support/test-bots.js';

/**
 * Fleet mode with no approved worker for a bot's pool, or none of them up (docs/fleet.md, "A pool
 * no worker takes"): the run waits, and the app says why and what to do, in its queue entry and in
 * Needs attention, instead of "Waiting for a worker" for ever.
 */
test.skip(redisServerMissing(), 'redis-server is not installed (CI installs it)');
test.setTimeout(120_000);

/**
 * Signs in on a fresh browser host in fleet mode (the policy's fleet section plus `fleet`), starts
 * the ward-round bot, runs `check` on the page, then stops the run and expects `item` to go.
 */
async function withWaitingWardRun(browser: Browser, fleet: Record<string, unknown>, check: (page: Page) => Promise<Locator>): Promise<void> {
  const redis = await startTestRedis();
  const policy = fleetPolicy(redis.url, fleet);
  const host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policy.file, RPA_SUPERVISOR_BOTS_DIR: fleetTestBotsDir });
  const page = await (await browser.newContext()).newPage();
  try {
    await page.goto(host.pageUrl);
    await skipWizard(page);
    await signInToSandbox(page, host);
    await page.getByTestId(`start-${fleetTestBots.wardRound}`).click();
    const item = await check(page);
    await page.getByTestId(`stop-${fleetTestBots.wardRound}`).click();
    await expect(item).toHaveCount(0);
  } finally {
    await page.context().close();
    await host.stop();
    await redis.stop();
    policy.dispose();
  }
}

test('a run for a pool no approved worker takes says so in the queue and in Needs attention, and the item goes when the run is stopped', async ({ browser }) => {
  await withWaitingWardRun(browser, {}, async (page) => {
    const queued = page.getByTestId('queued-runs');
    await expect(queued).toContainText('Waiting for a worker');
    await expect(queued.locator('[data-testid^="queued-no-worker-"]')).toHaveText('No approved worker takes pool ward: approve one in Settings → Workers.');
    const item = page.getByTestId('attention-item-noWorkerForPool');
    await expect(item).toContainText('No approved worker takes pool ward');
    await expect(item.getByTestId('attention-body')).toHaveText('Ward round list waits for one. Approve a worker with pool ward in Settings → Workers, or set the bot to run on this computer there.');
    expect(await seriousViolations(page, 'Needs attention: no worker for a pool')).toEqual([]);
    return item;
  });
});

test('a run for a pool whose approved worker is not up names the worker and what to do, in the queue and in Needs attention', async ({ browser }) => {
  // Approved by the machine policy, and never started: no heartbeat has ever been read.
  await withWaitingWardRun(browser, { approvedWorkers: [{ fingerprint: 'WARD-PC00-0000-0001', name: 'Ward PC 1', pools: ['ward'] }] }, async (page) => {
    const queued = page.getByTestId('queued-runs');
    await expect(queued.locator('[data-testid^="queued-workers-down-"]')).toHaveText('No worker of pool ward is up: start the worker program on Ward PC 1.');
    await expect(queued.locator('[data-testid^="queued-no-worker-"]')).toHaveCount(0);
    const item = page.getByTestId('attention-item-poolWorkersDown');
    await expect(item).toContainText('No worker of pool ward is up');
    await expect(item.getByTestId('attention-body')).toHaveText("Ward round list waits for one. Start the worker program on Ward PC 1, or check that it reaches the fleet's server.");
    await expect(item.getByTestId('attention-workers-heard')).toHaveText('Not heard from since this app started');
    expect(await seriousViolations(page, 'Needs attention: no worker of a pool up')).toEqual([]);
    return item;
  });
});
