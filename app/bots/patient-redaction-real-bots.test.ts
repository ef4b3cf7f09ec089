import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch } from '../common/contract.js';
import { chromiumMissing } from '../test-support/prerequisites.js';
import { nodeBotsFolder, writeNodeBot } from './testing/docs-node-bots.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * Patient identifiers as real clinic bots print them, through a real supervisor: a Playwright bot
 * in Chromium at /usr/bin/chromium against a small PAS-like page with synthetic patient data, and
 * a plain Node bot that logs records, asks about a patient and attaches a letter. Nothing valid may
 * reach the log (file, ring, live lines, download), the run's last error, the question, the audit
 * trail, an artifact's name or any file; invalid look-alikes stay.
 */
const skip = chromiumMissing();

/** 943 476 5919 passes the modulus 11 check; 943 476 5918 does not. */
const pasPage = `<!doctype html><html lang="en"><title>PAS</title><h1>Patient record</h1>
<table><tr><th>NHS number</th><td id="nhs-cell">943&nbsp;476&nbsp;5919</td></tr>
<tr><th>Postcode</th><td id="postcode-cell">LS1&nbsp;4AP</td></tr></table>
<label>Date of birth (dd/mm/yyyy) <input id="dob" value="31/01/1970"></label>
<label>Appointment <input id="appointment" value="06/12/2026"></label></html>`;

const pasBot = `
import { launchBrowser } from '../sdk/playwright.mjs';
const browser = await launchBrowser();
const page = await browser.newPage();
await page.goto(process.env.PAS_URL + '/patient?nhs=943%20476%205919&postcode=LS1+4AP&dob=31%2F01%2F1970');
console.log('opened ' + page.url());
console.log('NHS number on screen: ' + (await page.locator('#nhs-cell').textContent()));
console.log('Postcode on screen: ' + (await page.locator('#postcode-cell').textContent()));
console.log(await page.locator('body').ariaSnapshot());
try {
  // Two inputs: a strict-mode violation, thrown at once, listing both elements.
  await page.locator('input').fill('x');
} catch (error) {
  console.error(error.message);
}
await browser.close();
// Uncaught: Node prints the error with its call log, and the run fails with it as its last error.
const again = await launchBrowser();
await (await again.newPage()).goto('http://127.0.0.1:1/patient?nhs=943%20476%205919');
`;

const recordBot = `
import util from 'node:util';
import { ask, attach } from '../sdk/index.mjs';
const pause = () => new Promise((resolve) => setTimeout(resolve, 30));
const patient = { nhsNumber: '943.476.5919', dob: '31-Jan-1970', dateOfBirth: new Date('1970-01-31'), postcode: 'LS1 4AP', ref: 'ORD 943.476.5918' };
console.log(JSON.stringify(patient));
console.error(util.inspect(patient, { colors: true }));
console.log('file 943_476_5919-letter.pdf ready; slip 943/476/5919; query ?q=943+476+5919');
// One line written in pieces, with time between them: they arrive as separate chunks.
process.stdout.write('Looking up 943');
await pause();
process.stdout.write('\\u00a0476\\u00a0');
await pause();
process.stdout.write('5919 10%\\rLooking up 943\\u00a0476\\u00a05919 100%\\n');
console.log('Date of birth (DD/MM/YYYY): 31/01/1970; ratio 943.4765919; build 943.476.5918');
const { answer } = await ask({ question: 'Letter for 943.476.5919 (?nhs=943%20476%205919): send it?', choices: ['Send', 'Hold'], timeoutMs: 60000 });
console.log('answer: ' + answer.choice);
await attach('943_476_5919-letter.txt', 'Dear patient 943.476.5919, DOB: 31%2F01%2F1970\\n');
await attach('943,476,5919 summary.txt', 'summary\\n');
console.error('Gave up on patient 943_476_5919: no letter template');
process.exit(1);
`;

/** Every way the bots print the valid identifiers: none may be found anywhere afterwards. */
const forbidden = [
  '9434765919', '943 476 5919', '943\u00a0476\u00a05919', '943%20476%205919', '943+476+5919', '943.476.5919', '943_476_5919', '943/476/5919', '943,476,5919',
  'LS1 4AP', 'LS1\u00a04AP', 'LS1+4AP', '31/01/1970', '31%2F01%2F1970', '31-Jan-1970',
];
/** Look-alikes the record bot prints that must stay: a bad check digit, a decimal. */
const kept = ['ORD 943.476.5918', 'ratio 943.4765919', 'build 943.476.5918'];

