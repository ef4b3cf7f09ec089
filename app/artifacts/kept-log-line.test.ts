import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redactor } from '../bots/redactor.js';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { systemClock } from '../ports/clock.js';
import { maxLoggedKeptFiles } from '../common/artifact-log-limits.js';
import { redactArtifactText } from './redact-artifact-text.js';
import { RunArtifacts } from './run-artifacts.js';

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function* chunks(...parts: Buffer[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

/** An operator following a live run: each file the bot attaches is said in its log as it is kept, so the run detail lists it at once. */
describe('files kept for a run, said in its log', () => {
  let dir: string;
  let lines: { runId: string; text: string }[];
  const store = () =>
    new RunArtifacts({
      dir,
      clock: systemClock,
      screenshotsAllowed: () => true,
      redactText: (_profileId, text) => redactArtifactText(text, new Redactor(), defaultRedactionSettings),
      writeRunLine: (runId, text) => lines.push({ runId, text }),
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-kept-'));
    lines = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('each kept file is one system line in its run\'s log with its safe name, kind and size; a patient\'s NHS number in the name is not in it', async () => {
    const artifacts = store();
    await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'after login.png', kind: 'screenshot' }, chunks(png));
    await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'referral 943 476 5919.csv', kind: 'file' }, chunks(Buffer.alloc(2048, 97)));
    await artifacts.attach({ runId: 'run-2', profileId: 'p', name: 'other.txt', kind: 'file' }, chunks(Buffer.from('x')));
    expect(lines).toEqual([
      { runId: 'run-1', text: 'The bot attached "after login.png" (a screenshot, 29 bytes), kept with the run\'s files.' },
      { runId: 'run-1', text: 'The bot attached "referral _NHS number_.csv" (2 KB), kept with the run\'s files.' },
      { runId: 'run-2', text: 'The bot attached "other.txt" (1 byte), kept with the run\'s files.' },
    ]);
  });

  it(`a bot attaching in a loop: ${maxLoggedKeptFiles} lines, one saying there are more, then none; every file is still kept and listed`, async () => {
    const artifacts = store();
    for (let i = 1; i <= maxLoggedKeptFiles + 5; i += 1) {
      await artifacts.attach({ runId: 'run-1', profileId: 'p', name: `page-${i}.csv`, kind: 'file' }, chunks(Buffer.from('a,b\n')));
    }
    expect(lines).toHaveLength(maxLoggedKeptFiles + 1);
    expect(lines.at(-2)?.text).toBe(`The bot attached "page-${maxLoggedKeptFiles}.csv" (4 bytes), kept with the run's files.`);
    expect(lines.at(-1)?.text).toBe("The bot attached more files; the run detail lists them under the run's files.");
    expect(await artifacts.list('run-1')).toHaveLength(maxLoggedKeptFiles + 5);
  });
});
