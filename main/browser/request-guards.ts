import { timingSafeEqual } from 'node:crypto';

/**
 * Pure checks for the browser host's loopback server. A page on any other site can reach
 * 127.0.0.1, so every request proves it is ours: the Host header names our exact loopback
 * address (DNS rebinding), a WebSocket's Origin is our own page, and the per-launch secret matches.
 */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader === `http://127.0.0.1:${port}` || originHeader === `http://localhost:${port}`;
}

/** Constant-time comparison; a length mismatch is a plain `false`, never an exception. */
export function secretsMatch(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
