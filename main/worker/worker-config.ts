import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** How `npm run worker` is told where Redis is and who it is (docs/fleet.md, "Running a worker"). */
export interface WorkerConfig {
  /** The address only: never a password or `?options` (a user name is allowed, `rediss://user@host`). */
  redisUrl: string;
  /** A file holding the Redis password (0600); never argv or the environment, which other users may read. */
  redisPasswordFile?: string;
  redisCaFile?: string;
  name: string;
  pools: string[];
  /** Absolute, so what the worker prints names the folder whatever directory a service started it in. */
  dataDir: string;
  botsDir: string;
  /** `--bots` was given: a folder that is not there is then a typing mistake, not a first start. */
  botsDirGiven: boolean;
  onSupervisorLost: 'wait' | 'stop';
  /** The base of the pool queues' names (default `rpa-runs`, so `rpa-runs-ward`): one Redis may hold several fleets, e.g. a training one. */
  queueName: string;
  /** How long a silent worker keeps its jobs before another declares them lost (its BullMQ lock). */
  lostAfterMs: number;
  /** A strict pin of the supervisor's key fingerprint; without it the first supervisor that grants a run is pinned. */
  desktopFingerprint?: string;
  /** Forget the pinned supervisor key at start, on purpose (a reinstalled desktop). */
  repinDesktop: boolean;
}

/** The parsed command line; `problem` is a sentence naming the option as typed, for `fleet_worker_option_invalid`. */
export type WorkerConfigResult = { ok: true; config: WorkerConfig } | { ok: false; help: true } | { ok: false; help?: undefined; problem: string };

export const workerUsage = `Usage: npm run worker -- --redis-url rediss://HOST:PORT [options]

Runs bots for RPA Supervisor on this computer (a fleet worker). It prints its fingerprint:
compare it in RPA Supervisor, Settings → Workers, and approve it there.

  --redis-url URL              the fleet's Redis server: redis://host:port, or rediss://host:port for TLS;
                               rediss://user@host:port for an ACL user (or set RPA_FLEET_REDIS_URL).
                               Never a password: use --redis-password-file.
  --redis-password-file FILE   a file holding only the Redis password, readable only by this worker's user
  --redis-ca-file FILE         the certificate (PEM) of the authority that signed the Redis server's certificate
  --name NAME                  the name shown in Settings → Workers (default: this computer's name)
  --pools a,b                  the pools whose runs it takes: lower-case letters, digits, dashes (default: default)
  --data-dir DIR               its keys, the pinned supervisor key and its live runs
                               (default: RPA_WORKER_DATA_DIR, or ~/.rpa-supervisor-worker); one worker per folder
  --bots DIR                   its bot manifests (default: DIR/bots of the data folder)
  --on-supervisor-lost wait|stop   when the supervisor goes quiet: hold the bots (default) or stop them
  --queue NAME                 the base of the queue names (default: rpa-runs), to keep fleets apart on one Redis
  --lost-after-ms MS           how long a silent worker keeps its runs, 1000 to 600000 (default: 30000)
  --desktop-fingerprint FP     trust only the supervisor with this fingerprint (Settings → Workers)
  --repin-desktop              forget the pinned supervisor key, to pin a reinstalled supervisor's
  -h, --help                   print this and exit

Exit status: 0 stopped (SIGTERM or Ctrl-C), 2 an option to correct, 1 it could not start or run (the line
before says why, with its code). Read more: docs/fleet.md, "Running a worker".
`;

