import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startDroppingPort } from '../app/audit/forwarding/test-support/tls-front.js';
import { findSecrets, labelled } from '../app/test-support/find-secrets.js';
import { freePort, RsyslogCollector, rsyslogMissing } from '../app/test-support/rsyslog-collector.js';
import { seriousViolations } from './a11y/check-accessibility.js';
import { expectVisibleFocusRing, tabTo } from './a11y/keyboard.js';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';
import { demoUser, signInToSandbox, skipWizardIfShown } from './support/sign-in.js';

/**
 * Audit forwarding as the clinic's IT admin lives with it, at 480 px and by keyboard alone: a
 * collector set up wrong (plain TCP to a port that reads nothing) is said in Settings as it
 * happens, with what to fix and since when; the collector coming back gets every record once, in
 * order, as RFC 5424 with the person named and no secret; switching off with records waiting says
 * they are kept; a machine policy locks the form and says why. The collector is a real Debian
 * rsyslog; the sign-in before it is set-up, done with the mouse as elsewhere. The forwarder tries
 * again after 50 ms, doubling up to half a second (RPA_TEST_AUDIT_FORWARD_*), rather than from
 * half a second up to 30 s, and the page's clock is Playwright's, run on to the panel's next read
 * of the status: the collector's return is seen without waiting out a back-off or a refresh.
 */
const skip = rsyslogMissing();
test.skip(skip, 'rsyslog is not installed (apt-get install rsyslog)');
test.use({ locale: 'en-US' });

let host: BrowserHostProcess;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rpa-forwarding-e2e-'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** At least the settings panel's refresh period: it reads the forwarding status from the core every 3 s. */
const statusReadEveryMs = 3000;

/**
 * Waits until the status says `state`, as the core's forwarder gets there by itself: each turn
 * runs the page's clock on to the panel's next read of the status rather than waiting for it.
 */
async function untilState(page: Page, state: string, timeout: number): Promise<void> {
  const status = page.getByTestId('audit-forwarding-status');
  await expect(async () => {
    await page.clock.runFor(statusReadEveryMs);
    await expect(status).toHaveAttribute('data-state', state, { timeout: 1_000 });
  }).toPass({ timeout });
}

async function reach(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target, 120);
  await expectVisibleFocusRing(target);
}

