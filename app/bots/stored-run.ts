import { z } from 'zod';
import type { RunView } from '../common/contract.js';
import { redactionKinds } from '../common/patient-data.js';

export { isOlder, newestFirst } from '../common/run-order.js';

const userSchema = z.object({ subject: z.string(), name: z.string().optional() });

/** What is persisted per run: its view, plus the pid so a restart can find leftovers. */
export const storedRunSchema = z.object({
  id: z.string().min(1),
  botId: z.string(),
  botName: z.string(),
  profileId: z.string(),
  status: z.enum(['queued', 'starting', 'running', 'succeeded', 'failed', 'cancelled', 'timedOut', 'halted', 'interrupted', 'waitingForSignIn', 'waitingForSupervisor', 'paused']),
  supervisor: userSchema.optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  exitCode: z.number().nullable().optional(),
  signal: z.string().nullable().optional(),
  reason: z.string().optional(),
  lastError: z.string().optional(),
  waitingFor: z.enum(['approval', 'presence', 'answer', 'company']).optional(),
  since: z.number().optional(),
  haltedBy: z.enum(['signOut', 'expiry', 'absence', 'shutdown']).optional(),
  pid: z.number().int().optional(),
  redactions: z.partialRecord(z.enum(redactionKinds), z.number().int().min(0)).optional(),
  logDeletedAt: z.number().optional(),
  pool: z.string().optional(),
  worker: z.object({ id: z.string(), name: z.string() }).optional(),
});

export type StoredRun = RunView & { pid?: number };

/**
 * The entry once retention deleted the run's log: the summary stays, the log's content (its last
 * error) goes with it.
 */
export function withLogDeleted({ lastError: _lastError, ...stored }: StoredRun, at: number): StoredRun {
  return { ...stored, logDeletedAt: at };
}

export function withoutPid(stored: StoredRun): RunView {
  const { pid: _pid, ...view } = stored;
  return view;
}

/** A page size as every run list bounds it: 1 to 1,000, 100 by default. */
export function runPageLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.floor(limit ?? 100), 1), 1000);
}
