import { watch as fsWatch } from 'node:fs';
import { chmod, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disposable } from '../common/contract.js';
import { systemClock } from '../ports/clock.js';
import { nullLogger } from '../ports/logger.js';
import { followPolicyFile } from './policy-file-watch.js';
import { readMachinePolicy, type MachinePolicyState } from './read-machine-policy.js';

const policyText = (workers: string[]) =>
  JSON.stringify({ version: 1, fleet: { enabled: true, redisUrl: 'redis://127.0.0.1:6379', approvedWorkers: workers.map((name, i) => ({ fingerprint: `AAAA-BBBB-CCCC-000${i}`, name, pools: ['ward'] })) } });

const workersOf = (state: MachinePolicyState | undefined) => (state?.kind === 'applied' ? (state.policy.fleet?.approvedWorkers ?? []).map((w) => w.name) : state?.kind);

let dir: string;
let path: string;
let watch: Disposable | undefined;
let seen: MachinePolicyState[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-policy-watch-'));
  path = join(dir, 'policy.json');
  await writeFile(path, policyText(['Ward PC']), { mode: 0o644 });
  seen = [];
});
afterEach(async () => {
  watch?.dispose();
  watch = undefined;
  await rm(dir, { recursive: true, force: true });
});

function follow(): void {
  // The trust rules of a machine whose policy belongs to an administrator, whoever runs the test.
  const read = () => readMachinePolicy(path, { platform: 'linux', currentUid: undefined });
  watch = followPolicyFile({ path, read, apply: async (state) => void seen.push(state), clock: systemClock, logger: nullLogger, settleMs: 50 });
}

describe('following the machine policy file', () => {
  it('reads the file again once a save has settled, with what it now says', async () => {
    follow();
    await writeFile(path, policyText(['Ward PC', 'Desk PC']));
    await vi.waitFor(() => expect(workersOf(seen.at(-1))).toEqual(['Ward PC', 'Desk PC']), { timeout: 5000, interval: 20 });
  });

  it('sees a file replaced by a rename, as deployment tools and editors save it, again and again', async () => {
    follow();
    for (const names of [['Desk PC'], ['Ward PC', 'Desk PC'], []]) {
      const next = join(dir, 'policy.json.new');
      await writeFile(next, policyText(names), { mode: 0o644 });
      await rename(next, path);
      await vi.waitFor(() => expect(workersOf(seen.at(-1))).toEqual(names), { timeout: 5000, interval: 20 });
    }
  });

  it('S56 a file made writable by others while the app runs is read as untrusted', async () => {
    follow();
    await chmod(path, 0o666);
    await writeFile(path, policyText(['Rogue PC']));
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ kind: 'lockedDown', code: 'policy_not_protected' }), { timeout: 5000, interval: 20 });
  });

  it('a deleted file is read as no policy', async () => {
    follow();
    await rm(path);
    await vi.waitFor(() => expect(seen.at(-1)?.kind).toBe('absent'), { timeout: 5000, interval: 20 });
  });

  it('changes to other files in the folder are not a reason to read the policy', async () => {
    let timers = 0;
    const clock = { now: () => Date.now(), setTimer: (callback: () => void, delayMs: number) => ((timers += 1), systemClock.setTimer(callback, delayMs)) };
    watch = followPolicyFile({ path, read: () => readMachinePolicy(path, { platform: 'linux', currentUid: undefined }), apply: async (state) => void seen.push(state), clock, logger: nullLogger, settleMs: 50 });
    // A second watch on the same folder: once it has the event, the policy's watch has had it too.
    const delivered = new Promise<void>((resolve) => {
      const probe = fsWatch(dir, (_event, name) => {
        if (name?.toString() !== 'notes.txt') return;
        probe.close();
        setImmediate(resolve);
      });
    });
    await writeFile(join(dir, 'notes.txt'), 'unrelated');
    await delivered;
    expect(timers).toBe(0);
    await writeFile(path, policyText(['Desk PC']));
    await vi.waitFor(() => expect(workersOf(seen.at(-1))).toEqual(['Desk PC']), { timeout: 5000, interval: 20 });
    expect(timers).toBeGreaterThan(0);
  });

  it('without a folder to watch it does nothing and can be disposed', () => {
    const logged: string[] = [];
    const logger = { ...nullLogger, info: (message: string) => void logged.push(message) };
    const handle = followPolicyFile({ path: join(dir, 'missing', 'policy.json'), read: async () => { throw new Error('not read'); }, apply: async () => undefined, clock: systemClock, logger });
    expect(logged).toEqual(['The machine policy folder cannot be watched; changes apply at the next start']);
    handle.dispose();
  });
});
