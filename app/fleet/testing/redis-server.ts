import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prerequisiteMissing } from '../../test-support/prerequisites.js';
import { freeLoopbackPort } from '../../test-support/free-port.js';

/** Debian's redis-server; tests start their own instance, never a shared one. */
export const redisServerPath = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** `prerequisiteMissing` for redis-server: fails in CI, skips with a printed reason elsewhere. */
export function redisServerMissing(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): boolean {
  return prerequisiteMissing(`redis-server at ${redisServerPath}`, exists(redisServerPath), 'apt-get install redis-server', env);
}

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Stops the server (SIGKILL when `hard`) and starts it again on the same port and folder. */
  restart(options?: { hard?: boolean }): Promise<void>;
  /** Stops the server and leaves it down until `up` (a test waits for what should happen meanwhile). */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** PEM text of the server's certificate, its key, and the authority that signed it. */
export interface TestRedisTls {
  cert: string;
  key: string;
  ca: string;
}

function launch(port: number, dir: string, bind: readonly string[], tls: boolean): Promise<ChildProcess> {
  // TLS only: the plain port is closed, clients need no certificate of their own.
  const ports = tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(dir, 'server.pem'), '--tls-key-file', join(dir, 'server.key'), '--tls-ca-cert-file', join(dir, 'ca.pem'), '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  // Persistence stays off so a restart is a cold, empty Redis unless a test writes a dump itself.
  const child = spawn(redisServerPath, [...ports, '--bind', ...bind, '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${String(code)}) before it was ready: ${output.slice(-500)}`)));
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Starts a private redis-server on a free port in a temp folder. `bind` defaults to loopback;
 * fleet fault tests add the root side of each worker's veth pair. With `tls` it serves TLS only
 * (`rediss://`), with that certificate.
 */
export async function startTestRedis(options: { bind?: string | readonly string[]; tls?: TestRedisTls } = {}): Promise<TestRedis> {
  const bind = typeof options.bind === 'string' ? [options.bind] : (options.bind ?? ['127.0.0.1']);
  const dir = mkdtempSync(join(tmpdir(), 'rpa-redis-'));
  const { tls } = options;
  if (tls) {
    writeFileSync(join(dir, 'server.pem'), tls.cert);
    writeFileSync(join(dir, 'server.key'), tls.key, { mode: 0o600 });
    writeFileSync(join(dir, 'ca.pem'), tls.ca);
  }
  const port = await freeLoopbackPort();
  let child = await launch(port, dir, bind, tls !== undefined);
  return {
    port,
    url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${String(port)}`,
    dir,
    async restart({ hard = false } = {}) {
      await stopChild(child, hard ? 'SIGKILL' : 'SIGTERM');
      child = await launch(port, dir, bind, tls !== undefined);
    },
    async down() {
      await stopChild(child, 'SIGTERM');
    },
    async up() {
      child = await launch(port, dir, bind, tls !== undefined);
    },
    async stop() {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
