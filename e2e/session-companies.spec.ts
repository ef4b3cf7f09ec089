import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { findSecrets, labelled } from '../app/test-support/find-secrets.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { connectCompanyWith, setCompanyConsent, type SandboxAccount } from './support/connect-company.js';
import { openPartnerSandboxPage, partnerProfile as profile, type PartnerSandboxPage } from './support/partner-sandbox-page.js';
import { writeWitnessedBotsDir, type WitnessedBotsDir } from './support/token-witness.js';

/**
 * The companies a supervisor's HCSS partner sign-in can act for, on the Overview's sign-in card,
 * each with its token's state in words: the manager of a practice group connects her first clinic
 * (signing in), then her second clinic, whose administrator has removed the app in the HCSS
 * Marketplace, so HCSS refuses its token; the card says so and opens its entry in Settings. The
 * app is added again, the clinic connected again, and its token is live until a time the card
 * gives. Through the browser host and the partner sandbox (RPA_SANDBOX_PARTNER=1), with the
 * practice-group harness (e2e/support/connect-company.ts). The second clinic's bot writes down the
 * company token it is handed, and no view, frame or element carries it.
 */
const manager = { username: 'demo', password: 'demo-password', name: 'Dr Demo Supervisor' };
const managerAtSecondClinic: SandboxAccount = { username: 'demo-1002', password: 'demo-password' };
const [firstClinic, secondClinic] = ['demo-clinic-1001', 'demo-clinic-1002'] as const;
const secondClinicBot = 'clinic-1002-witness';

let opened: PartnerSandboxPage;
let host: BrowserHostProcess;
let bots: WitnessedBotsDir;
let page: Page;
const framesReceived: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // Only the second clinic has a bot: listing it makes the core ask for that clinic's token at
  // once, while the first clinic's token is fetched only when a bot asks.
  bots = writeWitnessedBotsDir([
    {
      manifest: {
        id: secondClinicBot,
        name: 'Who am I (clinic 1002)',
        profileId: profile.id,
        company: secondClinic,
        tokenDelivery: 'broker',
        env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' },
        timeoutMs: 60_000,
      },
      script: { path: resolve(import.meta.dirname, '..', 'bots', 'api-bot', 'api-bot.mjs') },
    },
  ]);
  opened = await openPartnerSandboxPage(browser, bots.dir, {
    beforeLoad: (tab) => tab.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => framesReceived.push(String(payload)))),
  });
  ({ host, page } = opened);
});

test.afterAll(async () => {
  await opened?.close();
  bots?.remove();
});

const card = () => page.getByTestId(`session-card-${profile.id}`);
const listed = () => page.getByTestId(`session-companies-${profile.id}`).getByRole('listitem');
const stateOf = (companyId: string) => page.getByTestId(`session-company-state-${companyId}`);
/** The list's mark on the company she signed in with; the card has no separate Company line. */
const ownMark = () => card().getByTestId(/^session-company-own-/);

async function connect(account: SandboxAccount): Promise<string> {
  await page.getByTestId('nav-settings').click();
  const output = await connectCompanyWith(page, host, profile.name, account);
  await page.getByTestId('nav-overview').click();
  return output;
}

test('signed in by connecting her first clinic: the card lists it, which gets a token when a bot asks', async () => {
  await setCompanyConsent(page, host, secondClinic, 'remove');
  expect(await connect(manager)).toContain(`Signed in as ${manager.name} to ${profile.name}`);
  await expect(card().getByRole('list', { name: 'Companies this sign-in can act for' })).toBeVisible();
  await expect(listed()).toHaveCount(1);
  await expect(stateOf(firstClinic)).toHaveText('Gets a token when a bot asks');
  // She signed in with the first clinic: the list says so, once, instead of a Company line above it.
  await expect(listed()).toHaveText([`${firstClinic} (your sign-in’s company) Gets a token when a bot asks`]);
  await expect(card().getByTestId(`session-company-fact-${profile.id}`)).toHaveCount(0);
  await expect(page.getByTestId(`header-status-${profile.id}`)).toHaveText(`Signed in as ${manager.name} · ${firstClinic}`);
});