/** What scrolls sideways at this width: the page, or a line of the forwarding section. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push(`page: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const element of document.querySelectorAll('[data-testid="audit-settings"] dd, [data-testid="audit-settings"] p')) {
      if (element.scrollWidth > element.clientWidth + 1) found.push(`${element.textContent?.slice(0, 40) ?? ''}: ${element.scrollWidth} > ${element.clientWidth}`);
    }
    return found;
  });
}

test('an IT admin sets forwarding up by keyboard at 480 px: a port that reads nothing is said live with what to fix; the collector back gets every record once, named and without secrets; off keeps what waits', async ({ page }) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const dropping = await startDroppingPort(port);
  host = await startBrowserHostProcess({ RPA_TEST_AUDIT_FORWARD_BACKOFF_MS: '50', RPA_TEST_AUDIT_FORWARD_MAX_BACKOFF_MS: '500' });
  await page.setViewportSize({ width: 480, height: 900 });
  // Ticks on its own like the real one until told to run ahead.
  await page.clock.install();
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  const callback = await signInToSandbox(page, host);

  await page.locator('body').focus();
  await reach(page, page.getByTestId('nav-settings'));
  await page.keyboard.press('Enter');
  const status = page.getByTestId('audit-forwarding-status');
  await expect(status).toHaveAttribute('data-state', 'off');
  const hostField = page.getByTestId('audit-forwarding-host').locator('input');
  await reach(page, hostField);
  await page.keyboard.type('127.0.0.1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(port));
  await page.keyboard.press('Tab');
  const tls = page.getByTestId('audit-settings').getByRole('checkbox');
  await expect(tls).toBeFocused();
  await page.keyboard.press('Space');
  await expect(tls).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('audit-forwarding-save')).toBeFocused();
  await page.keyboard.press('Enter');

  // Nothing on this page is touched again: the state comes from the core as it changes.
  await untilState(page, 'retrying', 20_000);
  await expect(status.locator('[aria-live="polite"]')).toHaveText('Collector not answering');
  await expect(page.getByTestId('audit-forwarding-progress')).toContainText(/^The collector has no record yet; \d+ waiting on this computer\. Not answering since /);
  await expect(page.getByTestId('audit-forwarding-last-error')).toContainText(`at 127.0.0.1:${port} (it closed the connection without reading the records, as a TLS-only port does with plain TCP: turn TLS on if the collector expects it`);
  expect(await sidewaysScroll(page)).toEqual([]);
  expect(await seriousViolations(page, 'Settings, forwarding failing, at 480 px')).toEqual([]);

  // The collector comes back on the same port.
  await dropping.close();
  const collector = new RsyslogCollector(dir, port);
  await collector.start();
  try {
    await untilState(page, 'upToDate', 60_000);
    await expect(page.getByTestId('audit-forwarding-last-error')).toHaveCount(0);
    await expect(page.getByTestId('audit-forwarding-progress')).toContainText('; 0 waiting on this computer.');
    await expect(page.getByTestId('audit-forwarding-progress')).not.toContainText('Not answering');
    await expect.poll(async () => (await collector.lines()).some((line) => line.includes('Audit forwarding set to'))).toBe(true);

    // What the collector received: RFC 5424, one message per record, each once and in order.
    const lines = await collector.lines();
    const header = /^<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+) rpa-supervisor - (\w+) \[rpaAudit@32473 seq="(\d+)" hash="[0-9a-f]{64}"(?: mac="[0-9a-f]{64}")?\] (\{.*\})$/;
    const messages = lines.map((line) => {
      const match = header.exec(line);
      expect(match, line.slice(0, 120)).not.toBeNull();
      const [, sender = '', msgid = '', seq = '', json = '{}'] = match ?? [];
      return { sender, msgid, seq: Number(seq), record: JSON.parse(json) as { seq: number; type: string; actor?: { name?: string }; detail?: string } };
    });
    expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));
    for (const message of messages) {
      expect(message.sender).toBe(hostname().replace(/[^\x21-\x7e]/g, ''));
      expect(message.msgid).toBe(message.record.type);
      expect(message.record.seq).toBe(message.seq);
    }
    expect(messages.find((message) => message.msgid === 'signedIn')?.record.actor?.name).toBe(demoUser.name);
    const setUp = messages.find((message) => message.record.detail?.startsWith('Audit forwarding set to'));
    expect(setUp?.record).toMatchObject({ type: 'settingsChanged', actor: { name: demoUser.name }, detail: `Audit forwarding set to 127.0.0.1:${port} (plain TCP).` });
    const code = new URL(callback).searchParams.get('code') ?? '';
    expect(findSecrets([{ where: 'the syslog collector', text: lines.join('\n') }], labelled('authorization code', [code]))).toEqual([]);

    // The collector goes away again; a new record waits; the admin switches forwarding off.
    await collector.stop();
    await page.getByTestId('audit-forwarding-save').focus();
    await page.keyboard.press('Enter');
    await untilState(page, 'retrying', 20_000);
    await reach(page, page.getByTestId('audit-forwarding-off'));
    await page.keyboard.press('Space');
    await expect(status).toHaveAttribute('data-state', 'off');
    await expect(page.getByTestId('audit-forwarding-kept')).toContainText(/^\d+ records? had not reached the collector when forwarding was switched off\. They stay in the audit trail/);
    expect(await sidewaysScroll(page)).toEqual([]);
    expect(await seriousViolations(page, 'Settings, forwarding off with records kept, at 480 px')).toEqual([]);
  } finally {
    await collector.stop();
  }
});

test('a machine policy that forces forwarding on locks the form, says why, and still says what is wrong with its collector', async ({ page }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ version: 1, auditForwarding: { host: '127.0.0.1', port, tls: true } }));
  chmodSync(policyFile, 0o644);
  await host?.stop();
  host = await startBrowserHostProcess({ RPA_SUPERVISOR_POLICY_FILE: policyFile });
  await page.setViewportSize({ width: 480, height: 900 });
  await page.goto(host.pageUrl);
  await skipWizardIfShown(page);
  await page.getByTestId('nav-settings').click();
  const panel = page.getByTestId('audit-settings');
  await expect(panel).toContainText('Your administrator sets forwarding in the machine policy.');
  await expect(page.getByTestId('audit-forwarding-host').locator('input')).toHaveValue('127.0.0.1');
  await expect(page.getByTestId('audit-forwarding-host').locator('input')).toBeDisabled();
  await expect(page.getByTestId('audit-forwarding-port').locator('input')).toHaveValue(String(port));
  await expect(page.getByTestId('audit-forwarding-port').locator('input')).toBeDisabled();
  await expect(panel.getByRole('checkbox')).toBeChecked();
  await expect(panel.getByRole('checkbox')).toBeDisabled();
  await expect(page.getByTestId('audit-forwarding-save')).toBeDisabled();
  await expect(page.getByTestId('audit-forwarding-off')).toHaveCount(0);
  await expect(page.getByTestId('audit-forwarding-status')).toHaveAttribute('data-state', 'retrying', { timeout: 20_000 });
  await expect(page.getByTestId('audit-forwarding-last-error')).toContainText(`nothing is listening on port ${port}: check the port and that the collector is running`);
  expect(await sidewaysScroll(page)).toEqual([]);
  expect(await seriousViolations(page, 'Settings, forwarding set by the machine policy, at 480 px')).toEqual([]);
});
