import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { prerequisiteMissing } from '../../test-support/prerequisites.js';

const run = promisify(execFile);

/** iproute2's `ip`, which CI installs (.ci/run). */
export const ipPath = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => existsSync(path)) ?? '/usr/sbin/ip';

/**
 * Network namespaces need root and iproute2. CI runs as root and installs iproute2, so there a
 * missing one fails; elsewhere the fleet fault tests skip with this printed reason.
 */
export function networkNamespacesMissing(env: NodeJS.ProcessEnv = process.env): boolean {
  const root = process.platform === 'linux' && process.getuid?.() === 0;
  return prerequisiteMissing(`network namespaces (root on Linux with iproute2 at ${ipPath}; running as uid ${String(process.getuid?.())})`, root && existsSync(ipPath), 'run as root and apt-get install iproute2', env);
}

async function ip(...args: string[]): Promise<string> {
  const { stdout } = await run(ipPath, args);
  return stdout;
}

/** One worker host's network: a namespace joined to the root namespace by a veth pair on a /30. */
export interface NetworkNamespace {
  readonly name: string;
  /** The root side of the pair: where Redis and the sandbox are reached from inside. */
  readonly hostAddress: string;
  readonly innerAddress: string;
  /** argv prefix that runs a command inside the namespace. */
  readonly exec: readonly string[];
  /** Cuts the link (the root side goes down): the worker cannot reach Redis or the sandbox. */
  linkDown(): Promise<void>;
  linkUp(): Promise<void>;
  remove(): Promise<void>;
}

let serial = 0;

/** A /30 no interface on this machine uses yet: 10.x.y.(4k+1) on the root side, +2 inside. */
async function freeSubnet(): Promise<{ host: string; inner: string }> {
  const used = await ip('-4', '-o', 'addr', 'show');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = `10.${String(randomInt(100, 250))}.${String(randomInt(0, 256))}.`;
    const block = randomInt(0, 64) * 4;
    const host = `${base}${String(block + 1)}`;
    const inner = `${base}${String(block + 2)}`;
    if (!used.includes(` ${host}/`) && !used.includes(` ${inner}/`)) return { host, inner };
  }
  throw new Error('no free /30 found for a test network namespace');
}

/**
 * Creates a namespace with loopback up, a veth pair whose root side carries `hostAddress`, and a
 * default route through it. Names carry this process's pid and a counter, so parallel test runs
 * never collide. Interface names stay within the kernel's 15 characters.
 */
export async function createNetworkNamespace(): Promise<NetworkNamespace> {
  serial += 1;
  const tag = `${process.pid.toString(36)}${serial.toString(36)}`;
  const name = `rpa-fleet-${tag}`;
  const hostIf = `rfh${tag}`.slice(0, 15);
  const innerIf = `rfn${tag}`.slice(0, 15);
  const { host, inner } = await freeSubnet();
  const remove = async (): Promise<void> => {
    await ip('link', 'del', hostIf).catch(() => undefined);
    await ip('netns', 'del', name).catch(() => undefined);
  };
  try {
    await ip('netns', 'add', name);
    await ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', innerIf, 'netns', name);
    await ip('addr', 'add', `${host}/30`, 'dev', hostIf);
    await ip('link', 'set', hostIf, 'up');
    await ip('-n', name, 'addr', 'add', `${inner}/30`, 'dev', innerIf);
    await ip('-n', name, 'link', 'set', innerIf, 'up');
    await ip('-n', name, 'link', 'set', 'lo', 'up');
    await ip('-n', name, 'route', 'add', 'default', 'via', host);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    name,
    hostAddress: host,
    innerAddress: inner,
    exec: [ipPath, 'netns', 'exec', name],
    linkDown: async () => void (await ip('link', 'set', hostIf, 'down')),
    linkUp: async () => void (await ip('link', 'set', hostIf, 'up')),
    remove,
  };
}
