import type { Redis } from 'ioredis';
import { patientIdentifierKinds, type RedactionCounts } from '../common/patient-data.js';
import { fleetKeys, parseRemoteStatus, type RemoteStatus } from './fleet-channels.js';

export interface RemoteStreamHandlers {
  status(entry: RemoteStatus): void | Promise<void>;
  /** `redacted`: the patient identifiers the worker replaced in this line, by kind. */
  line(runId: string, stream: 'out' | 'err', text: string, redacted?: RedactionCounts): void;
}

type Entry = [id: string, fields: string[]];

/**
 * Reads what workers write back: every remote run's status (`rpa:fleet:status`) and the redacted
 * log lines of the runs the desktop follows (`rpa:fleet:log:<runId>`), with one blocking XREAD on
 * a connection of its own. Log lines of a stream are handed over before the statuses of the same
 * read, so a run's last lines are in its log before its end is written.
 */
export class RemoteStreamReader {
  readonly #blocking: Redis;
  readonly #commands: Redis;
  readonly #handlers: RemoteStreamHandlers;
  readonly #blockMs: number;
  /** Stream key → the last id read. */
  readonly #cursors = new Map<string, string>();
  #closed = false;
  #loop: Promise<void> | undefined;

  /** `onRefused`: a status entry dropped as malformed or too large, with why (never its content). */
  constructor(options: { blocking: Redis; commands: Redis; handlers: RemoteStreamHandlers; blockMs?: number; onError?: (error: unknown) => void; onRefused?: (why: string) => void }) {
    this.#onRefused = options.onRefused ?? (() => undefined);
    this.#blocking = options.blocking;
    this.#commands = options.commands;
    this.#handlers = options.handlers;
    this.#blockMs = options.blockMs ?? 500;
    this.#onError = options.onError ?? (() => undefined);
  }

  readonly #onError: (error: unknown) => void;
  readonly #onRefused: (why: string) => void;

  /** Starts after the newest status already written: statuses of earlier desktops are not this one's. */
  async start(): Promise<void> {
    const [last] = await this.#commands.xrevrange(fleetKeys.status, '+', '-', 'COUNT', 1);
    this.#cursors.set(fleetKeys.status, last?.[0] ?? '0-0');
    this.#loop = this.#run();
  }

  /** Reads a run's log stream from its start (the worker may have written before the desktop looked). */
  follow(runId: string): void {
    const key = fleetKeys.log(runId);
    if (!this.#cursors.has(key)) this.#cursors.set(key, '0-0');
  }

  /** Everything the worker wrote to the run's log stream that is not read yet; then it is no longer followed. */
  async drain(runId: string): Promise<void> {
    const key = fleetKeys.log(runId);
    const from = this.#cursors.get(key) ?? '0-0';
    this.#cursors.delete(key);
    const entries = (await this.#commands.xrange(key, `(${from}`, '+')) as Entry[];
    this.#lines(runId, entries);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#blocking.disconnect();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      const keys = [...this.#cursors.keys()];
      try {
        const ids = keys.map((key) => this.#cursors.get(key) ?? '0-0');
        const result = (await this.#blocking.call('XREAD', 'COUNT', '500', 'BLOCK', String(this.#blockMs), 'STREAMS', ...keys, ...ids)) as [string, Entry[]][] | null;
        if (result !== null) await this.#deliver(result);
      } catch (error) {
        if (this.#closed) return;
        this.#onError(error);
        // The client reconnects by itself; wait for it rather than spinning on a dead socket.
        await new Promise((resolve) => setTimeout(resolve, 500).unref());
      }
    }
  }

  async #deliver(result: [string, Entry[]][]): Promise<void> {
    const logs = result.filter(([key]) => key !== fleetKeys.status);
    for (const [key, entries] of logs) {
      // A run drained meanwhile is no longer followed; its lines were read then.
      if (!this.#cursors.has(key) || entries.length === 0) continue;
      this.#cursors.set(key, entries[entries.length - 1]![0]);
      this.#lines(key.slice(fleetKeys.log('').length), entries);
    }
    const statuses = result.find(([key]) => key === fleetKeys.status)?.[1] ?? [];
    if (statuses.length > 0) this.#cursors.set(fleetKeys.status, statuses[statuses.length - 1]![0]);
    for (const [id, fields] of statuses) {
      const parsed = parseRemoteStatus(field(fields, 'status') ?? '');
      if (!parsed.ok) {
        this.#onRefused(`status ${id}: ${parsed.why}`);
        continue;
      }
      const entry = parsed.status;
      if (entry.status === 'running' || entry.status === 'starting') this.follow(entry.runId);
      await this.#handlers.status(entry);
    }
  }

  #lines(runId: string, entries: Entry[]): void {
    for (const [, fields] of entries) {
      const text = field(fields, 'line');
      if (text !== undefined) this.#handlers.line(runId, field(fields, 'stream') === 'err' ? 'err' : 'out', text, redactedCounts(field(fields, 'redacted')));
    }
  }
}

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** A line's counts from its worker: known patient kinds only, each a whole number no larger than one line can hold. */
export function redactedCounts(raw: string | undefined): RedactionCounts | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const counts: RedactionCounts = {};
  for (const kind of patientIdentifierKinds) {
    const value = (parsed as Record<string, unknown>)[kind];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= maxPerLine) counts[kind] = value;
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}

/** A 16 KB line holds at most a few thousand identifiers: anything more is not a count. */
const maxPerLine = 10_000;
