import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunArtifacts } from '../../app/artifacts/run-artifacts.js';
import { LiveRunLogs } from '../../app/bots/live-run-logs.js';
import { logText, runToEnd, useRunFixture } from '../../app/bots/testing/run-fixture.js';
import { TokenBroker } from '../../app/broker/token-broker.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';

const sdk = join(import.meta.dirname, 'index.mjs');

/**
 * withScreenshotOnFailure in a real bot process, screenshots off (the default): the run's log says
 * which screenshot was not kept and why, and what the run says went wrong is the step's own error,
 * never the helper's note. The page is a stand-in with Playwright's `screenshot()`: no browser.
 */
describe('withScreenshotOnFailure with screenshots off', () => {
  const fixture = useRunFixture();

  async function run(id: string, afterStep: string) {
    const liveLogs = new LiveRunLogs();
    // The store leaves the name as the bot gave it: only the run log's own redaction stands between the number and the log.
    const artifacts = new RunArtifacts({ dir: join(fixture.dataDir, 'artifacts'), clock: systemClock, screenshotsAllowed: () => false, redactText: (_profileId, text) => ({ text, redactions: {} }), writeRunLine: (runId, text) => liveLogs.system(runId, text) });
    const broker = new TokenBroker({ sessions: fixture.sessions, clock: systemClock, logger: nullLogger, artifacts });
    await broker.start();
    try {
      const script = join(fixture.dataDir, `${id}.mjs`);
      await writeFile(
        script,
        [
          `import { withScreenshotOnFailure } from ${JSON.stringify(sdk)};`,
          'const page = { screenshot: async () => new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]) };',
          "const step = () => withScreenshotOnFailure(page, async () => { throw new Error('Submit button missing'); }, { name: 'failure 943 476 5919.png' });",
          afterStep,
        ].join('\n'),
      );
      const manager = fixture.newManager({ broker, liveLogs });
      manager.setBots([{ id, name: id, description: '', command: process.execPath, args: [script], profileId: 'sandbox', tokenDelivery: 'broker', concurrency: 1, env: {} }]);
      const ended = await runToEnd(manager, await manager.start(id));
      return { ended, log: logText(manager, ended.id) };
    } finally {
      await broker.close();
    }
  }

  it('the run log names the refused screenshot, redacted, with the reason; the uncaught step error is the run\'s last error', async () => {
    const { ended, log } = await run('uncaught', 'await step();');
    expect(ended.status, log).toBe('failed');
    expect(log).toContain(
      'system: The bot attached "failure [NHS number].png", which was not kept: Screenshots are turned off for this bot\'s provider profile, because they may show patient data. An administrator can allow them in the profile or the machine policy.',
    );
    expect(log).not.toContain('943 476 5919');
    expect(ended.lastError).toBe('Error: Submit button missing');
  }, 30_000);

  it('a bot that reports the step\'s error on its output: the run\'s last error is not the helper\'s note about the screenshot', async () => {
    const { ended, log } = await run('handled', "try { await step(); } catch (error) { console.log(`Submit failed: ${error.message}`); process.exitCode = 1; }");
    expect(ended.status, log).toBe('failed');
    expect(log).toContain('stdout: Submit failed: Submit button missing');
    expect(log).toContain('No screenshot was kept: screenshots are turned off for this profile.');
    expect(ended.lastError).toBeUndefined();
  }, 30_000);
});
