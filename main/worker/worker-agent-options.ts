import type { Redis } from 'ioredis';
import type { WorkerIdentity } from '../../app/fleet/worker-identity.js';
import type { Clock } from '../../app/ports/clock.js';
import type { Logger } from '../../app/ports/logger.js';
import type { WorkerBot } from './remote-bot.js';

/** How a worker host is set up (main/worker/start-worker.ts builds it from the command line). */
export interface WorkerAgentOptions {
  name: string;
  pools: readonly string[];
  identity: WorkerIdentity;
  /** Three clients: commands, pub/sub, and the one BullMQ copies for each pool's blocking Worker connection. */
  redis: Redis;
  subscriber: Redis;
  workerConnection: Redis;
  resolveBot: (botId: string) => WorkerBot | undefined;
  clock: Clock;
  logger: Logger;
  /** The fleet's base queue name (default `rpa-runs`): one BullMQ queue per pool, `<queueName>-<pool>`. */
  queueName?: string;
  /** Runs at once across all its pools (default 1). */
  concurrency?: number;
  /** How long to wait for the supervisor's lease after claiming (default 10 s). */
  leaseWaitMs?: number;
  /** The supervisor went quiet and the lease lapsed: hold the bot (it waits on the broker) or stop it. */
  onSupervisorLost?: 'wait' | 'stop';
  /** BullMQ lock; a worker that stops renewing it for this long is "lost" (tests shorten it). */
  lockDurationMs?: number;
  /** The worker's data folder: with it, bots left behind by a killed worker are reaped (worker-orphans.ts) and the desktop's key pin is kept. */
  dataDir?: string;
  /** A strict pin of the supervisor's key (`--desktop-fingerprint`); without it the first desktop that grants a run is pinned. */
  desktopFingerprint?: string;
  /** BullMQ Workers' errors, e.g. into the host's one line per Redis outage (default: logged). */ onQueueError?: (error: unknown) => void;
  /** On `close()`, how long its bots have between SIGTERM and SIGKILL (default 5 s). */
  stopGraceMs?: number;
  /**
   * How often it writes its heartbeat (default 10 s, `heartbeatEveryMs` in app/fleet/worker-beat.ts;
   * 250 ms to 10 s, else the constructor throws `fleet_worker_option_invalid`). Tests shorten it to
   * see a beat's effect (the clock it measures) without waiting out the default.
   */
  heartbeatEveryMs?: number;
}
