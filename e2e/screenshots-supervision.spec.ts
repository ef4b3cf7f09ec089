import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dismissMemoryOnlyNotice, screenshotSpec, screenshotPageOptions, scrollToTop, shoot } from './support/screenshot-kit.js';
import { startBrowserHostProcess } from './support/browser-host-process.js';
import { signInToSandbox, skipWizard } from './support/sign-in.js';
import { queueTestBots, queueTestBotsDir, testBotsDir } from './support/test-bots.js';

/**
 * @screenshots of the supervisor's day (issue 13), beside e2e/screenshots.spec.ts and made the
 * same way by `npm run screenshots` (RPA_SCREENSHOTS=1): the attention strip and a toast, a bot's question,
 * the approval dialog, a paused run, an unanswered "Still supervising?" check, and the schedule,
 * shortcut and absence-policy editors.
 */
screenshotSpec();

let page: Page;

test('@screenshots the attention strip, a question, the approval dialog and a paused run', async ({ browser }) => {
  const policyDir = await mkdtemp(join(tmpdir(), 'rpa-policy-'));
  const policyFile = join(policyDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ version: 1, supervision: { idleAfterMs: 0 } }));
  const supervisionHost = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'supervision'), RPA_SUPERVISOR_POLICY_FILE: policyFile });
  try {
    page = await browser.newPage(screenshotPageOptions);
    await page.goto(supervisionHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await signInToSandbox(page, supervisionHost);
    await page.getByTestId('start-remittance-import').click();
    await expect(page.getByTestId('attention-item-runFailed')).toBeVisible();
    await page.mouse.move(0, 0);
    await scrollToTop(page);
    await shoot(page, 'attention-strip', { also: ['dark', '480'] });
    await page.getByTestId('attention-item-runFailed').getByTestId('attention-acknowledge').click();

    // A failure while Run history is open: the strip is out of sight, so it comes as a toast.
    await page.getByTestId('nav-runs').click();
    await page.locator('tbody tr').filter({ hasText: 'Remittance import' }).first().getByRole('button').click();
    await page.getByTestId('run-again').click();
    await expect(page.getByTestId('attention-toast')).toContainText('Remittance import failed');
    await page.mouse.move(0, 0);
    await shoot(page, 'attention-toast', { toasts: true });
    await page.getByTestId('attention-toast').getByTestId('attention-toast-open').click();
    await page.locator('[data-testid="attention-item-runFailed"]:focus').getByTestId('attention-acknowledge').click();

    await page.getByTestId('start-question-bot').click();
    await expect(page.getByTestId('attention-item-question').getByTestId('attention-body')).toBeVisible();
    await scrollToTop(page);
    await shoot(page, 'bot-question', { also: ['480'] });
    await page.getByTestId('attention-item-question').getByTestId('answer-choice-0').click();

    await page.getByTestId('start-approval-bot').click();
    await page.getByTestId('attention-item-approval').getByTestId('approval-review').click();
    await expect(page.getByTestId('approval-dialog')).toBeVisible();
    await shoot(page, 'approval-dialog', { also: ['dark', '480'] });
    await page.getByTestId('approval-dialog').getByTestId('approval-approve').click();

    await page.getByTestId('start-steps-bot').click();
    await expect(page.getByTestId('run-log')).toContainText('step 2');
    await page.getByTestId('run-pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('Paused');
    await page.getByTestId('run-status').scrollIntoViewIfNeeded();
    await shoot(page, 'paused-run', { subject: page.getByTestId('run-log-panel') });
    await page.getByTestId('run-stop').click();
  } finally {
    await page.close();
    await supervisionHost.stop();
    await rm(policyDir, { recursive: true, force: true });
  }
});

test('@screenshots the schedule editor, the start priority and the global shortcuts', async ({ browser }) => {
  const editorHost = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: queueTestBotsDir });
  try {
    page = await browser.newPage(screenshotPageOptions);
    await page.goto(editorHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await page.getByTestId(`schedule-edit-${queueTestBots.daily}`).click();
    await page.getByTestId(`schedule-cron-${queueTestBots.daily}`).getByRole('textbox').fill('0 9 * * 1-5');
    await page.getByTestId(`bot-${queueTestBots.daily}`).scrollIntoViewIfNeeded();
    await shoot(page, 'schedule-editor');
    await page.getByTestId(`schedule-save-${queueTestBots.daily}`).click();
    await expect(page.getByTestId(`bot-schedule-next-${queueTestBots.daily}`)).toBeVisible();
    await page.getByTestId(`bot-${queueTestBots.daily}`).scrollIntoViewIfNeeded();
    await shoot(page, 'schedule-set');

    // The desktop app's view of the preferences: the browser host has no global shortcuts.
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((raw) => server.send(raw));
      server.onMessage((raw) => {
        const message = JSON.parse(String(raw)) as { event?: string; payload?: { preferences?: Record<string, unknown> }; value?: { preferences?: Record<string, unknown> } };
        const preferences = message.event === 'state' ? message.payload?.preferences : message.value?.preferences;
        if (preferences) preferences.hotkeys = { enabled: true, stopAll: 'CommandOrControl+Alt+Shift+S', pauseAll: 'CommandOrControl+Alt+Shift+P', pauseAllOffered: true };
        ws.send(JSON.stringify(message));
      });
    });
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('hotkeys').scrollIntoViewIfNeeded();
    await shoot(page, 'settings-hotkeys');
    await page.getByTestId('add-profile').click();
    await page.getByTestId('profile-absencePolicy').scrollIntoViewIfNeeded();
    await shoot(page, 'profile-absence-policy');
  } finally {
    await page.close();
    await editorHost.stop();
  }
});

test('@screenshots an unanswered "Still supervising?": the away banner, the check and a bot waiting', async ({ browser }) => {
  const policyDir = await mkdtemp(join(tmpdir(), 'rpa-policy-'));
  const policyFile = join(policyDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ version: 1, supervision: { idleAfterMs: 0, attestEveryMs: 5000, attestWithinMs: 3000 } }));
  const attestHost = await startBrowserHostProcess({ RPA_SUPERVISOR_BOTS_DIR: resolve(testBotsDir, 'supervision'), RPA_SUPERVISOR_POLICY_FILE: policyFile });
  try {
    page = await browser.newPage(screenshotPageOptions);
    await page.goto(attestHost.pageUrl);
    await skipWizard(page);
    await dismissMemoryOnlyNotice(page);
    await signInToSandbox(page, attestHost);
    await page.getByTestId('start-steps-bot').click();
    await expect(page.getByTestId('attention-item-attestation')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('presence-away')).toContainText('went unanswered', { timeout: 15_000 });
    await expect(page.getByTestId('run-status')).toHaveText('Waiting for supervisor', { timeout: 15_000 });
    await page.mouse.move(0, 0);
    await scrollToTop(page);
    await shoot(page, 'still-supervising', { also: ['dark', '480'] });
    await page.getByTestId('attest-presence').click();
    await expect(page.getByTestId('run-status')).toHaveText('Running');
    await page.getByTestId('run-stop').click();
  } finally {
    await page.close();
    await attestHost.stop();
    await rm(policyDir, { recursive: true, force: true });
  }
});
