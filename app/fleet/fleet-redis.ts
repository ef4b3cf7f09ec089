import { readFileSync } from 'node:fs';
import { Redis, type RedisOptions } from 'ioredis';
import type { FleetPolicy } from '../policy/fleet-policy.js';
import { isTlsTrustCode } from './outage-log.js';
import { absorbLaterSocketErrors } from './absorb-later-socket-errors.js';
import { redisUserAddress } from './redis-user-address.js';

/** How the desktop reaches the fleet's Redis: the policy's address and CA, the password from the SecretStore. */
export interface FleetRedisSettings {
  url: string;
  caFile?: string;
  /** Read from the SecretStore under the policy's `redisPasswordSecret`; never from the address, argv or the environment. */
  password?: string;
}

export function fleetRedisSettings(policy: FleetPolicy, password: string | undefined): FleetRedisSettings {
  return { url: policy.redisUrl ?? '', ...(policy.redisCaFile ? { caFile: policy.redisCaFile } : {}), ...(password === undefined ? {} : { password }) };
}

/**
 * Explicit ioredis clients, each on its own connection (BullMQ's blocking reads, pub/sub and
 * XREAD each need one). Commands wait while Redis is away instead of failing the caller
 * (`maxRetriesPerRequest: null`); `onError` hears every connection error.
 */
export function fleetRedisClients(settings: FleetRedisSettings, onError: (error: Error) => void): { client: () => Redis; closeAll: () => void } {
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    // A refused or unreachable server is retried with a bounded back-off, never given up.
    retryStrategy: (attempt) => Math.min(200 * attempt, 5000),
    ...(settings.password === undefined ? {} : { password: settings.password }),
    ...(settings.caFile ? { tls: { ca: readFileSync(settings.caFile) } } : {}),
  };
  const clients: Redis[] = [];
  return {
    client: () => {
      const address = redisUserAddress(settings.url, options);
      const client = new Redis(address.url, address.options);
      client.on('error', (error: Error) => {
        absorbLaterSocketErrors(client);
        onError(error);
      });
      clients.push(client);
      return client;
    },
    closeAll: () => {
      for (const client of clients.splice(0)) client.disconnect();
    },
  };
}

/** The address without anything secret in it, for messages. */
export function redisAddressForMessages(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'the configured address';
  }
}

/**
 * The catalogue code for a Redis connection failure: a certificate this computer does not trust
 * (rediss:// without the right `redisCaFile`) has its own remedy; anything else is unreachable.
 */
export function redisTroubleCode(error: Error): 'fleet_redis_tls_untrusted' | 'fleet_redis_unreachable' {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && isTlsTrustCode(code) ? 'fleet_redis_tls_untrusted' : 'fleet_redis_unreachable';
}
