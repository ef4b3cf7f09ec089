// First: zod decides at each schema's creation whether to generate code (app/config/zod-config.ts).
import '../../app/config/zod-config.js';
import { mkdirSync } from 'node:fs';
import { loadBotManifests, resolveBotCommand } from '../../app/bots/bot-manifest.js';
import { errorMessage } from '../../app/common/error-catalogue.js';
import { isSupervisorError } from '../../app/errors.js';
import { loadOrCreateWorkerIdentity, type WorkerIdentity } from '../../app/fleet/worker-identity.js';
import { redisAddressForMessages } from '../../app/fleet/fleet-redis.js';
import { systemClock } from '../../app/ports/clock.js';
import type { WorkerBot } from './remote-bot.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { DesktopTrust } from './desktop-trust.js';
import { WorkerAgent } from './worker-agent.js';
import { parseWorkerConfig, workerUsage, type WorkerConfig } from './worker-config.js';
import { fileProblem } from '../../app/common/file-problem.js';
import { ensureDefaultBotsFolder, readWorkerFiles } from './worker-files.js';
import { workerRedis } from './worker-redis.js';

/** How long a stop may take: the bots' grace (5 s) and their runs' last statuses; with Redis away, closing must not wait for it. */
const closeWithinMs = 10_000;

const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
  // From the first line on, so a worker still waiting for Redis also stops cleanly.
  process.once('SIGINT', () => resolve('SIGINT'));
  process.once('SIGTERM', () => resolve('SIGTERM'));
});

/** The data folder made (0700), locked to this program, and the worker's keys in it. */
async function openDataDir(config: WorkerConfig): Promise<{ identity: WorkerIdentity; lock: DataDirLock } | number> {
  const unusable = (error: unknown): number => {
    console.error(`fleet_worker_data_dir_unusable: ${errorMessage('fleet_worker_data_dir_unusable', config.dataDir, fileProblem(error))}`);
    return 1;
  };
  let lock: DataDirLock | 'in-use';
  try {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    lock = await lockDataDir(config.dataDir);
  } catch (error) {
    return unusable(error);
  }
  if (lock === 'in-use') {
    console.error(`fleet_worker_data_dir_in_use: ${errorMessage('fleet_worker_data_dir_in_use', config.dataDir)}`);
    return 1;
  }
  try {
    const identity = loadOrCreateWorkerIdentity(config.dataDir);
    ensureDefaultBotsFolder(config);
    return { identity, lock };
  } catch (error) {
    lock.release();
    return unusable(error);
  }
}

async function loadBots(config: WorkerConfig): Promise<Map<string, WorkerBot>> {
  const { manifests, errors } = await loadBotManifests(config.botsDir);
  for (const error of errors) console.warn(`Bot manifest skipped: ${error.file}: ${error.message}`);
  return new Map<string, WorkerBot>(
    manifests.map((m) => {
      const cwd = m.cwd ?? config.botsDir;
      // Templated values (${sandbox.…}) belong to the desktop's sandbox; a worker passes plain values only.
      const env = Object.fromEntries(Object.entries(m.env ?? {}).filter(([, value]) => !value.includes('${')));
      return [m.id, { command: resolveBotCommand(m.command, cwd), args: m.args, cwd, env }];
    }),
  );
}

/**
 * `npm run worker -- --redis-url rediss://… --name "Ward PC 1" --pools ward`: the fleet worker
 * host. It prints its fingerprint for an admin to approve in Settings → Workers, then takes runs.
 * Exit status: 0 stopped on request, 2 an option to correct, 1 anything else that stops it.
 */
