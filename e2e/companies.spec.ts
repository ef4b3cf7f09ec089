import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y/check-accessibility.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { openPartnerSandboxPage, partnerProfile, type PartnerSandboxPage } from './support/partner-sandbox-page.js';
import { demoUser, signInThroughBrowser } from './support/sign-in.js';
import { partnerTestBots, partnerTestBotsDir, testBotsDir } from './support/test-bots.js';

/**
 * The HCSS partner flow against the Local sandbox (RPA_SANDBOX_PARTNER=1), through the real UI:
 * an admin connects the sandbox's demo company by signing in through the browser, a bot working
 * for that company makes the core obtain a company token with the `company` grant, and the
 * company is removed again. The Companies view is also scanned with axe while a company is listed.
 *
 * The host starts with bots that need no company: the core asks for a company token as soon as
 * it checks whether a company's bot could start, so with such a bot listed from the start the
 * "Connected" state would pass before it could be seen.
 */
const companyId = 'demo-clinic-1001';
/** The sandbox's 24-hour token, less the 30-second safety margin the core takes off. */
const tokenLifetimeMs = 24 * 60 * 60_000 - 30_000;

let opened: PartnerSandboxPage;
let host: BrowserHostProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  opened = await openPartnerSandboxPage(browser, testBotsDir);
  ({ host, page } = opened);
  await page.getByTestId('nav-settings').click();
});

test.afterAll(async () => {
  await opened?.close();
});

const companies = () => page.getByTestId('companies');
const company = () => page.getByTestId(`company-${companyId}`);

/** What the page shows for each instant (its own time zone and format); a minute may tick over in between. */
async function shownTimes(...instants: number[]): Promise<string[]> {
  return page.evaluate(
    (times) => times.map((at) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(at)),
    instants,
  );
}

function oneOf(texts: string[]): RegExp {
  return new RegExp(`^(${texts.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

test('the partner profile is built in, and only says that a client secret is stored', async () => {
  const card = page.getByTestId(`profile-${partnerProfile.id}`);
  await expect(card.getByRole('heading', { name: partnerProfile.name })).toBeVisible();
  await expect(card).toContainText('Built in');
  await expect(card).toContainText('Client secret stored');
  await expect(card.getByRole('button', { name: /Edit|Delete/ })).toHaveCount(0);
  await expect(companies()).toContainText(`No companies are connected to ${partnerProfile.name} yet.`);
});

test('an admin connects the demo company by signing in through the browser', async () => {
  const before = Date.now();
  await signInThroughBrowser(page, host, () => companies().getByRole('button', { name: `Connect a company to ${partnerProfile.name}` }).click());
  await expect(company()).toBeVisible();
  const after = Date.now();

  await expect(company()).toContainText(companyId);
  await expect(page.getByTestId(`company-status-${companyId}`)).toHaveText('Connected');
  const connectedBy = (await shownTimes(before, after)).map((time) => `Connected by ${demoUser.name} on ${time}`);
  await expect(company().getByText(/^Connected by /)).toHaveText(oneOf(connectedBy));
  await expect(company().getByText(/^Token valid until/)).toHaveCount(0);
  await expect(companies()).not.toContainText(/No companies are connected to .+ yet\./);
});

test('a bot working for the company gets a company token, and the view shows until when it is valid', async () => {
  const preferences = page.getByTestId('preferences');
  const before = Date.now();
  await preferences.getByTestId('preferences-botsDir').getByRole('textbox').fill(partnerTestBotsDir);
  await page.getByTestId('preferences-save').click();
  await expect(preferences.getByText('Saved.')).toBeVisible();
  await page.getByTestId('nav-overview').click();
  // With several companies connected the card is the only place that says whose data the bot touches.
  await expect(page.getByTestId(`bot-company-${partnerTestBots.companyApi}`)).toHaveText(companyId);
  await expect(page.getByTestId(`bot-${partnerTestBots.companyApi}`).getByText('Acts for company', { exact: true })).toBeVisible();
  await page.getByTestId(`start-${partnerTestBots.companyApi}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  const after = Date.now();
  // The API saw the partner client acting for the company, not the signed-in person.
  await expect(page.getByTestId('run-log')).toContainText('Authorised as (no name) (rpa-supervisor-sandbox-partner)');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId(`company-status-${companyId}`)).toHaveText('Token valid');
  const validUntil = (await shownTimes(before + tokenLifetimeMs, after + tokenLifetimeMs)).map((time) => `Token valid until ${time}`);
  await expect(company().getByText(/^Token valid until/)).toHaveText(oneOf(validUntil));
});

test('the Companies view with a company listed passes axe in light and dark', async () => {
  await expect(company()).toBeVisible();
  const problems = await seriousViolations(page, 'settings: HCSS companies with a company');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
});

test('removing the company asks first, and Cancel keeps it; confirming takes it off the list', async () => {
  const remove = companies().getByRole('button', { name: `Remove company ${companyId}` });
  const dialog = page.getByRole('dialog', { name: `Remove company ${companyId}?` });
  await remove.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('consent again');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(company()).toBeVisible();

  await remove.click();
  await dialog.getByRole('button', { name: 'Remove company' }).click();
  await expect(dialog).toBeHidden();
  await expect(company()).toHaveCount(0);
  // Focus does not fall to the top of the page with the removed entry: it goes to what is next to do.
  await expect(companies().getByRole('button', { name: `Connect a company to ${partnerProfile.name}` })).toBeFocused();
  await expect(companies()).toContainText(/No companies are connected to .+ yet\./);
});
