import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Supervisor } from '../../app/supervisor.js';
import { BrowserHostServer } from './browser-host-server.js';
import { liveInstanceLock, writeInstanceLock } from './instance-lock.js';

let dataDir: string;
let rendererDir: string;
let server: BrowserHostServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rpa-lock-'));
  rendererDir = await mkdtemp(join(tmpdir(), 'rpa-lock-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>RPA Supervisor</title>');
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  server = await BrowserHostServer.start({ supervisor: new Promise<Supervisor>(() => undefined), rendererDir, logger: quiet });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(rendererDir, { recursive: true, force: true });
});

describe('liveInstanceLock', () => {
  it('finds the running host by its lock when the host answers to its hand-off secret', async () => {
    const lock = { pid: process.pid === 1 ? process.ppid : 1, port: server.port, handoffSecret: server.handoffSecret, pageUrl: server.pageUrl };
    await writeInstanceLock(dataDir, lock);
    expect(await liveInstanceLock(dataDir)).toEqual(lock);
  });

  it('treats a crashed host\'s lock as stale when its pid now belongs to another process, even this one', async () => {
    // After a crash and a restart (a reboot, a container) the pid is often taken again, by anything.
    const stale = { pid: process.pid, port: server.port, handoffSecret: 'the-crashed-host-s-secret', pageUrl: 'http://127.0.0.1:1/#k=old' };
    await writeInstanceLock(dataDir, stale);
    expect(await liveInstanceLock(dataDir)).toBeUndefined();
    // A live pid, but nothing answers on the port, or another host does (a secret it refuses).
    await writeInstanceLock(dataDir, { ...stale, pid: process.ppid, port: 1 });
    expect(await liveInstanceLock(dataDir)).toBeUndefined();
    await writeInstanceLock(dataDir, { ...stale, pid: process.ppid });
    expect(await liveInstanceLock(dataDir)).toBeUndefined();
  });
});
