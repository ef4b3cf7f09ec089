import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenBroker } from '../broker/token-broker.js';
import { Redactor } from '../bots/redactor.js';
import { logText, runToEnd, useRunFixture } from '../bots/testing/run-fixture.js';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { redactArtifactText } from './redact-artifact-text.js';
import { RunArtifacts } from './run-artifacts.js';

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function* chunks(...parts: (string | Buffer)[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

describe('RunArtifacts', () => {
  let dir: string;
  let screenshots = false;
  const redactor = new Redactor();
  const store = (options: { maxRunBytes?: number; maxTotalBytes?: number } = {}) =>
    new RunArtifacts({
      dir,
      clock: systemClock,
      screenshotsAllowed: () => screenshots,
      redactText: (_profileId, text) => redactArtifactText(text, redactor, defaultRedactionSettings),
      ...options,
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-artifacts-'));
    screenshots = false;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a file under the run as 0600, redacts a text file like log lines, lists it and reads it back', async () => {
    const artifacts = store();
    const stored = await artifacts.attach({ runId: 'run-1', profileId: 'p', name: '../../etc/report.txt', kind: 'file' }, chunks('Patient 943 476 5919\n', 'DOB: 01/02/1980, ref 9434765918\n'));
    expect(stored).toMatchObject({ runId: 'run-1', name: 'report.txt', kind: 'file', mediaType: 'text/plain', previewable: false, redactions: { nhsNumber: 1, dateOfBirth: 1 } });
    const files = (await readdir(join(dir, 'run-1'))).filter((name) => name.endsWith('report.txt'));
    expect(files).toHaveLength(1);
    const path = join(dir, 'run-1', files[0] as string);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('Patient [NHS number]\nDOB: [date of birth], ref 9434765918\n');
    expect(await artifacts.list('run-1')).toEqual([stored]);
    const content = await artifacts.read('run-1', stored.id);
    expect(Buffer.from(content.base64, 'base64').toString('utf8')).toContain('[NHS number]');
  });

  it('S63 names a file without the patient identifier the bot put in its name', async () => {
    const stored = await store().attach({ runId: 'run-1', profileId: 'p', name: 'referral 943 476 5919.pdf', kind: 'file' }, chunks('%PDF-1.7\n'));
    expect(stored.name).toBe('referral _NHS number_.pdf');
    expect(JSON.stringify(await store().list('run-1'))).not.toContain('943 476 5919');
  });

  it('refuses a screenshot unless screenshots are allowed, and keeps nothing', async () => {
    const artifacts = store();
    await expect(artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'shot.png', kind: 'screenshot' }, chunks(png))).rejects.toMatchObject({ code: 'screenshots_not_allowed' });
    // An image sent as a plain file is still a screenshot.
    await expect(artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'page.jpg', kind: 'file' }, chunks(png))).rejects.toMatchObject({ code: 'screenshots_not_allowed' });
    expect(await artifacts.list('run-1')).toEqual([]);
    screenshots = true;
    const shot = await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'shot.png', kind: 'screenshot' }, chunks(png));
    expect(shot).toMatchObject({ kind: 'screenshot', mediaType: 'image/png', previewable: true, bytes: png.length });
    expect(Buffer.from((await artifacts.read('run-1', shot.id)).base64, 'base64')).toEqual(png);
  });

  it('refuses a file past the per-run cap while it streams, and keeps nothing of it', async () => {
    const artifacts = store({ maxRunBytes: 1000 });
    await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'a.bin', kind: 'file' }, chunks(Buffer.alloc(600)));
    const refused = artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'b.bin', kind: 'file' }, chunks(Buffer.alloc(300), Buffer.alloc(300)));
    await expect(refused).rejects.toMatchObject({ code: 'artifact_too_large' });
    // The room left as it is, not rounded up to a megabyte the run never had.
    await expect(refused).rejects.toThrow("The file is larger than the 400 bytes left for this run's files");
    expect((await artifacts.list('run-1')).map((a) => a.name)).toEqual(['a.bin']);
    expect((await readdir(join(dir, 'run-1'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Another run has its own room.
    await artifacts.attach({ runId: 'run-2', profileId: 'p', name: 'c.bin', kind: 'file' }, chunks(Buffer.alloc(900)));
  });

  it('past the cap for all runs, says that all runs share it and what frees room, not "attach fewer files to this run"', async () => {
    const artifacts = store({ maxTotalBytes: 1000 });
    await artifacts.attach({ runId: 'run-1', profileId: 'p', name: 'a.bin', kind: 'file' }, chunks(Buffer.alloc(900)));
    const refused = artifacts.attach({ runId: 'run-2', profileId: 'p', name: 'b.bin', kind: 'file' }, chunks(Buffer.alloc(200)));
    await expect(refused).rejects.toMatchObject({ code: 'artifact_too_large' });
    await expect(refused).rejects.toThrow(/left for the files of all runs on this computer, so it was not kept\. .*retention period/);
  });

  it('a kept file too large for the window to open is said to be kept, and where, not "it was not kept"', async () => {
    const stored = await store().attach({ runId: 'run-1', profileId: 'p', name: 'export.pdf', kind: 'file' }, chunks(Buffer.alloc(9 * 1024 * 1024)));
    const read = store().read('run-1', stored.id);
    await expect(read).rejects.toMatchObject({ code: 'artifact_too_large_to_open' });
    await expect(read).rejects.toThrow('This file is 9 MB, more than the 8 MB the window can open or download at once. It is kept: copy it from the folder artifacts/run-1');
  });
});

