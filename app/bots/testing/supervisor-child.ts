/**
 * A throwaway supervisor for the S38 test: starts a broker and three bots (an SDK watcher, a plain
 * hanging bot, and a spawn-tree bot with a child and a detached grandchild), reports their run ids
 * and the tree's extra pids as one JSON line on stdout, then idles until the test kills it with
 * SIGKILL. Run with `node --import tsx`.
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
manager.setBots([bot('watcher', 'watch'), bot('plain', 'hang'), bot('tree', 'spawn-tree')]);
const watcher = await manager.start('watcher');
const plain = await manager.start('plain');
const tree = await manager.start('tree');
const logged = (runId: string, text: string) => manager.readLog(runId).lines.some((line) => line.text.includes(text));
/** A pid the spawn-tree bot printed: `bot pid 1; child pid 2`, then `detached grandchild pid 3`. */
const printedPid = (runId: string, label: 'child' | 'grandchild'): number | undefined => {
  const pattern = label === 'child' ? /\bchild pid (\d+)/ : /\bgrandchild pid (\d+)/;
  for (const line of manager.readLog(runId).lines) {
    const match = pattern.exec(line.text);
    if (match) return Number(match[1]);
  }
  return undefined;
};
await waitUntil(
  () =>
    logged(watcher.id, 'watching the supervisor') &&
    logged(plain.id, 'now hanging') &&
    printedPid(tree.id, 'child') !== undefined &&
    printedPid(tree.id, 'grandchild') !== undefined,
  10_000,
  'bots to be ready',
);
const report = {
  watcher: watcher.id,
  plain: plain.id,
  tree: tree.id,
  treeChildPid: printedPid(tree.id, 'child'),
  treeGrandchildPid: printedPid(tree.id, 'grandchild'),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
setInterval(() => undefined, 60_000);
