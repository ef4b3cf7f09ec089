import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  const port = await freePort();
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

/** A port nothing listens on right now (for a proxy that is down, or to start one on). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilListening(port: number, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (gone) throw new Error('tinyproxy exited before it listened');
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('tinyproxy did not start listening within 5 s');
}