describe('attach from a bot through the broker', () => {
  const fixture = useRunFixture();

  it('a bot attaches a report (stored redacted) and is told its screenshot is not allowed', async () => {
    const artifactsDir = join(fixture.dataDir, 'artifacts');
    const artifacts = new RunArtifacts({
      dir: artifactsDir,
      clock: systemClock,
      screenshotsAllowed: () => false,
      redactText: (_profileId, text) => redactArtifactText(text, new Redactor(), defaultRedactionSettings),
    });
    const broker = new TokenBroker({ sessions: fixture.sessions, clock: systemClock, logger: nullLogger, artifacts });
    await broker.start();
    try {
      const sdk = join(import.meta.dirname, '..', '..', 'bots', 'sdk', 'index.mjs');
      const script = join(fixture.dataDir, 'attach-bot.mjs');
      await writeFile(
        script,
        [
          `import { attach } from ${JSON.stringify(sdk)};`,
          "const report = await attach('report.txt', 'Patient 943 476 5919 done\\n');",
          'console.log(`attached ${report.name} ${report.bytes}`);',
          "try { await attach('failure.png', new Uint8Array([137, 80, 78, 71]), { kind: 'screenshot' }); } catch (error) { console.log(`screenshot refused: ${error.code}`); }",
        ].join('\n'),
      );
      const manager = fixture.newManager({ broker });
      manager.setBots([{ id: 'attach-bot', name: 'Attach bot', description: '', command: process.execPath, args: [script], profileId: 'sandbox', tokenDelivery: 'broker', concurrency: 1, env: {} }]);
      const run = await runToEnd(manager, await manager.start('attach-bot'));
      const log = logText(manager, run.id);
      expect(run.status, log).toBe('succeeded');
      expect(log).toContain('attached report.txt');
      expect(log).toContain('screenshot refused: screenshots_not_allowed');
      const list = await artifacts.list(run.id);
      expect(list.map((a) => [a.name, a.kind])).toEqual([['report.txt', 'file']]);
      expect(Buffer.from((await artifacts.read(run.id, list[0]?.id ?? '')).base64, 'base64').toString('utf8')).toBe('Patient [NHS number] done\n');
    } finally {
      await broker.close();
    }
  }, 30_000);
});
