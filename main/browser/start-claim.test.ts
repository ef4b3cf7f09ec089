import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Supervisor } from '../../app/supervisor.js';
import { startBrowserHost } from './browser-host.js';
import { BrowserHostServer } from './browser-host-server.js';
import { lockFileName, writeInstanceLock } from './instance-lock.js';
import { claimStart, startClaimFileName } from './start-claim.js';

/**
 * S118: two browser host launchers started together (a shortcut clicked twice) must not both
 * compose a core on one data folder. The launcher looks for a running host, then starts one;
 * a host that took the folder in between is found again under the start claim.
 */
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** A pid that is alive and not this process, as another launcher's would be. */
const otherLivePid = process.pid === 1 ? process.ppid : 1;
const cleanups: (() => Promise<unknown>)[] = [];
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'rpa-claim-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>RPA Supervisor</title>');
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(rendererDir, { recursive: true, force: true });
});

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rpa-claim-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('S118 one browser host per data folder, however close together two starts come', () => {
  it('S118 a host that took the data folder after the launcher looked is found under the start claim: no second core starts on it', async () => {
    const dataDir = await freshDataDir();
    // The other launcher's host: it answers to its hand-off secret, and its lock names its own pid.
    const other = await BrowserHostServer.start({ supervisor: new Promise<Supervisor>(() => undefined), rendererDir, logger: quiet });
    cleanups.push(() => other.close());
    const lock = { pid: otherLivePid, port: other.port, handoffSecret: other.handoffSecret, pageUrl: other.pageUrl };
    await writeInstanceLock(dataDir, lock);

    let served = false;
    const started = startBrowserHost({ dataDir, botsDir: join(dataDir, 'bots'), rendererDir, sandbox: false, logger: quiet, pageHeadStartMs: 0, onServing: () => (served = true) });
    const outcome = await started.then(
      async (host) => {
        await host.close();
        return { started: true as const };
      },
      (error: unknown) => ({ started: false as const, error }),
    );
    expect(outcome.started, 'a second core was composed on a data folder whose host is running').toBe(false);
    expect(outcome).toMatchObject({ error: { code: 'instance_running', lock } });
    expect(served).toBe(false);
    // The running host's lock still leads a hand-off to it, and no claim is left behind.
    expect(JSON.parse(await readFile(join(dataDir, lockFileName), 'utf8'))).toEqual(lock);
    await expect(readFile(join(dataDir, startClaimFileName), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('S118 a second start waits while the first holds the claim, and takes it once released', async () => {
    const dataDir = await freshDataDir();
    const releaseFirst = await claimStart(dataDir);
    let waited!: () => void;
    const waiting = new Promise<void>((resolve) => (waited = resolve));
    let secondHasIt = false;
    // Another start in this same process is waited for too (heldHere), as one from another launcher.
    const second = claimStart(dataDir, { onWaiting: waited }).then((release) => {
      secondHasIt = true;
      return release;
    });
    await waiting;
    expect(secondHasIt).toBe(false);
    await releaseFirst();
    const releaseSecond = await second;
    expect(secondHasIt).toBe(true);
    await releaseSecond();
    await expect(readFile(join(dataDir, startClaimFileName), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('S118 a claim left by a launcher that died, or by an earlier process with this pid, does not block the next start', async () => {
    const dataDir = await freshDataDir();
    const claimPath = join(dataDir, startClaimFileName);
    let waits = 0;
    // Far above any pid a system hands out: no process has it.
    await writeFile(claimPath, '2147483646:a-launcher-that-crashed');
    await (await claimStart(dataDir, { onWaiting: () => waits++ }))();
    await writeFile(claimPath, `${process.pid}:before-a-restart`);
    await (await claimStart(dataDir, { onWaiting: () => waits++ }))();
    expect(waits).toBe(0);
  });

  it('S118 a release never removes a claim that is not its own', async () => {
    const dataDir = await freshDataDir();
    const claimPath = join(dataDir, startClaimFileName);
    const release = await claimStart(dataDir);
    // Judged stale and taken over by another start meanwhile (a launcher stopped for 15 s).
    await writeFile(claimPath, `${otherLivePid}:the-next-start`);
    await release();
    expect(await readFile(claimPath, 'utf8')).toBe(`${otherLivePid}:the-next-start`);
  });
});
