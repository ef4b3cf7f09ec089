import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { maxLoggedRefusals } from '../common/artifact-log-limits.js';
import { redactingArtifacts, useArtifactsDir } from './testing/redacting-artifacts.js';

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const screenshotsOff =
  "Screenshots are turned off for this bot's provider profile, because they may show patient data. An administrator can allow them in the profile or the machine policy.";

async function* chunks(...parts: Buffer[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}

/** A supervisor reading a failed run afterwards: a file the bot attached and that was not kept is said, and why. */
describe('files refused for a run', () => {
  const dirOf = useArtifactsDir('rpa-refusals-');
  let lines: { runId: string; text: string }[];
  const store = (options: { maxRunBytes?: number } = {}) => redactingArtifacts(dirOf(), { writeRunLine: (runId, text) => lines.push({ runId, text }), ...options });

  beforeEach(() => {
    lines = [];
  });

  it('a refused screenshot is one line in its run\'s log, naming the file without the patient\'s NHS number, and is listed with the run\'s files as not kept, with the reason and no content', async () => {
    const artifacts = store();
    const refused = artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'failure 943 476 5919.png', kind: 'screenshot' }, chunks(png));
    await expect(refused).rejects.toMatchObject({ code: 'screenshots_not_allowed' });
    expect(lines).toEqual([{ runId: 'run-1', text: `The bot attached "failure _NHS number_.png", which was not kept: ${screenshotsOff}` }]);
    const list = await artifacts.listAll('run-1');
    expect(list.files).toEqual([]);
    expect(list.refused).toEqual([{ code: 'screenshots_not_allowed', message: screenshotsOff, count: 1, names: ['failure _NHS number_.png'], lastAt: expect.any(Number) as number }]);
    const folder = await readdir(join(dirOf(), 'run-1'));
    expect(folder).toEqual(['refused.json']);
    expect(await readFile(join(dirOf(), 'run-1', 'refused.json'), 'utf8')).not.toContain('943 476 5919');
  });

  it('a file past the run\'s cap says the room left in its line and in the list; kept files stay listed beside it', async () => {
    const artifacts = store({ maxRunBytes: 1000 });
    await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'a.csv', kind: 'file' }, chunks(Buffer.alloc(600, 97)));
    await expect(artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'b.bin', kind: 'file' }, chunks(Buffer.alloc(500)))).rejects.toMatchObject({ code: 'artifact_too_large' });
    expect(lines.map((line) => line.text)).toEqual([
      'The bot attached "a.csv" (600 bytes), kept with the run\'s files.',
      'The bot attached "b.bin", which was not kept: The file is larger than the 400 bytes left for this run\'s files, so it was not kept. Attach smaller files, or fewer.',
    ]);
    const list = await artifacts.listAll('run-1');
    expect(list.files.map((file) => file.name)).toEqual(['a.csv']);
    expect(list.refused).toMatchObject([{ code: 'artifact_too_large', count: 1, names: ['b.bin'] }]);
  });

  it(`a bot refused in a loop: ${maxLoggedRefusals} lines, one saying the rest are only counted, then none; the list counts them all under one reason with a few names`, async () => {
    const artifacts = store();
    for (let i = 1; i <= maxLoggedRefusals + 5; i += 1) {
      await expect(artifacts.attach({ runId: 'run-1', profileId: 'p', name: `shot-${i}.png`, kind: 'screenshot' }, chunks(png))).rejects.toMatchObject({ code: 'screenshots_not_allowed' });
    }
    expect(lines).toHaveLength(maxLoggedRefusals + 1);
    expect(lines.at(-1)?.text).toBe('The bot attached more files that were not kept; the run detail counts them under its files.');
    const [reason, ...others] = (await artifacts.listAll('run-1')).refused;
    expect(others).toEqual([]);
    expect(reason?.count).toBe(maxLoggedRefusals + 5);
    expect(reason?.names).toHaveLength(10);
  });

  it('a refusal a fleet worker made itself is recorded and logged as one made here', async () => {
    const artifacts = store();
    await artifacts.refused({ runId: 'run-2', profileId: 'p', name: 'scan 943 476 5919.pdf', kind: 'file' }, 'artifact_too_large', 'The file is larger than the 2 MB left for this run\'s files, so it was not kept. Attach smaller files, or fewer.');
    expect(lines).toEqual([{ runId: 'run-2', text: 'The bot attached "scan _NHS number_.pdf", which was not kept: The file is larger than the 2 MB left for this run\'s files, so it was not kept. Attach smaller files, or fewer.' }]);
    expect((await artifacts.listAll('run-2')).refused).toMatchObject([{ code: 'artifact_too_large', count: 1, names: ['scan _NHS number_.pdf'] }]);
  });
});