async function main(): Promise<number> {
  const parsed = parseWorkerConfig(process.argv.slice(2), process.env);
  if (!parsed.ok && parsed.help) {
    process.stdout.write(workerUsage);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`fleet_worker_option_invalid: ${errorMessage('fleet_worker_option_invalid', parsed.problem)}`);
    return 2;
  }
  const { config } = parsed;
  const files = readWorkerFiles(config);
  if (!files.ok) {
    console.error(`fleet_worker_option_invalid: ${errorMessage('fleet_worker_option_invalid', files.problem)}`);
    return 2;
  }
  const opened = await openDataDir(config);
  if (typeof opened === 'number') return opened;
  const { identity, lock } = opened;
  const address = redisAddressForMessages(config.redisUrl);
  if (config.repinDesktop) {
    DesktopTrust.forget(config.dataDir);
    console.log('The pinned supervisor key was forgotten (--repin-desktop): the next supervisor that grants this worker a run is pinned.');
  }
  console.log(`Worker "${config.name}", fingerprint ${identity.fingerprint} (data folder ${config.dataDir}). Connecting to Redis at ${address}…`);
  const bots = await loadBots(config);
  const logger = {
    info: (message: string) => console.log(message),
    warn: (message: string, detail?: object) => console.warn(message, detail ?? ''),
    error: (message: string, detail?: object) => console.error(message, detail ?? ''),
  };
  const redis = workerRedis({
    url: config.redisUrl, ...(files.password === undefined ? {} : { password: files.password }), ...(files.ca === undefined ? {} : { ca: files.ca }),
    say: (line) => console.log(line), warn: (line) => console.warn(line),
    reconnected: (at) => `Connected to Redis at ${at} again: enrolled again, waiting for runs of pools ${config.pools.join(', ')}.`,
  });
  const agent = new WorkerAgent({
    name: config.name, pools: config.pools, identity, redis: redis.client(), subscriber: redis.client(), workerConnection: redis.client(),
    resolveBot: (botId) => bots.get(botId), clock: systemClock, logger, onSupervisorLost: config.onSupervisorLost,
    queueName: config.queueName, lockDurationMs: config.lostAfterMs, dataDir: config.dataDir, onQueueError: (error) => redis.report(error),
    ...(config.desktopFingerprint === undefined ? {} : { desktopFingerprint: config.desktopFingerprint }),
  });
  const stop = async (connected: boolean): Promise<void> => {
    // The bots are told to stop first, synchronously; the rest is bounded. With Redis away (or
    // never reached) its commands would wait for it: dropping the connections first fails them at once.
    if (!connected || redis.isDown()) redis.disconnectAll();
    await Promise.race([agent.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, closeWithinMs).unref())]);
    redis.disconnectAll();
    lock.release();
  };
  const started = agent.start().then(
    () => ({ started: true }) as const,
    (error: unknown) => redis.failureOf(error) ?? Promise.reject(error),
  );
  const first = await Promise.race([started, redis.fatal, stopRequested.then((signal) => ({ signal }))]);
  if ('line' in first) {
    console.error(first.line);
    await stop(false);
    return 1;
  }
  if ('signal' in first) {
    console.log(`Stopping (${first.signal}) before Redis answered.`);
    await stop(false);
    return 0;
  }
  redis.started();
  console.log(`Worker "${config.name}" ready. Fingerprint ${identity.fingerprint}: approve it in RPA Supervisor, Settings → Workers. Pools: ${config.pools.join(', ')}. Bots: ${[...bots.keys()].join(', ') || 'none'}.`);
  if (bots.size === 0) console.log(`No bots yet: put this worker's bot manifests in ${config.botsDir} (docs/bots.md), then restart it.`);
  console.log(`Connected to Redis at ${address} and enrolled. If Settings → Workers lists this worker under "Waiting for approval", compare the fingerprint and approve it; once approved it takes runs of its pools.`);
  const pinned = agent.desktopFingerprint ?? config.desktopFingerprint;
  console.log(pinned ? `Supervisor key pinned: ${pinned}.` : 'No supervisor key pinned yet: the first supervisor that grants this worker a run is pinned, and its fingerprint printed here.');
  const signal = await stopRequested;
  console.log(`Stopping (${signal}): no new runs; running bots are told to stop and have 5 s before they are killed. Press Ctrl-C again to kill them now.`);
  // A second signal is someone who will not wait: without a listener it would end this process and leave the bots running.
  const hurry = (): void => {
    console.log('Killing the bots now.');
    agent.hurry();
  };
  process.once('SIGINT', hurry);
  process.once('SIGTERM', hurry);
  await stop(true);
  console.log(`Worker "${config.name}" stopped.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A catalogue error (a pin that is not the --desktop-fingerprint, an unreadable pin) keeps its code.
    console.error(isSupervisorError(error) ? `${error.code}: ${error.message}` : `The worker stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
