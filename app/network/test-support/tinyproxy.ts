import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnections } from '../../test-support/accepts-connections.js';
import { freeLoopbackPort } from '../../test-support/free-port.js';
import { pollUntil } from '../../test-support/poll-until.js';

export const tinyproxyPath = '/usr/bin/tinyproxy';

export function tinyproxyInstalled(): boolean {
  return existsSync(tinyproxyPath) && spawnSync('openssl', ['version']).status === 0;
}

export interface RunningTinyproxy {
  /** e.g. http://127.0.0.1:PORT, for HTTPS_PROXY. */
  url: string;
  port: number;
  /** The CONNECT tunnels and plain requests the proxy opened, as its log lines, oldest first. */
  requests(): string[];
  stop(): Promise<void>;
}

/**
 * Debian's tinyproxy on a free loopback port, with its own configuration and access log in a
 * temporary folder, in the foreground so that stopping the test's child stops it. `connectPorts`
 * limits the ports CONNECT may reach (a proxy that refuses), as IT often does; default any.
 */
export async function startTinyproxy(options: { connectPorts?: number[] } = {}): Promise<RunningTinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-tinyproxy-'));
  const port = await freeLoopbackPort();
  const logFile = join(dir, 'access.log');
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${logFile}"`,
    'LogLevel Connect',
    'MaxClients 100',
    'Allow 127.0.0.1',
    'DisableViaHeader Yes',
    ...(options.connectPorts ?? []).map((allowed) => `ConnectPort ${allowed}`),
  ];
  writeFileSync(join(dir, 'tinyproxy.conf'), `${config.join('\n')}\n`);
  const child: ChildProcess = spawn(tinyproxyPath, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilListening(port, exited);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () =>
      (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '')
        .split('\n')
        .filter((line) => /Request \(file descriptor \d+\): /.test(line))
        .map((line) => line.replace(/^.*Request \(file descriptor \d+\): /, '')),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilListening(port: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  await pollUntil(
    () => {
      if (gone) throw new Error('tinyproxy exited before it listened');
      return acceptsConnections(port);
    },
    5_000,
    'tinyproxy did not start listening within 5 s',
  );
}
