import { Redis, type RedisOptions } from 'ioredis';
import { absorbLaterSocketErrors } from '../../app/fleet/absorb-later-socket-errors.js';
import { redisAddressForMessages } from '../../app/fleet/fleet-redis.js';
import { isTlsTrustCode, outageLog } from '../../app/fleet/outage-log.js';
import { redisUserAddress } from '../../app/fleet/redis-user-address.js';
import { errorMessage, type ErrorCode } from '../../app/common/error-catalogue.js';

/** A failure the worker cannot retry its way out of: the administrator must change something. */
export interface WorkerStartFailure {
  code: Extract<ErrorCode, 'fleet_worker_redis_refused' | 'fleet_worker_redis_tls_untrusted'>;
  line: string;
}

export interface WorkerRedisOptions {
  url: string;
  password?: string;
  ca?: Buffer;
  /** One line for the administrator (stdout or stderr). */
  say: (line: string) => void;
  warn: (line: string) => void;
  /** Said when Redis answers again after an outage or a closed connection, once the worker had started. */
  reconnected: (address: string) => string;
}

export interface WorkerRedis {
  client(): Redis;
  /** Settles with the first failure no retry can mend, before the worker has connected once. */
  readonly fatal: Promise<WorkerStartFailure>;
  /** From now on failures are logged and retried, never fatal; a later recovery is said. */
  started(): void;
  /** Maps what made `agent.start()` throw to a coded failure, when it is one. */
  failureOf(error: unknown): WorkerStartFailure | undefined;
  /** An error from elsewhere on the same server (BullMQ's own connections): one outage line with the clients'. */
  report(error: unknown): void;
  /** Redis is away now (an outage was reported and no client has answered since). */
  isDown(): boolean;
  disconnectAll(): void;
}

function refused(address: string, reason: string): WorkerStartFailure {
  return { code: 'fleet_worker_redis_refused', line: `fleet_worker_redis_refused: ${errorMessage('fleet_worker_redis_refused', address, reason)}` };
}

function untrusted(address: string): WorkerStartFailure {
  return { code: 'fleet_worker_redis_tls_untrusted', line: `fleet_worker_redis_tls_untrusted: ${errorMessage('fleet_worker_redis_tls_untrusted', address)}` };
}

/** Redis turned the worker away (no password, a wrong one, or an ACL user without the rights). */
function refusalReason(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  if (/^NOAUTH/.test(message)) return 'it needs a password, and none was given';
  if (/^WRONGPASS/.test(message)) return 'wrong user name or password';
  if (/^NOPERM/.test(message)) return 'the Redis user may not run the commands the worker needs';
  return undefined;
}

/**
 * The worker's Redis clients, each retrying by itself while Redis is away, with one line per
 * outage (not one per client and retry), a line when it answers again, and the two failures a
 * retry cannot mend told apart at start: a refused password and an untrusted TLS certificate.
 * Nothing printed holds the password: addresses are printed without it.
 */
export function workerRedis(options: WorkerRedisOptions): WorkerRedis {
  const address = redisAddressForMessages(options.url);
  const tlsHint = address.startsWith('rediss:') ? ', and that it takes TLS on that port' : ', and use rediss:// if it takes TLS only';
  const clients: Redis[] = [];
  let isStarted = false;
  let down = false;
  let lost = false;
  let closing = false;
  let fail: (failure: WorkerStartFailure) => void = () => undefined;
  const fatal = new Promise<WorkerStartFailure>((resolve) => (fail = resolve));
  const outage = outageLog({
    now: () => Date.now(),
    unreachable: (error) => {
      down = true;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && isTlsTrustCode(code)) return options.warn(`fleet_worker_redis_tls_untrusted: this worker does not trust the certificate of the fleet's Redis server at ${address}; retrying. Check --redis-ca-file.`);
      options.warn(`fleet_redis_unreachable: cannot reach the fleet's Redis server at ${address} (${error.message}); retrying until it answers. Check that Redis runs, the address, port and firewall${tlsHint}.`);
    },
    other: (error) => {
      const reason = refusalReason(error);
      // After start the same refusals are retried (the password may be put right on the server), so no "did not start".
      options.warn(reason === undefined ? `Redis error: ${String(error)}` : `fleet_worker_redis_refused: the fleet's Redis server at ${address} refused this worker (${reason}); retrying. Check the file named by --redis-password-file and the user name in the address.`);
    },
  });
  const redisOptions: RedisOptions = {
    maxRetriesPerRequest: null,
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.ca === undefined ? {} : { tls: { ca: options.ca } }),
  };
  return {
    client: () => {
      const connection = redisUserAddress(options.url, redisOptions);
      const redis = new Redis(connection.url, connection.options);
      redis.on('error', (error: Error) => {
        absorbLaterSocketErrors(redis);
        const code = (error as { code?: unknown }).code;
        if (!isStarted && typeof code === 'string' && isTlsTrustCode(code)) return fail(untrusted(address));
        if (!isStarted && refusalReason(error) !== undefined) return fail(refused(address, refusalReason(error) ?? ''));
        outage.report(error);
      });
      // A quick Redis restart closes the connections without an error: said when they are back too.
      redis.on('close', () => {
        if (isStarted && !closing) lost = true;
      });
      redis.on('ready', () => {
        outage.recovered();
        if (isStarted && (down || lost)) options.say(options.reconnected(address));
        down = false;
        lost = false;
      });
      clients.push(redis);
      return redis;
    },
    fatal,
    started: () => {
      isStarted = true;
      down = false;
    },
    failureOf: (error) => {
      const reason = refusalReason(error);
      return reason === undefined ? undefined : refused(address, reason);
    },
    report: (error) => outage.report(error),
    isDown: () => down,
    disconnectAll: () => {
      closing = true;
      for (const redis of clients.splice(0)) redis.disconnect();
    },
  };
}
