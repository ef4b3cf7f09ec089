import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFolderProblem } from './data-folder-check.js';
import { writeInstanceLock } from './instance-lock.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const posix = process.platform !== 'win32';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rpa-data-folder-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

describe('dataFolderProblem', () => {
  it('takes a folder of its own, creates a missing one 0700, and leaves a group-writable one alone', async () => {
    const created = join(root, 'new', 'data');
    expect(await dataFolderProblem(created, { create: true, fromVariable: true })).toBeUndefined();
    if (posix) expect((await stat(created)).mode & 0o777).toBe(0o700);
    const shared = join(root, 'group');
    await mkdir(shared);
    await chmod(shared, 0o775);
    expect(await dataFolderProblem(shared, { create: false, fromVariable: false })).toBeUndefined();
    // The hand-off launcher creates nothing: no folder, no host, which it says itself.
    expect(await dataFolderProblem(join(root, 'absent'), { create: false, fromVariable: true })).toBeUndefined();
  });

  it('names the variable for a path that is a file, which it cannot use', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, '');
    expect(await dataFolderProblem(file, { create: true, fromVariable: true })).toBe(
      `The data folder ${file} (RPA_SUPERVISOR_DATA_DIR) is not a folder. Set RPA_SUPERVISOR_DATA_DIR to a folder of your own, or leave it unset.`,
    );
    expect(await dataFolderProblem(join(file, 'below'), { create: true, fromVariable: true })).toMatch(/^The data folder .+ \(RPA_SUPERVISOR_DATA_DIR\) cannot be used \(ENOTDIR\)\./);
  });

  it.runIf(posix)('S119 refuses a folder every user can write, sticky or not, and one another user owns', async () => {
    for (const mode of [0o777, 0o1777]) {
      const open = join(root, `open-${mode.toString(8)}`);
      await mkdir(open);
      await chmod(open, mode);
      expect(await dataFolderProblem(open, { create: true, fromVariable: false })).toMatch(/can be changed by every user of this computer/);
    }
    const mine = join(root, 'mine');
    await mkdir(mine, { mode: 0o700 });
    const owner = (await stat(mine)).uid;
    expect(await dataFolderProblem(mine, { create: true, fromVariable: true, uid: owner + 1 })).toMatch(/belongs to another user/);
  });
});

describe.runIf(posix)('S119 a lock planted in a data folder other users can write', () => {
  it('S119 neither opens the planter\'s page as RPA Supervisor\'s nor hands them a sign-in link', async () => {
    const dataDir = join(root, 'planted');
    await mkdir(dataDir);
    await chmod(dataDir, 0o777);
    // Another user's program: it answers the launcher's probe as a running host would, and
    // keeps whatever is handed to it.
    const received: string[] = [];
    const planter = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'POST') received.push(body);
        res.writeHead(req.method === 'POST' ? 200 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result: { kind: 'signedIn', profileName: 'Healthcode' } }));
      });
    });
    await new Promise<void>((done) => planter.listen(0, '127.0.0.1', done));
    const { port } = planter.address() as AddressInfo;
    try {
      await writeInstanceLock(dataDir, { pid: process.pid, port, handoffSecret: 'planted', pageUrl: `http://127.0.0.1:${port}/#k=the-planter-s-page` });
      const env = { RPA_SUPERVISOR_DATA_DIR: dataDir };
      const second = await run([join(repoRoot, 'main', 'browser', 'launch.ts'), '--no-open'], env);
      expect(second.output).not.toContain('the-planter-s-page');
      expect(second).toEqual({ code: 2, output: expect.stringContaining(`The data folder ${dataDir} (RPA_SUPERVISOR_DATA_DIR) can be changed by every user`) as unknown });
      const link = 'uk.co.rpasupervisor.dev://auth/callback?code=the-secret-code&state=s';
      const handOff = await run([join(repoRoot, 'bin', 'hand-off.mjs')], env, `${link}\n`);
      expect(received).toEqual([]);
      expect(handOff.code, handOff.output).toBe(2);
      expect(handOff.output).toContain('Nothing was sent.');
    } finally {
      planter.close();
    }
  }, 60_000);
});
