import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLogLine } from '../../app/bots/log-file-format.js';
import { RunHistory, type StoredRun } from '../../app/bots/run-history.js';
import { nullLogger } from '../../app/ports/logger.js';

export interface SeededClinicWeek {
  dataDir: string;
  /** Oldest first. */
  runs: StoredRun[];
}

/** Bots of e2e/support/test-bots, and one that has since been removed from the bots folder. */
const bots = [
  { botId: 'remittance-import', botName: 'Remittance import' },
  { botId: 'claims-watcher', botName: 'Claims watcher' },
  { botId: 'api-bot', botName: 'Who am I (API bot)' },
  { botId: 'ward-round-list', botName: 'Ward round list' },
] as const;

const supervisors = [
  { subject: 'u-1001', name: 'Priya Shah' },
  { subject: 'u-1002', name: 'Tom Okafor' },
  { subject: 'u-1003', name: 'Dr Demo Supervisor' },
] as const;

/**
 * A clinic's week of runs, as the Run history screen meets it on a Monday morning: `count` runs
 * of four bots by three supervisors over the last eight days, mostly succeeded, with failures,
 * time-outs, stops, halts and interruptions, their reasons, what redaction hid, and a log file
 * each (the failures' with a last error). Past 1,000, the oldest are in the run archive.
 * Deterministic: run `i` has the same bot, status and person in every test run.
 */
export async function seedClinicWeek(count: number, now = Date.now()): Promise<SeededClinicWeek> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpa-supervisor-e2e-week-'));
  const logsDir = join(dataDir, 'logs');
  await mkdir(logsDir, { recursive: true, mode: 0o700 });
  const spanMs = 8 * 24 * 60 * 60_000;
  const firstAt = now - spanMs;
  const stepMs = Math.floor((spanMs - 60 * 60_000) / count);
  const runs: StoredRun[] = Array.from({ length: count }, (_, index) => {
    const bot = bots[index % bots.length] ?? bots[0];
    const supervisor = supervisors[Math.floor(index / 7) % supervisors.length] ?? supervisors[0];
    const startedAt = firstAt + index * stepMs;
    const base = { id: `run-week-${String(index).padStart(5, '0')}`, ...bot, profileId: 'sandbox', supervisor, startedAt };
    return { ...base, ...outcomeOf(index, startedAt) };
  });
  const history = new RunHistory({ path: join(dataDir, 'runs.json'), logger: nullLogger });
  for (let from = 0; from < runs.length; from += 100) history.upsertMany(runs.slice(from, from + 100));
  for (const run of runs) {
    const lines = [`Starting ${run.botName} for ${run.supervisor?.name ?? 'nobody'}`, `Worked through the list for ${run.id}`];
    if (run.lastError) lines.push(run.lastError);
    const text = lines.map((line, seq) => formatLogLine({ seq, at: run.startedAt + seq * 1_000, stream: run.lastError && seq === lines.length - 1 ? 'stderr' : 'stdout', text: line })).join('');
    await writeFile(join(logsDir, `${run.id}.log`), text, { mode: 0o600 });
  }
  return { dataDir, runs };
}

function outcomeOf(index: number, startedAt: number): Pick<StoredRun, 'status'> & Partial<StoredRun> {
  const ended = (ms: number) => ({ endedAt: startedAt + ms });
  switch (index % 23) {
    case 3:
    case 14:
      return { status: 'failed', exitCode: 3, ...ended(95_000), reason: 'The bot exited with code 3.', lastError: 'Error: Healthcode said 503 Service Unavailable' };
    case 8:
      return { status: 'timedOut', exitCode: null, signal: 'SIGTERM', ...ended(30 * 60_000), reason: 'Stopped after its time limit of 30 min.' };
    case 11:
      return { status: 'cancelled', exitCode: null, signal: 'SIGTERM', ...ended(12_000), reason: 'Stopped by the operator.' };
    case 17:
      return { status: 'halted', haltedBy: 'expiry', exitCode: null, ...ended(4 * 60_000), reason: 'The session expired, and this profile stops its bots at expiry.' };
    case 20:
      return { status: 'interrupted', ...ended(61_000), reason: 'RPA Supervisor stopped while this run was live. It was not started again by itself; check what the bot had done, then use Run again if needed.' };
    default:
      return { status: 'succeeded', exitCode: 0, ...ended(45_000 + (index % 5) * 30_000), ...(index % 9 === 0 ? { redactions: { nhsNumber: 2, postcode: 1 } } : {}) };
  }
}
