import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** How `npm run worker` is told where Redis is and who it is (docs/fleet.md, "Operations"). */
export interface WorkerConfig {
  redisUrl: string;
  /** A file holding the Redis password (0600); never argv or the environment, which other users may read. */
  redisPasswordFile?: string;
  redisCaFile?: string;
  name: string;
  pools: string[];
  dataDir: string;
  botsDir: string;
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

const configSchema = z.object({
  redisUrl: z.string().regex(/^rediss?:\/\/[^\s@]+$/, 'use redis:// or rediss:// without a password in it (use --redis-password-file)'),
  redisPasswordFile: z.string().min(1).optional(),
  redisCaFile: z.string().min(1).optional(),
  name: z.string().min(1).max(100),
  pools: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/, 'pool names are lower-case letters, digits and dashes')).min(1),
  dataDir: z.string().min(1),
  botsDir: z.string().min(1),
  onSupervisorLost: z.enum(['wait', 'stop']),
  queueName: z.string().regex(/^[A-Za-z0-9-]{1,60}$/, 'queue names are letters, digits and dashes'),
  lostAfterMs: z.number().int().min(1000).max(600_000),
  desktopFingerprint: z.string().regex(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/, 'a supervisor fingerprint looks like 8TN4-H9VB-2D4G-YD8H (Settings → Workers)').optional(),
  repinDesktop: z.boolean(),
});

export type WorkerConfigResult = { ok: true; config: WorkerConfig } | { ok: false; message: string };

export function parseWorkerConfig(argv: readonly string[], env: NodeJS.ProcessEnv): WorkerConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
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
      },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}. See docs/fleet.md, "Operations".` };
  }
  const dataDir = values['data-dir'] ?? env.RPA_WORKER_DATA_DIR ?? join(homedir(), '.rpa-supervisor-worker');
  const parsed = configSchema.safeParse({
    redisUrl: values['redis-url'] ?? env.RPA_FLEET_REDIS_URL,
    redisPasswordFile: values['redis-password-file'],
    redisCaFile: values['redis-ca-file'],
    name: values.name ?? hostname(),
    pools: (values.pools ?? 'default').split(',').map((p) => p.trim()).filter(Boolean),
    dataDir,
    botsDir: values.bots ?? join(dataDir, 'bots'),
    onSupervisorLost: values['on-supervisor-lost'] ?? 'wait',
    queueName: values.queue ?? 'rpa-runs',
    lostAfterMs: values['lost-after-ms'] === undefined ? 30_000 : Number(values['lost-after-ms']),
    desktopFingerprint: values['desktop-fingerprint']?.trim().toUpperCase(),
    repinDesktop: values['repin-desktop'] === true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') || 'configuration'}: ${issue?.message ?? 'invalid'}. See docs/fleet.md, "Operations".` };
  }
  return { ok: true, config: parsed.data };
}
