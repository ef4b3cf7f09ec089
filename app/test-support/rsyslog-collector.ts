import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { acceptsConnections } from './accepts-connections.js';
import { prerequisiteMissing } from './prerequisites.js';
import { pollUntil } from './poll-until.js';

export const rsyslogdPath = process.env.RSYSLOGD_PATH ?? '/usr/sbin/rsyslogd';

export function rsyslogMissing(): boolean {
  return prerequisiteMissing(`rsyslog at ${rsyslogdPath}`, existsSync(rsyslogdPath), 'apt-get install rsyslog');
}

/**
 * A free port below Linux's ephemeral range (32768+), so that while the collector is stopped no
 * other test's listener or outgoing socket takes the port the forwarder keeps calling.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A real Debian rsyslogd of the test's own: imtcp on a loopback port, every message's raw text
 * appended to `out.log` in `dir`. `stop` is an orderly SIGTERM (rsyslog drains its queue);
 * `start` again reuses the port and the file, like a collector restart.
 */
export class RsyslogCollector {
  readonly outPath: string;
  #child: ChildProcess | undefined;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.outPath = join(dir, 'out.log');
  }

  async start(): Promise<void> {
    const config = join(this.dir, 'rsyslog.conf');
    await writeFile(
      config,
      [
        `global(workDirectory="${this.dir}")`,
        // The collector configuration docs/providers.md recommends: a queue that drains, or is
        // saved and replayed, across a restart, so a batch it read is not dropped at shutdown.
        'main_queue(queue.type="LinkedList" queue.filename="mainq" queue.saveOnShutdown="on" queue.timeoutShutdown="5000")',
        'module(load="imtcp")',
        `input(type="imtcp" port="${this.port}" address="127.0.0.1")`,
        'template(name="raw" type="string" string="%rawmsg%\\n")',
        `action(type="omfile" file="${this.outPath}" template="raw")`,
        '',
      ].join('\n'),
    );
    const child = spawn(rsyslogdPath, ['-n', '-f', config, '-i', join(this.dir, 'rsyslogd.pid')], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#child = child;
    await pollUntil(() => acceptsConnections(this.port), 10_000, 'rsyslogd did not start listening');
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    this.#child = undefined;
  }

  async lines(): Promise<string[]> {
    try {
      return (await readFile(this.outPath, 'utf8')).split('\n').filter((line) => line.length > 0);
    } catch {
      return [];
    }
  }
}
