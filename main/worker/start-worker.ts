// First: zod decides at each schema's creation whether to generate code (app/config/zod-config.ts).
import '../../app/config/zod-config.js';
import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import { loadBotManifests, resolveBotCommand } from '../../app/bots/bot-manifest.js';
import { loadOrCreateWorkerIdentity } from '../../app/fleet/worker-identity.js';
import { outageLog } from '../../app/fleet/outage-log.js';
import { redisAddressForMessages } from '../../app/fleet/fleet-redis.js';
import { systemClock } from '../../app/ports/clock.js';
import type { WorkerBot } from './remote-bot.js';
import { DesktopTrust } from './desktop-trust.js';
import { WorkerAgent } from './worker-agent.js';
import { parseWorkerConfig } from './worker-config.js';
import { absorbLaterSocketErrors } from '../../app/fleet/absorb-later-socket-errors.js';

/**
 * `npm run worker -- --redis-url rediss://… --name "Ward PC 1" --pools ward`: the fleet worker
 * host. It prints its fingerprint for an admin to approve in Settings → Workers, then takes runs.
 */
async function main(): Promise<number> {
  const parsed = parseWorkerConfig(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    return 2;
  }
  const { config } = parsed;
  const identity = loadOrCreateWorkerIdentity(config.dataDir);
  if (config.repinDesktop) {
    DesktopTrust.forget(config.dataDir);
    console.log('The pinned supervisor key was forgotten (--repin-desktop): the next supervisor that grants this worker a run is pinned.');
  }
  const { manifests, errors } = await loadBotManifests(config.botsDir);
  for (const error of errors) console.warn(`Bot manifest skipped: ${error.file}: ${error.message}`);
  const bots = new Map<string, WorkerBot>(
    manifests.map((m) => {
      const cwd = m.cwd ?? config.botsDir;
      // Templated values (${sandbox.…}) belong to the desktop's sandbox; a worker passes plain values only.
      const env = Object.fromEntries(Object.entries(m.env ?? {}).filter(([, value]) => !value.includes('${')));
      return [m.id, { command: resolveBotCommand(m.command, cwd), args: m.args, cwd, env }];
    }),
  );
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    ...(config.redisPasswordFile ? { password: readFileSync(config.redisPasswordFile, 'utf8').trim() } : {}),
    ...(config.redisCaFile ? { tls: { ca: readFileSync(config.redisCaFile) } } : {}),
  };
  const logger = {
    info: (message: string) => console.log(message),
    warn: (message: string, detail?: object) => console.warn(message, detail ?? ''),
    error: (message: string, detail?: object) => console.error(message, detail ?? ''),
  };
  // Each client retries by itself while Redis is away: one line per outage, not one per client and retry.
  const outage = outageLog({
    now: () => Date.now(),
    unreachable: (error) => logger.warn(`fleet_redis_unreachable: cannot reach Redis at ${redisAddressForMessages(config.redisUrl)}; retrying`, { error: error.message }),
    other: (error) => logger.warn('Redis error', { error: String(error) }),
  });
  const client = (): Redis => {
    const redis = new Redis(config.redisUrl, options);
    redis.on('error', (error: Error) => {
      absorbLaterSocketErrors(redis);
      outage.report(error);
    });
    redis.on('ready', () => outage.recovered());
    return redis;
  };
  const agent = new WorkerAgent({
    name: config.name, pools: config.pools, identity, redis: client(), subscriber: client(), workerConnection: client(),
    resolveBot: (botId) => bots.get(botId), clock: systemClock, logger, onSupervisorLost: config.onSupervisorLost,
    queueName: config.queueName, lockDurationMs: config.lostAfterMs, dataDir: config.dataDir,
    ...(config.desktopFingerprint === undefined ? {} : { desktopFingerprint: config.desktopFingerprint }),
  });
  await agent.start();
  console.log(`Worker "${config.name}" ready. Fingerprint ${identity.fingerprint}: approve it in RPA Supervisor, Settings → Workers. Pools: ${config.pools.join(', ')}. Bots: ${[...bots.keys()].join(', ') || 'none'}.`);
  const pinned = agent.desktopFingerprint ?? config.desktopFingerprint;
  console.log(pinned ? `Supervisor key pinned: ${pinned}.` : 'No supervisor key pinned yet: the first supervisor that grants this worker a run is pinned, and its fingerprint printed here.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await agent.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
