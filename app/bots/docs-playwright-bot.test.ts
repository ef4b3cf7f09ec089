import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlockAfter } from '../test-support/markdown-code-block.js';
import { chromiumExecutablePath, chromiumMissing } from '../test-support/prerequisites.js';
import { botsDoc } from './testing/docs-example-bots.js';
import { nodeBotsFolder, wrapFragment, writeNodeBot } from './testing/docs-node-bots.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * docs/bots.md's Playwright examples, verbatim, run by the real supervisor in Chromium at
 * /usr/bin/chromium, set as an administrator sets it (Settings → Browser for Playwright bots):
 * withBearer against the sandbox's protected claims API, and attach with withScreenshotOnFailure.
 */
const skip = chromiumMissing();
const browserExample = codeBlockAfter(botsDoc, '### Browser bots, with the Playwright helper', 'js');
const attachExample = codeBlockAfter(botsDoc, '### Run artifacts: `attach`', 'js');

// After the browser example: its context opens the sandbox's claims portal, whose own script calls
// the API with no token, and says what it got.
const openPortal = `
const page = await context.newPage();
await page.goto(process.env.RPA_PORTAL_URL);
await page.getByRole('button', { name: 'Load my claims' }).click();
const status = page.getByRole('status');
await status.filter({ hasText: /claims loaded|Not signed in|could not be loaded/ }).waitFor();
console.log(await status.textContent());
await browser.close();
`;

// What the attach example takes as given: a report's text, a file at the path it names, and a
// Playwright page showing (or not) a Submit button. Clicks wait 2 s, not Playwright's 30 s.
const attachGiven = `
import { mkdir, writeFile } from 'node:fs/promises';
import { launchBrowser } from '../sdk/playwright.mjs';
const csvText = 'reference,amount\\nCLM-1001,125.00\\n';
await mkdir('out', { recursive: true });
await writeFile('out/export.pdf', '%PDF-1.4\\n%%EOF\\n');
const browser = await launchBrowser();
const page = await browser.newPage();
page.setDefaultTimeout(2000);
await page.setContent(process.env.PAGE_HTML);
`;
const attachAfter = `
console.log('submitted');
await browser.close();
`;

describe.skipIf(skip)("docs/bots.md's Playwright examples", () => {
  let botsDir: string;
  let harness: SupervisorHarness;

  beforeAll(async () => {
    botsDir = await nodeBotsFolder('rpa-docs-playwright-');
    const portalBot = wrapFragment({ example: browserExample, after: openPortal });
    const portalEnv = { RPA_PORTAL_URL: '${sandbox.portalUrl}' };
    await writeNodeBot(botsDir, { id: 'claims-bot', source: portalBot, env: portalEnv });
    await writeNodeBot(botsDir, { id: 'claims-bot-moved-browser', source: portalBot, env: { ...portalEnv, RPA_BROWSER_PATH: '/opt/moved/chromium' } });
    const attachBot = wrapFragment({ before: attachGiven, example: attachExample, after: attachAfter });
    await writeNodeBot(botsDir, { id: 'submit-bot', source: attachBot, env: { PAGE_HTML: '<button onclick="this.remove()">Submit</button>' } });
    await writeNodeBot(botsDir, { id: 'submit-bot-no-button', source: attachBot, env: { PAGE_HTML: '<p>The portal is down for maintenance.</p>' } });
    harness = await startSupervisorHarness({ botsDir });
    await harness.signIn();
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  it(`withBearer: the portal's own API call carries the token, in ${chromiumExecutablePath}, and the claims load`, async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'claims-bot' });
    const ended = await harness.waitForRunEnd(run.id, 60_000);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(log).toMatch(/^stdout: 4 claims loaded\.$/m);
    expect(await harness.leaks()).toEqual([]);
  }, 90_000);

  it('a browser path that no longer exists: launchBrowser refuses with browser_path_missing, naming it, and the run fails', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'claims-bot-moved-browser' });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    const message = 'The browser set for this bot (/opt/moved/chromium) was not found.';
    expect(ended, log).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(log).toContain(`stderr: Error: ${message}`);
    expect(log).toContain("stderr:   code: 'browser_path_missing'");
    // What the run says was wrong is the error's message, not the "}" closing its properties.
    expect(ended.lastError?.startsWith(`Error: ${message} Correct the browser path`)).toBe(true);
  });

  it('attach keeps the report and the file; a step that works takes no screenshot', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'submit-bot' });
    const ended = await harness.waitForRunEnd(run.id, 60_000);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'succeeded', exitCode: 0 });
    expect(log).toMatch(/^stdout: submitted$/m);
    const artifacts = (await harness.supervisor.api.invoke('listArtifacts', { runId: run.id })).files;
    expect(artifacts.map(({ name, kind, bytes }) => ({ name, kind, bytes })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'claims.csv', kind: 'file', bytes: 'reference,amount\nCLM-1001,125.00\n'.length },
      { name: 'export.pdf', kind: 'file', bytes: '%PDF-1.4\n%%EOF\n'.length },
    ]);
  }, 90_000);

  it("a step that throws: with screenshots off, one line says none was kept and the step's own error ends the run", async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'submit-bot-no-button' });
    const ended = await harness.waitForRunEnd(run.id, 60_000);
    const log = await harness.logText(run.id);
    expect(ended, log).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(log).toContain('stdout: No screenshot was kept: screenshots are turned off for this profile.');
    expect(log).toMatch(/^system: The bot attached "failure-\d+\.png", which was not kept: Screenshots are turned off for this bot's provider profile/m);
    expect(log).toContain('stderr: locator.click: Timeout 2000ms exceeded.');
    expect(ended.lastError).toMatch(/^locator\.click: Timeout 2000ms exceeded\./);
    expect(log).not.toMatch(/^stdout: submitted$/m);
    const artifacts = (await harness.supervisor.api.invoke('listArtifacts', { runId: run.id })).files;
    expect(artifacts.map((artifact) => artifact.kind)).toEqual(['file', 'file']);
  }, 90_000);
});
