import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { seriousViolations } from './a11y/check-accessibility.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { connectCompanyWith, type SandboxAccount } from './support/connect-company.js';
import { openPartnerSandboxPage, partnerProfile as profile, type PartnerSandboxPage } from './support/partner-sandbox-page.js';
import { testBotsDir } from './support/test-bots.js';

/**
 * A practice group's manager with two clinics, two HCSS companies, through the real UI against
 * the partner sandbox (RPA_SANDBOX_PARTNER=1) and its practice-group accounts. One HCSS account
 * names one company, so she connects the second clinic with her account there: the provider
 * shows its login page although this browser is already signed in to it, she stays the one
 * signed in, and both clinics' bots run under her session. Then a colleague at the first clinic
 * connects it with her own account, which adds her without taking the clinic from the manager.
 */
const manager = { username: 'demo', password: 'demo-password', name: 'Dr Demo Supervisor' };
const managerAtSecondClinic = { username: 'demo-1002', password: 'demo-password', subject: 'demo-user-1002' };
const colleague = { username: 'colleague', password: 'colleague-password', name: 'Nurse Demo Colleague' };
const clinics = ['demo-clinic-1001', 'demo-clinic-1002'] as const;
const botOf = (company: string) => `clinic-${company.slice(-4)}-bot`;

let opened: PartnerSandboxPage;
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  opened = await openPartnerSandboxPage(browser, resolve(testBotsDir, 'practice-group'));
  ({ host, page } = opened);
  await page.getByTestId('nav-settings').click();
});

test.afterAll(async () => {
  await opened?.close();
});

const companies = () => page.getByTestId('companies');
const connectButton = () => companies().getByRole('button', { name: `Connect a company to ${profile.name}` });
const hint = () => page.getByTestId(`connect-company-for-${profile.id}`);

/** Connect a company with `account` (e2e/support/connect-company.ts). Returns the launcher's line. */
const connectWith = (account: SandboxAccount): Promise<string> => connectCompanyWith(page, host, profile.name, account);

test('nobody signed in: connecting the first clinic signs the manager in', async () => {
  await expect(hint()).toHaveText('Nobody is signed in to this profile: the account you connect with also signs you in.');
  expect(await connectWith(manager)).toContain(`Signed in as ${manager.name} to ${profile.name} (company ${clinics[0]}).`);
  await expect(page.getByTestId(`company-${clinics[0]}`)).toBeVisible();
  await expect(hint()).toHaveText(`Signed in as ${manager.name}. A company you connect is connected for ${manager.name}, who stays signed in, even if you prove it with another HCSS account.`);
});

test('the second clinic is connected with her account there; the login page asks again, and she stays signed in', async () => {
  const output = await connectWith(managerAtSecondClinic);
  expect(output).toContain(`Connected company ${clinics[1]} for ${manager.name}, who stays signed in to ${profile.name}.`);
  const second = page.getByTestId(`company-${clinics[1]}`);
  await expect(second).toBeVisible();
  await expect(second.getByText(/^Connected by /)).toHaveText(new RegExp(`^Connected by ${manager.name} on `));
  await expect(second).toContainText(`Verified with the HCSS account of ${manager.name} (${managerAtSecondClinic.subject})`);
  // The first clinic is untouched, and the Connect button says whom a company would be connected for.
  await expect(page.getByTestId(`company-${clinics[0]}`).getByText('Verified with')).toHaveCount(0);
  await expect(connectButton()).toHaveAccessibleDescription(new RegExp(`^Signed in as ${manager.name}\\.`));
});

test('both clinics\u2019 bots run under her one session, each with its own company\u2019s token', async () => {
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId(`session-card-${profile.id}`)).toContainText(manager.name);
  for (const company of clinics) {
    await expect(page.getByTestId(`bot-company-${botOf(company)}`)).toHaveText(company);
    await page.getByTestId(`start-${botOf(company)}`).click();
    await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
    await expect(page.getByTestId('run-log')).toContainText(`for company ${company}`);
    await expect(page.getByTestId(`bot-status-${botOf(company)}`)).toHaveText('Succeeded');
  }
});

test('a colleague at the first clinic connects it with her own account; the manager keeps it, and the list says both', async () => {
  // The manager has gone home: she signs out, and the colleague connects the clinic herself.
  await page.getByTestId(`sign-out-${profile.id}`).click();
  await expect(page.getByTestId(`session-status-${profile.id}`)).toHaveText('Signed out');
  await page.getByTestId('nav-settings').click();
  expect(await connectWith(colleague)).toContain(`Signed in as ${colleague.name} to ${profile.name} (company ${clinics[0]}).`);
  const first = page.getByTestId(`company-${clinics[0]}`);
  await expect(first.getByText(/^Connected by /)).toHaveText(new RegExp(`^Connected by ${manager.name} on `));
  await expect(first.getByText(/^Also connected by /)).toHaveText(new RegExp(`^Also connected by ${colleague.name} on .+; their sign-in can use it too$`));
  await expect(page.getByTestId(`company-${clinics[1]}`).getByText(/^Also connected by /)).toHaveCount(0);
});

test('the Companies view with two clinics and two people passes axe in light and dark, at 1024 and 480 px', async () => {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    await expect(page.getByTestId(`company-${clinics[1]}`)).toBeVisible();
    const problems = await seriousViolations(page, `settings: a practice group's companies at ${width} px`);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    // Nothing of a company's entry runs off the side at this width.
    const overflow = await page.getByTestId('companies').evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});
