import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunArtifacts } from '../../app/artifacts/run-artifacts.js';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { FakeSessionAccess } from '../../app/bots/testing/fake-session-access.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import { attach, withScreenshotOnFailure } from './index.mjs';

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

describe('attach and withScreenshotOnFailure', () => {
  let dir: string;
  let broker: TokenBroker;
  let artifacts: RunArtifacts;
  let screenshots = false;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpa-sdk-attach-'));
    screenshots = false;
    const sessions = new FakeSessionAccess();
    sessions.signIn('sandbox', { accessToken: 'tok_attach_test_0123456789', expiresAt: Date.now() + 3_600_000 });
    artifacts = new RunArtifacts({ dir, clock: systemClock, screenshotsAllowed: () => screenshots, redactText: (_profileId, text) => ({ text, redactions: {} }) });
    broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger, artifacts });
    await broker.start();
    // The SDK reads its configuration from the environment, exactly as in a real bot.
    process.env.RPA_BROKER_URL = broker.url;
    process.env.RPA_RUN_SECRET = broker.registerRun('run-attach', 'sandbox');
  });

  afterEach(async () => {
    delete process.env.RPA_BROKER_URL;
    delete process.env.RPA_RUN_SECRET;
    await broker.close();
    await rm(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('attach sends a file, a string or a path; a finished run is refused', async () => {
    const sent = await attach('notes.txt', 'hello');
    expect(sent).toMatchObject({ name: 'notes.txt', bytes: 5 });
    expect((await artifacts.list('run-attach')).map((a) => a.name)).toEqual(['notes.txt']);
    broker.revokeRun('run-attach');
    await expect(attach('late.txt', 'x')).rejects.toMatchObject({ code: 'run_finished', status: 401 });
  });

  it('a failing step keeps a screenshot when allowed, and rethrows its own error either way', async () => {
    const page = { screenshot: async () => png };
    const notes = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(withScreenshotOnFailure(page, async () => Promise.reject(new Error('Submit button missing')))).rejects.toThrow('Submit button missing');
    expect(await artifacts.list('run-attach')).toEqual([]);
    expect(notes).toHaveBeenCalledWith('No screenshot was kept: screenshots are turned off for this profile.');

    screenshots = true;
    await expect(withScreenshotOnFailure(page, async () => Promise.reject(new Error('Still missing')), { name: 'submit.png' })).rejects.toThrow('Still missing');
    expect((await artifacts.list('run-attach')).map((a) => [a.name, a.kind])).toEqual([['submit.png', 'screenshot']]);
    expect(await withScreenshotOnFailure(page, async () => 42)).toBe(42);
  });
});
