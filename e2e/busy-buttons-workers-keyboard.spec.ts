import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { redisServerMissing, startTestRedis, type TestRedis } from '../app/fleet/testing/redis-server.js';
import { makeTestWorker } from '../app/fleet/testing/test-workers.js';
import { systemClock } from '../app/ports/clock.js';
import { nullLogger } from '../app/ports/logger.js';
import { WorkerAgent } from '../main/worker/worker-agent.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { expectNoneDisabled, pressWhileHeld } from './support/busy-button.js';
import { gateCommands, type CommandGate } from './support/command-gate.js';
import { watchForDisabledButtons } from './support/disabled-button-witness.js';
import { skipWizard } from './support/sign-in.js';
import { testBotsDir } from './support/test-bots.js';
import { RedisClients } from './support/redis-clients.js';

/**
 * Settings → Workers by keyboard while Approve and Remove take their time (held on the page's
 * WebSocket by support/command-gate.ts), with fleet mode on under a machine policy, a real
 * redis-server and one real worker agent. Approve, and Remove behind its confirmation, keep focus
 * while their command is on its way (aria-disabled with the progress cursor, never `disabled`,
 * which drops focus to the page), and a second press sends nothing.
 */
test.skip(redisServerMissing(), 'redis-server is not installed (CI installs it)');
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let redis: TestRedis;
let host: BrowserHostProcess;
let policyDir: string;
let agent: WorkerAgent;
let context: BrowserContext;
let page: Page;
let gate: CommandGate;
let clients: RedisClients;
const worker = makeTestWorker('Ward PC 5');

test.beforeAll(async ({ browser }) => {
  redis = await startTestRedis();
  clients = new RedisClients(redis.url);
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-busy-fleet-'));
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, fleet: { enabled: true, redisUrl: redis.url, leaseTtlMs: 30_000 } }));
  chmodSync(policyFile, 0o644);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile, RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
  agent = new WorkerAgent({
    name: 'Ward PC 5', pools: ['ward'], identity: worker.identity, ...clients.forAgent(),
    resolveBot: () => undefined, clock: systemClock, logger: nullLogger,
  });
  await agent.start();
  context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  page = await context.newPage();
  // On every socket the page opens, so installed before the app loads.
  gate = await gateCommands(page);
  await page.goto(host.pageUrl);
  await skipWizard(page);
  await page.getByTestId('nav-settings').click();
});

test.afterAll(async () => {
  await context?.close();
  await agent?.close();
  clients?.disconnectAll();
  await host?.stop();
  await redis?.stop();
  rmSync(policyDir, { recursive: true, force: true });
  worker.dispose();
});

test('Approve keeps focus while the approval is sent', async () => {
  const panel = page.getByTestId('workers-panel');
  const pending = panel.getByTestId(`pending-worker-${worker.identity.fingerprint}`);
  // The panel reads the list again every few seconds: the worker enrolled before the page opened.
  await expect(pending).toBeVisible({ timeout: 20_000 });
  const disabled = await watchForDisabledButtons(page);
  const approve = pending.getByRole('button', { name: `Approve worker ${worker.identity.fingerprint}` });
  await approve.focus();
  await pressWhileHeld(page, gate, approve, 'approveWorker');
  gate.release('approveWorker');
  await expect(panel.getByTestId(`approved-worker-${worker.identity.fingerprint}`)).toBeVisible();
  await expect(pending).toHaveCount(0);
  // No other worker waits: focus is on the approved workers' heading, where the worker now is.
  await expect(panel.getByTestId('approved-workers-heading')).toBeFocused();
  await expectNoneDisabled(disabled, /^approve-worker$/);
});

test('Remove stays focusable behind its confirmation while the removal is sent', async () => {
  const panel = page.getByTestId('workers-panel');
  const disabled = await watchForDisabledButtons(page);
  const remove = panel.getByRole('button', { name: 'Remove Ward PC 5' });
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('remove-worker-dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  const confirm = dialog.getByRole('button', { name: 'Remove worker' });
  await pressWhileHeld(page, gate, confirm, 'removeWorker');
  // Behind the dialog, Remove waits with it, still focusable for when the dialog gives focus back.
  await expect(remove).toHaveAttribute('aria-disabled', 'true');
  await expect(remove).not.toHaveAttribute('disabled');
  gate.release('removeWorker');
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId(`approved-worker-${worker.identity.fingerprint}`)).toHaveCount(0);
  await expect(panel.getByTestId('workers-done')).toContainText('Ward PC 5 was removed');
  await expectNoneDisabled(disabled, /^remove-worker-/);
});
