import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '../common/contract.js';
import { manifestExample, nodeBotsFolder } from './testing/docs-node-bots.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/*
 * A bot that cannot start fails with a reason the supervisor words, naming the path it could not
 * find. That path is the bot folder's, and a folder per patient ("943 476 5919 LS1 4AP") is how
 * some clinics file letters: the reason must be redacted as the bot's own output is, wherever it
 * is kept or shown, and still say which file is missing. 943 476 5919 passes the modulus 11 check.
 */
const forbidden = ['943 476 5919', '9434765919', 'LS1 4AP'];

describe('a run that cannot start, in a folder named after a patient', () => {
  let botsDir: string;
  let harness: SupervisorHarness;

  beforeAll(async () => {
    botsDir = await nodeBotsFolder('rpa-launch-failure-');
    const manifest = JSON.parse(manifestExample) as Record<string, unknown>;
    const bot = (id: string, fields: Record<string, unknown>) => writeFile(join(botsDir, `${id}.bot.json`), JSON.stringify({ ...manifest, id, name: id, env: {}, ...fields }));
    // Node is never spawned for a script that is not there: the supervisor checks first.
    await bot('missing-script', { args: ['./patients/943 476 5919 LS1 4AP/letter.mjs'] });
    // A real spawn, which the operating system refuses (ENOENT).
    await bot('missing-command', { command: './patients/9434765919-LS1 4AP/letter.sh', args: [] });
    harness = await startSupervisorHarness({ botsDir });
    await harness.signIn();
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  /** Every place a person or a file could see what the run left, as patient-redaction-real-bots.test.ts looks. */
  async function leaks(runId: string): Promise<string[]> {
    const api = harness.supervisor.api;
    const places = [
      { where: 'the ring (readLog)', text: await harness.logText(runId) },
      { where: 'the renderer state', text: JSON.stringify(await api.invoke('getState', {})) },
      { where: 'the run history', text: JSON.stringify(await api.invoke('listRuns', { limit: 1000 })) },
      { where: 'the downloaded log', text: (await api.invoke('exportRunLog', { runId })).text },
      { where: 'the audit export', text: JSON.stringify(await api.invoke('exportAudit', {})) },
    ];
    for (const file of await harness.files()) places.push({ where: file, text: `${file}\n${await readFile(file, 'utf8')}` });
    return places.flatMap((place) => forbidden.filter((value) => place.text.includes(value)).map((value) => `${JSON.stringify(value)} in ${place.where}`));
  }

  async function failedRun(botId: string): Promise<RunView> {
    const run = await harness.supervisor.api.invoke('startRun', { botId });
    const ended = await harness.waitForRunEnd(run.id);
    expect(ended.status, await harness.logText(run.id)).toBe('failed');
    return ended;
  }

  /** The run's counts are what its stored log hides (docs/providers.md, section 9): the reason repeats a log line and is not counted again. */
  async function expectCountsAsStored(run: RunView): Promise<void> {
    const stored = (await harness.supervisor.api.invoke('exportRunLog', { runId: run.id })).text;
    const markers = (marker: string) => stored.split(marker).length - 1;
    expect(markers('[NHS number]')).toBeGreaterThan(0);
    expect(run.redactions).toEqual({ nhsNumber: markers('[NHS number]'), postcode: markers('[postcode]') });
  }

  it('a missing script: the reason names it with the identifiers marked, and no identifier is kept or shown anywhere', async () => {
    const ended = await failedRun('missing-script');
    expect(ended.reason).toMatch(/^The bot's script .*\/patients\/\[NHS number\] \[postcode\]\/letter\.mjs does not exist\. Check the script's path/);
    expect(await harness.logText(ended.id)).toMatch(/system: The bot's script .*\/patients\/\[NHS number\] \[postcode\]\/letter\.mjs does not exist/);
    expect(await leaks(ended.id)).toEqual([]);
    await expectCountsAsStored(ended);
  });

  it('a command the operating system cannot find: the same', async () => {
    const ended = await failedRun('missing-command');
    expect(ended.reason).toMatch(/^The bot could not be started: ".*\/patients\/\[NHS number\]-\[postcode\]\/letter\.sh" was not found\./);
    expect(await leaks(ended.id)).toEqual([]);
    await expectCountsAsStored(ended);
  });
});
