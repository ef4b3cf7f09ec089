import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { testBots, testBotsDir } from './support/test-bots.js';

/**
 * What a person sees under an administrator's locked-down machine policy (S56 covers a broken
 * one): no Local sandbox to choose in the wizard, the administrator's profile locked, no way to
 * add, import, change or delete profiles, the bot that wants its token in the environment
 * refused with the reason on its card, and the policy named in Settings.
 */
let host: BrowserHostProcess;
let policyDir: string;

test.beforeAll(async () => {
  policyDir = mkdtempSync(join(tmpdir(), 'rpa-policy-e2e-'));
  const policyFile = join(policyDir, 'policy.json');
  writeFileSync(
    policyFile,
    JSON.stringify({
      version: 1,
      demoMode: false,
      allowUserProfiles: false,
      profiles: [{ id: 'healthcode-uat', name: 'Healthcode (UAT)', preset: 'healthcodeUat', issuer: 'https://auth.uat.healthcode.co.uk', clientId: 'clinic-rpa' }],
      bots: { allowEnvTokenDelivery: false, allowedFolders: [testBotsDir] },
      updates: { feedUrl: 'https://updates.clinic.example/rpa' },
    }),
  );
  chmodSync(policyFile, 0o644);
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile, RPA_SUPERVISOR_BOTS_DIR: testBotsDir });
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(policyDir, { recursive: true, force: true });
});

test('a locked-down machine policy shows what it allows and hides what it does not', async ({ page }) => {
  await page.goto(host.pageUrl);
  // Profiles are the administrator's: the wizard names who manages them and offers only those,
  // never the provider presets (no sandbox without demo mode) and never a profile to save.
  const wizard = page.getByTestId('wizard');
  await expect(wizard.getByTestId('wizard-profiles-managed')).toContainText('Your administrator manages the provider profiles');
  await expect(wizard.getByTestId('wizard-profiles-managed')).toContainText(join(policyDir, 'policy.json'));
  await expect(wizard.getByTestId('wizard-presets')).toHaveCount(0);
  const managed = wizard.getByTestId('wizard-managed-profiles');
  await expect(managed.getByRole('radio')).toHaveCount(1);
  await expect(managed.getByRole('radio', { name: /Local sandbox/ })).toHaveCount(0);
  await expect(wizard.getByTestId('wizard-next')).toBeDisabled();
  expect(await seriousViolations(page, 'wizard: profiles managed by the machine policy')).toEqual([]);
  await managed.getByRole('radio', { name: 'Healthcode (UAT)' }).check();
  await wizard.getByTestId('wizard-next').click();
  // Straight to the link test: Register and Client id are the administrator's.
  await expect(wizard).toHaveAttribute('data-step', '4');
  await expect(wizard.getByTestId('wizard-error')).toHaveCount(0);
  await expect(wizard.getByTestId('wizard-save-draft')).toHaveCount(0);
  await wizard.getByTestId('wizard-next').click();
  await expect(wizard).toHaveAttribute('data-step', '5');
  await expect(wizard.getByTestId('session-card-healthcode-uat')).toBeVisible();
  await wizard.getByTestId('wizard-back').click();
  await wizard.getByTestId('wizard-back').click();
  await expect(wizard).toHaveAttribute('data-step', '1');
  await page.getByTestId('wizard-skip').click();

  // The bot that wants its token in the environment says why it cannot start.
  const envBot = page.getByTestId(`bot-${testBots.envToken}`);
  await expect(envBot).toContainText('your administrator does not allow');
  await expect(envBot.getByRole('button', { name: 'Start' })).toBeDisabled();

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('profiles-managed')).toBeVisible();
  await expect(page.getByTestId('add-profile')).toHaveCount(0);
  await expect(page.getByTestId('profile-locked-healthcode-uat')).toBeVisible();
  // The wizard saved nothing: the administrator's profile is the only one.
  await expect(page.locator('li.profile-card')).toHaveCount(1);
  await expect(page.getByTestId('edit-profile-healthcode-uat')).toHaveCount(0);
  await expect(page.getByTestId('host-info')).toContainText('Set by your administrator.');
  await expect(page.getByTestId('host-info')).toContainText('https://updates.clinic.example/rpa');
  await expect(page.getByTestId('preferences')).toContainText(`Your administrator allows bots only from: ${testBotsDir}`);
});
