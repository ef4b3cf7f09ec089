import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBrowserHostProcess, type BrowserHostProcess } from './support/browser-host-process.js';

/**
 * `npm run start:browser` again while RPA Supervisor runs (a person who closed the tab, or
 * clicks the shortcut twice): like a desktop app's second start, which brings its window
 * forward, it opens the running host's page in the browser rather than only printing it. The
 * system's opener (`xdg-open`) is a stand-in on PATH that writes down what it was asked to open.
 */
let host: BrowserHostProcess;
let fakeBin: string;
const opened = () => readFile(join(fakeBin, 'opened.txt'), 'utf8').catch(() => '');

test.beforeAll(async () => {
  fakeBin = await mkdtemp(join(tmpdir(), 'rpa-fake-opener-'));
  const opener = join(fakeBin, 'xdg-open');
  await writeFile(opener, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${join(fakeBin, 'opened.txt')}'\n`);
  await chmod(opener, 0o755);
  host = await startBrowserHostProcess({ PATH: `${fakeBin}:${process.env.PATH ?? ''}` });
});

test.afterAll(async () => {
  await host?.stop();
  await rm(fakeBin, { recursive: true, force: true });
});

test('a second start opens the running host\'s page in the browser; with --no-open it only says where it is', async () => {
  test.skip(process.platform !== 'linux', `the stand-in opener is xdg-open, which only Linux uses (this is ${process.platform})`);
  const second = await host.runLauncher([]);
  expect(second.code, second.output).toBe(0);
  expect(second.output).toContain(`RPA Supervisor is already running. Open: ${host.pageUrl}`);
  await expect.poll(opened).toBe(`${host.pageUrl}\n`);

  const quiet = await host.runLauncher(['--no-open']);
  expect(quiet.code, quiet.output).toBe(0);
  expect(quiet.output).toContain(`Open: ${host.pageUrl}`);
  // Only the first asked for the page: a later one would have been written by now, the launcher having exited.
  expect(await opened()).toBe(`${host.pageUrl}\n`);
});
