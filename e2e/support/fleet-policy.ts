import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A machine policy enabling fleet mode on `redisUrl`, in its own folder (readable by the host, as
 * an admin's would be); `fleet` adds to its fleet section (e.g. `approvedWorkers`).
 */
export function fleetPolicy(redisUrl: string, fleet: Record<string, unknown> = {}): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-fleet-e2e-'));
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ version: 1, fleet: { enabled: true, redisUrl, leaseTtlMs: 30_000, ...fleet } }));
  chmodSync(file, 0o644);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
