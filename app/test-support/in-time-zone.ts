import { afterEach, beforeEach } from 'vitest';

/**
 * Runs the enclosing describe's tests with the computer's zone set to `zone` (Node applies a new
 * `TZ` at once), and puts back whatever was there after each.
 */
export function inTimeZone(zone: string): void {
  const original = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = zone;
  });
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
}
