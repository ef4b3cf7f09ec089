import type { RedisOptions } from 'ioredis';

/**
 * The address ioredis connects to, and the options it connects with, for an address that names
 * an ACL user (`rediss://rpa@redis.clinic:6380`, as docs/fleet.md shows). ioredis takes the
 * address's empty password over the `password` option, so such an address always failed with
 * WRONGPASS: the user goes in the options beside the password from the SecretStore (or the
 * worker's password file), and the address keeps host, port, scheme and database only.
 */
export function redisUserAddress(url: string, options: RedisOptions): { url: string; options: RedisOptions } {
  const parsed = URL.parse(url);
  if (!parsed || parsed.username === '') return { url, options };
  const username = decodeURIComponent(parsed.username);
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), options: { ...options, username } };
}