test('her second clinic removed the app: HCSS refuses its token, and the card says so beside the first; the header counts both', async () => {
  expect(await connect(managerAtSecondClinic)).toContain(`Connected company ${secondClinic} for ${manager.name}, who stays signed in`);
  await expect(listed()).toHaveCount(2);
  await expect(stateOf(secondClinic)).toHaveText('Refused by HCSS — connect it again');
  await expect(stateOf(firstClinic)).toHaveText('Gets a token when a bot asks');
  await expect(page.getByTestId(`session-company-${secondClinic}`)).toHaveAttribute('data-token', 'refused');
  // Proved with her account at the second clinic, but she stays signed in with the first: it stays marked, and first.
  await expect(ownMark()).toHaveCount(1);
  await expect(page.getByTestId(`session-company-own-${firstClinic}`)).toHaveText('(your sign-in’s company)');
  await expect(listed().first()).toHaveAttribute('data-testid', `session-company-${firstClinic}`);
  await expect(card().getByTestId(`session-company-fact-${profile.id}`)).toHaveCount(0);
  await expect(page.getByTestId(`header-status-${profile.id}`)).toHaveText(`Signed in as ${manager.name} · 2 companies`);
});

test('the card at 1024 and 480 px: every company on view, nothing off the side, and axe passes in light and dark', async () => {
  for (const width of [1024, 480]) {
    await page.setViewportSize({ width, height: 800 });
    for (const companyId of [firstClinic, secondClinic]) await expect(page.getByTestId(`session-company-${companyId}`)).toBeVisible();
    const overflow = await card().evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow, `the sign-in card at ${width} px`).toBeLessThanOrEqual(0);
    const open = page.getByTestId(`session-company-open-${secondClinic}`);
    const box = await open.boundingBox();
    expect(box && box.x + box.width, `Open in Settings at ${width} px`).toBeLessThanOrEqual(width);
    const problems = await seriousViolations(page, `overview: a partner sign-in's companies at ${width} px`);
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  }
  await page.setViewportSize({ width: 1024, height: 800 });
});

test('"Open in Settings" on the refused clinic, by keyboard, puts focus on its entry in Settings → Companies', async () => {
  const open = card().getByRole('button', { name: `Open in Settings for ${secondClinic}` });
  await page.getByTestId('nav-overview').focus();
  await tabTo(page, open);
  await expectVisibleFocusRing(open);
  await page.keyboard.press('Enter');
  const entry = page.getByTestId(`company-${secondClinic}`);
  await expect(entry).toBeFocused();
  await expect(page.getByTestId(`company-status-${secondClinic}`)).toHaveText('Problem');
  await page.getByTestId('nav-overview').click();
});

test('the app added again and the clinic connected again: its token is live until a local time, and its bot runs; no token reaches the page', async () => {
  await setCompanyConsent(page, host, secondClinic, 'add');
  await connect(managerAtSecondClinic);
  await expect(page.getByTestId(`session-company-${secondClinic}`)).toHaveAttribute('data-token', 'live');
  const countdown = page.getByTestId(`session-company-countdown-${secondClinic}`);
  await expect(countdown).toHaveText(/^\d\d:\d\d:\d\d$/);
  const expiresAt = Number(await countdown.getAttribute('data-expires-at'));
  // The page's own zone, hours and minutes, and the day too when that is not today.
  const until = await page.evaluate((at) => {
    const sameDay = new Date(at).toDateString() === new Date().toDateString();
    return new Intl.DateTimeFormat('en-GB', sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  }, expiresAt);
  await expect(stateOf(secondClinic)).toHaveText(`Token live until ${until}`);
  await expect(page.getByTestId(`session-company-open-${secondClinic}`)).toHaveCount(0);

  await page.getByTestId(`start-${secondClinicBot}`).click();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('run-log')).toContainText(`for company ${secondClinic}`);
  const [companyToken] = bots.tokens();
  expect(companyToken).toBeDefined();
  const leaks = findSecrets(
    [
      { where: 'WebSocket frames received', text: framesReceived.join('\n') },
      { where: 'the DOM', text: await page.content() },
    ],
    labelled('company token', bots.tokens()),
  );
  expect(leaks).toEqual([]);
  // The frames did carry the session's companies, times and states.
  expect(framesReceived.some((frame) => frame.includes('"token":"live"') && frame.includes(`"tokenExpiresAt":${expiresAt}`))).toBe(true);

  await page.setViewportSize({ width: 480, height: 800 });
  await expect(stateOf(secondClinic)).toBeVisible();
  const problems = await seriousViolations(page, "overview: a partner sign-in's live company at 480 px");
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 800 });
});