describe.skipIf(skip)('patient identifiers as real bots print them (S88)', () => {
  let botsDir: string;
  let harness: SupervisorHarness;
  let pas: Server;
  const batches: LogBatch[] = [];

  beforeAll(async () => {
    pas = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(pasPage);
    });
    await new Promise<void>((resolve) => pas.listen(0, '127.0.0.1', resolve));
    botsDir = await nodeBotsFolder('rpa-patient-bots-');
    await writeNodeBot(botsDir, { id: 'pas-bot', source: pasBot, env: { PAS_URL: `http://127.0.0.1:${(pas.address() as AddressInfo).port}` } });
    await writeNodeBot(botsDir, { id: 'record-bot', source: recordBot, extra: { checkpoints: true } });
    harness = await startSupervisorHarness({ botsDir });
    harness.supervisor.api.on('log', (batch) => batches.push(batch));
    await harness.signIn();
  });

  afterAll(async () => {
    await harness?.close();
    await new Promise((resolve) => pas?.close(resolve));
    await rm(botsDir, { recursive: true, force: true });
  });

  /** Every place a person or a file could see what the run left. */
  async function places(runId: string): Promise<{ where: string; text: string }[]> {
    const page = await harness.supervisor.api.invoke('readLog', { runId, fromSeq: 0, limit: 5000 });
    const found = [
      { where: 'the ring (readLog)', text: page.lines.map((line) => line.text).join('\n') },
      { where: 'the live log events', text: batches.filter((batch) => batch.runId === runId).flatMap((batch) => batch.lines.map((line) => line.text)).join('\n') },
      { where: 'the renderer state', text: JSON.stringify(await harness.supervisor.api.invoke('getState', {})) },
      { where: 'the downloaded log', text: (await harness.supervisor.api.invoke('exportRunLog', { runId })).text },
      { where: 'the audit export', text: JSON.stringify(await harness.supervisor.api.invoke('exportAudit', {})) },
      { where: 'the artifacts', text: JSON.stringify(await harness.supervisor.api.invoke('listArtifacts', { runId })) },
    ];
    for (const file of await harness.files()) found.push({ where: file, text: `${file}\n${await readFile(file, 'utf8')}` });
    return found;
  }

  function leaks(all: { where: string; text: string }[]): string[] {
    return all.flatMap((place) => forbidden.filter((value) => place.text.includes(value)).map((value) => `${JSON.stringify(value)} in ${place.where}`));
  }

  it('S88 a Playwright bot: URL-encoded and &nbsp; identifiers in URLs, scraped cells, aria snapshots, strict-mode element lists and its last error are redacted', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'pas-bot' });
    const ended = await harness.waitForRunEnd(run.id, 60_000);
    const log = await harness.logText(run.id);
    expect(ended.status, log).toBe('failed');
    expect(log).toContain('stdout: opened http://127.0.0.1:');
    expect(log).toContain('stdout: NHS number on screen: [NHS number]');
    expect(log).toContain('stdout: Postcode on screen: [postcode]');
    expect(log).toContain('- textbox "Date of birth (dd/mm/yyyy)": [date of birth]');
    // The appointment has no date-of-birth label: it stays.
    expect(log).toContain('06/12/2026');
    expect(ended.lastError).toContain('[NHS number]');
    expect(leaks(await places(run.id))).toEqual([]);
  }, 90_000);

  it('S88 a Node bot: records, dotted, underscored, slashed, plus- and %20-joined numbers, chunked writes with &nbsp;, its question, its files\' names and its last error are redacted; look-alikes stay', async () => {
    const run = await harness.supervisor.api.invoke('startRun', { botId: 'record-bot' });
    const state = await harness.waitForState((s) => s.attention.some((item) => item.kind === 'question' && item.question.runId === run.id), 'the record bot\'s question');
    const item = state.attention.find((candidate) => candidate.kind === 'question' && candidate.question.runId === run.id);
    if (item?.kind !== 'question') throw new Error('no question');
    expect(item.question.text).toBe('Letter for [NHS number] (?nhs=[NHS number]): send it?');
    await harness.supervisor.api.invoke('answerQuestion', { questionId: item.question.id, answer: { choice: 'Send' } });
    const ended = await harness.waitForRunEnd(run.id);
    const log = await harness.logText(run.id);
    expect(ended.status, log).toBe('failed');
    expect(log).toContain('stdout: answer: Send');
    expect(log).toContain('stdout: Looking up [NHS number] 100%');
    expect(ended.lastError).toBe('Gave up on patient [NHS number]: no letter template');
    const artifacts = (await harness.supervisor.api.invoke('listArtifacts', { runId: run.id })).files;
    expect(artifacts.map((artifact) => artifact.name).sort()).toEqual(['_NHS number_ summary.txt', '_NHS number_-letter.txt']);
    const all = await places(run.id);
    expect(leaks(all)).toEqual([]);
    const download = all.find((place) => place.where === 'the downloaded log')?.text ?? '';
    expect(kept.filter((value) => !download.includes(value))).toEqual([]);
  }, 90_000);
});
