/**
 * A throwaway supervisor for the S38 test: starts a broker and two bots, reports them on stdout,
 * then idles until the test kills it with SIGKILL. Run with `node --import tsx`.
 *   argv: <dataDir> <misbehaving-bot.mjs path>
 */
import { dirname } from 'node:path';
import { TokenBroker } from '../../broker/token-broker.js';
import { systemClock } from '../../ports/clock.js';
import { nullLogger } from '../../ports/logger.js';
import { RunManager } from '../run-manager.js';
import { FakeSessionAccess } from './fake-session-access.js';
import { waitUntil } from './process-probe.js';

const [dataDir, script] = process.argv.slice(2) as [string, string];
const sessions = new FakeSessionAccess();
sessions.signIn('sandbox', { accessToken: 'child-supervisor-token-0123456789', expiresAt: Date.now() + 60 * 60 * 1000 });
const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
await broker.start();
const manager = new RunManager({ sessions, broker, clock: systemClock, logger: nullLogger, dataDir });
const bot = (id: string, mode: string) => ({
  id,
  name: id,
  description: '',
  command: process.execPath,
  args: [script],
  cwd: dirname(script),
  profileId: 'sandbox',
  tokenDelivery: 'broker' as const,
  concurrency: 1,
  env: { MISBEHAVE_MODE: mode },
});
manager.setBots([bot('watcher', 'watch'), bot('plain', 'hang')]);
const watcher = await manager.start('watcher');
const plain = await manager.start('plain');
const logged = (runId: string, text: string) => manager.readLog(runId).lines.some((line) => line.text.includes(text));
await waitUntil(() => logged(watcher.id, 'watching the supervisor') && logged(plain.id, 'now hanging'), 10_000, 'bots to be ready');
process.stdout.write(`${JSON.stringify({ watcher: watcher.id, plain: plain.id })}\n`);
setInterval(() => undefined, 60_000);
