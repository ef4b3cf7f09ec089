import { z } from 'zod';

/**
 * Where fleet mode keeps things in Redis, besides BullMQ's own keys. Nothing here ever holds a
 * token, code or run secret in clear: leases are JWE to one worker's key; logs are redacted on the
 * worker before they are written.
 */
export const fleetKeys = {
  /** JWE lease for one run, with a TTL (PX) so it lapses by itself. */
  lease: (runId: string) => `rpa:fleet:lease:${runId}`,
  /** Redacted log lines of one run, capped (XADD MAXLEN). */
  log: (runId: string) => `rpa:fleet:log:${runId}`,
  /** Status changes of every remote run (stream, capped). */
  status: 'rpa:fleet:status',
  /** Workers asking to be approved: their public keys and fingerprints (hash by worker id). */
  enrolments: 'rpa:fleet:enrolments',
  /** The supervisor desktop's public keys (JWK set) and fingerprint, which workers pin (desktop-key.ts). */
  desktopKey: 'rpa:fleet:desktop-key',
  /** A worker is up: the time it last said so, lapsing a few beats after its last (worker-heartbeat.ts). Nothing secret. */
  alive: (workerId: string) => `rpa:fleet:alive:${workerId}`,
  /** One artifact a worker sealed to the desktop's key, with a TTL until the desktop takes it (remote-artifacts.ts). */
  artifact: (runId: string, artifactId: string) => `rpa:fleet:artifact:${runId}:${artifactId}`,
} as const;

export const fleetChannels = {
  /** Worker → supervisor: `{ runId, pool, claim }`, the signed claim for a job it took. */
  claims: 'rpa:fleet:claims',
  /** Supervisor → workers: `{ runId }`, a fresh lease is in `fleetKeys.lease(runId)`. */
  leases: 'rpa:fleet:leases',
  /** Supervisor → workers: `{ runId, reason, detail, signed }`, the claim was refused; the worker starts nothing (it reads the signed copy only, whose `already_started` names the holder, which goes on). */
  refusals: 'rpa:fleet:refusals',
  /** Supervisor → workers: `{ signed }` over `{ runIds }` or `{ all: true }` (desktop-message.ts), stop serving tokens now. */
  revoke: 'rpa:fleet:revoke',
  /** Supervisor → workers: `{ signed }` over `{ verb, mode? }` for the envelope's run (see ControlVerb), or `{ all: true, verb }`. */
  control: 'rpa:fleet:control',
  /** Worker → supervisor: `{ runId, askId, signed }`, a bot's question signed with the worker's key (question-relay.ts). */
  questions: 'rpa:fleet:questions',
  /** Supervisor → workers: `{ runId, askId, workerId, sealed }`, how the question ended, signed by the desktop and sealed to that worker's key. */
  answers: 'rpa:fleet:answers',
  /** Worker → supervisor: `{ runId, artifactId, signed }`, an artifact is waiting in `fleetKeys.artifact` (remote-artifacts.ts). */
  artifacts: 'rpa:fleet:artifacts',
  /** Supervisor → workers: `{ signed }`, whether the desktop kept an artifact (signed by the desktop key). */
  artifactReplies: 'rpa:fleet:artifact-replies',
} as const;

/** Log lines kept per run in Redis; the desktop copies them into the run's own log as they come. */
export const remoteLogCap = 2000;

export interface ClaimMessage {
  runId: string;
  pool: string;
  claim: string;
}

export interface RevokeMessage {
  runIds?: string[];
  all?: boolean;
}

/**
 * `stop` (SIGTERM, then SIGKILL), `kill`, `safeStop` (the bot's next `checkpoint()` answers stop),
 * `pause` and `resume` (at the next `checkpoint()`, or by SIGSTOP/SIGCONT to the bot's group).
 */
export type ControlVerb = 'stop' | 'kill' | 'safeStop' | 'pause' | 'resume';

/** The signed body of a control message; the run is the signed envelope's. */
export interface ControlMessage {
  runId?: string;
  all?: boolean;
  verb: ControlVerb;
  /** `pause`/`resume`: how the desktop decided to hold this bot (manifest `checkpoints`). */
  mode?: 'checkpoint' | 'signal';
}

const remoteStatuses = ['starting', 'running', 'paused', 'waiting for supervisor', 'succeeded', 'failed', 'stopped', 'interrupted', 'refused'] as const;

export interface RemoteStatus {
  runId: string;
  workerId: string;
  workerName: string;
  status: (typeof remoteStatuses)[number];
  detail?: string;
  at: number;
}

/** A worker's name as `--name` allows it (1–100 characters, no control characters): it reaches the run views. */
export const workerNameSchema = z.string().min(1).max(100).regex(/^\P{Cc}+$/u);

/**
 * A status as a worker writes it (worker-run-report.ts), bounded: anyone who can write to Redis
 * can add to the stream, and what passes here reaches the run's view, its history and the screen.
 */
const remoteStatusSchema = z.object({
  runId: z.string().min(1).max(200),
  workerId: z.string().min(1).max(64),
  workerName: workerNameSchema,
  status: z.enum(remoteStatuses),
  detail: z.string().max(2000).optional(),
  at: z.number().nonnegative(),
});

/** A status entry's text, checked; why not, in a few words, when it is malformed or too large. */
export function parseRemoteStatus(text: string): { ok: true; status: RemoteStatus } | { ok: false; why: string } {
  const parsed = remoteStatusSchema.safeParse(parseMessage<unknown>(text));
  if (parsed.success) return { ok: true, status: parsed.data as RemoteStatus };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? 'the entry')))].slice(0, 6);
  return { ok: false, why: `${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} missing, malformed or too long` };
}

/** Parses a pub/sub message body; a malformed one is ignored rather than trusted. */
export function parseMessage<T>(text: string): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