const options = {
  'redis-url': { type: 'string' },
  'redis-password-file': { type: 'string' },
  'redis-ca-file': { type: 'string' },
  name: { type: 'string' },
  pools: { type: 'string' },
  'data-dir': { type: 'string' },
  bots: { type: 'string' },
  'on-supervisor-lost': { type: 'string' },
  queue: { type: 'string' },
  'lost-after-ms': { type: 'string' },
  'desktop-fingerprint': { type: 'string' },
  'repin-desktop': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const exampleAddress = 'rediss://redis.clinic:6380';
const fingerprintPattern = /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/;

export function parseWorkerConfig(argv: readonly string[], env: NodeJS.ProcessEnv): WorkerConfigResult {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true }));
  } catch (error) {
    if (argv.includes('--help') || argv.includes('-h')) return { ok: false, help: true };
    return { ok: false, problem: commandLineProblem(error) };
  }
  if (values.help === true) return { ok: false, help: true };
  const fail = (problem: string): WorkerConfigResult => ({ ok: false, problem });

  const redisUrl = values['redis-url'] ?? env.RPA_FLEET_REDIS_URL;
  if (redisUrl === undefined || redisUrl.trim() === '') return fail(`--redis-url is missing: give the address of the fleet's Redis server, for example --redis-url ${exampleAddress} (or set RPA_FLEET_REDIS_URL)`);
  const addressProblem = redisAddressProblem(redisUrl);
  if (addressProblem !== undefined) return fail(addressProblem);

  const name = values.name ?? hostname();
  // The name travels to the supervisor's screen and this worker's log lines: printable text only.
  if (name.trim() === '' || name.length > 100 || /\p{Cc}/u.test(name)) return fail('--name must be 1 to 100 characters, without line breaks or other control characters, for example --name "Ward PC 1"');

  const pools = (values.pools ?? 'default').split(',').map((p) => p.trim()).filter(Boolean);
  if (pools.length === 0) return fail('--pools names no pool: give one or more, separated by commas, for example --pools ward,billing');
  const badPools = pools.filter((p) => !/^[a-z0-9-]{1,40}$/.test(p));
  if (badPools.length > 0) return fail(`--pools ${badPools.map((p) => JSON.stringify(p)).join(', ')} ${badPools.length === 1 ? 'is not a pool name' : 'are not pool names'}: use lower-case letters, digits and dashes (at most 40), separated by commas, for example --pools ward,billing`);

  const onSupervisorLost = values['on-supervisor-lost'] ?? 'wait';
  if (onSupervisorLost !== 'wait' && onSupervisorLost !== 'stop') return fail(`--on-supervisor-lost ${JSON.stringify(onSupervisorLost)} is not a choice: use wait or stop (wait holds the bots until the supervisor is back, stop stops them)`);

  const queueName = values.queue ?? 'rpa-runs';
  if (!/^[A-Za-z0-9-]{1,60}$/.test(queueName)) return fail(`--queue ${JSON.stringify(queueName)} is not a queue name: use 1 to 60 letters, digits and dashes, for example --queue rpa-runs`);

  const lostAfter = values['lost-after-ms'] ?? '30000';
  const lostAfterMs = /^\d{1,7}$/.test(lostAfter.trim()) ? Number(lostAfter.trim()) : Number.NaN;
  if (!(lostAfterMs >= 1000 && lostAfterMs <= 600_000)) return fail(`--lost-after-ms ${JSON.stringify(lostAfter)} is not a number of milliseconds from 1000 to 600000 (the default is 30000)`);

  const desktopFingerprint = values['desktop-fingerprint']?.trim().toUpperCase();
  if (desktopFingerprint !== undefined && !fingerprintPattern.test(desktopFingerprint)) {
    return fail(`--desktop-fingerprint ${JSON.stringify(values['desktop-fingerprint'])} is not a supervisor fingerprint: it looks like 8TN4-H9VB-2D4G-YD8H (RPA Supervisor, Settings → Workers, "This supervisor's fingerprint")`);
  }

  const dataDir = resolve(values['data-dir'] ?? env.RPA_WORKER_DATA_DIR ?? join(homedir(), '.rpa-supervisor-worker'));
  const file = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : resolve(value));
  const redisPasswordFile = file(values['redis-password-file']);
  const redisCaFile = file(values['redis-ca-file']);
  return {
    ok: true,
    config: {
      redisUrl: redisUrl.trim(),
      ...(redisPasswordFile === undefined ? {} : { redisPasswordFile }),
      ...(redisCaFile === undefined ? {} : { redisCaFile }),
      name,
      pools,
      dataDir,
      botsDir: values.bots === undefined ? join(dataDir, 'bots') : resolve(values.bots),
      botsDirGiven: values.bots !== undefined,
      onSupervisorLost,
      queueName,
      lostAfterMs,
      ...(desktopFingerprint === undefined ? {} : { desktopFingerprint }),
      repinDesktop: values['repin-desktop'] === true,
    },
  };
}

/**
 * What is wrong with a Redis address, never quoting it: a typo'd address may hold the password
 * (`redis://:secret@host`, `?password=`), and the worker's output ends up in service logs.
 */
function redisAddressProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    return `--redis-url is not a Redis address: use redis://host:port, or rediss://host:port for TLS, for example --redis-url ${exampleAddress}`;
  }
  if (url.password !== '' || url.search !== '' || url.hash !== '' || !/^\/?\d{0,2}$/.test(url.pathname)) {
    return '--redis-url must hold the address only, with no password or ?options in it: rediss://host:port, or rediss://user@host:port for an ACL user; put the password alone in a file and name it with --redis-password-file';
  }
  return undefined;
}

/** node:util's parseArgs refusals, said with the option as the administrator typed it and never its value. */
function commandLineProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const option = /'(-{1,2}[^' <=]+)/.exec(message)?.[1] ?? 'an option';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${option} is not an option of the worker (npm run worker -- --help lists them)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'a value was given without its option: every value follows its option (--redis-url rediss://…, --name "Ward PC 1"); with npm, put -- before the options: npm run worker -- --redis-url …';
    default:
      return /does not take an argument/.test(message) ? `${option} takes no value` : `${option} needs a value`;
  }
}
