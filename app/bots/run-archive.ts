import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { RunCursor, RunView } from '../common/contract.js';
import { readLinesBackward } from '../audit/read-lines.js';
import { isOlder, newestFirst, storedRunSchema, withLogDeleted, withoutPid } from './stored-run.js';

/**
 * A line of the archive: a run's final summary, with the latest start of any run at or before it
 * in the file (`max`), or a note that retention deleted some archived runs' logs.
 */
export type ArchiveLine = { kind: 'run'; run: RunView; max: number } | { kind: 'logDeleted'; at: number; ids: string[] };

const runLineSchema = z.object({ max: z.number(), run: storedRunSchema });
const logDeletedLineSchema = z.object({ logDeletedAt: z.number(), ids: z.array(z.string()) });
/** A run line starts with its `max`, so a page can tell where to stop without parsing the run. */
const runLinePrefix = /^\{"max":(-?[0-9.e+-]+),"run":/;
const tailChunkBytes = 64 * 1024;
/** Pages remembered while the file is unchanged: the screen re-reads its first page at every run start and end. */
const cachedPages = 8;

export function parseArchiveLine(text: string): ArchiveLine | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const run = runLineSchema.safeParse(raw);
  if (run.success) return { kind: 'run', run: withoutPid(run.data.run), max: run.data.max };
  const deleted = logDeletedLineSchema.safeParse(raw);
  return deleted.success ? { kind: 'logDeleted', at: deleted.data.logDeletedAt, ids: deleted.data.ids } : undefined;
}

export function runLine(run: RunView, max: number): string {
  return JSON.stringify({ max, run });
}

/**
 * The runs pruned from a run history (`runs.json`), one JSON line each in an append-only file
 * (`runs-archive.jsonl`, 0600), so the Run history screen and a run's log reach back as far as
 * retention keeps logs (docs/bots.md, "History").
 *
 * Appends are synchronous and fsynced: the history prunes a run only once its line is on disk, so
 * a crash in between leaves the run in both files (pages show it once), never in neither. A torn
 * last line is ignored on read, and the next append starts on a line of its own. Retention marks
 * archived runs' logs deleted with a line of its own, and compacts the file once a pass
 * (run-archive-sweep.ts).
 */
export class RunArchive {
  readonly path: string;
  /** The latest start in the file (-Infinity when empty); undefined until the tail is read. */
  #max: number | undefined;
  #endsWithNewline = true;
  readonly #pages = new Map<string, RunView[]>();

  constructor(path: string) {
    this.path = path;
  }

  /** Adds the runs' summaries, oldest first, on disk before it returns; throws if it could not. */
  append(runs: readonly RunView[]): void {
    if (runs.length === 0) return;
    let max = this.maxStartedAt();
    const lines = runs.map((run) => runLine(run, (max = Math.max(max, run.startedAt))));
    this.#write(lines);
    this.#max = max;
  }

  /** Retention deleted these archived runs' logs; throws if the note could not be written. */
  markLogsDeleted(runIds: readonly string[], at: number): void {
    if (runIds.length > 0) this.#write([JSON.stringify({ logDeletedAt: at, ids: runIds })]);
  }

  /** The latest start of an archived run, -Infinity when there is none: no older page can hold a later one. */
  maxStartedAt(): number {
    this.#max ??= this.#readTail();
    return this.#max;
  }

  /**
   * The newest `limit` archived runs older than `before`, of one bot if `botId` is given, newest
   * first. Reads the file backwards and stops as soon as no earlier line can hold a newer run.
   */
  async page(filter: { botId?: string | undefined; before?: RunCursor | undefined; limit: number }): Promise<RunView[]> {
    // Appends grow the file and a compaction replaces it: either changes the key.
    const file = await stat(this.path, { bigint: true }).catch(() => undefined);
    const key = file && JSON.stringify([String(file.ino), String(file.size), String(file.mtimeNs), filter.botId, filter.before, filter.limit]);
    const cached = key === undefined ? undefined : this.#pages.get(key);
    if (cached) return cached;
    const page = await this.#page(filter);
    if (key !== undefined) this.#remember(key, page);
    return page;
  }

  async #page(filter: { botId?: string | undefined; before?: RunCursor | undefined; limit: number }): Promise<RunView[]> {
    const botMark = filter.botId === undefined ? undefined : `"botId":${JSON.stringify(filter.botId)}`;
    const found: RunView[] = [];
    const seen = new Set<string>();
    const deleted = new Map<string, number>();
    await this.#backwards((text) => {
      const prefix = runLinePrefix.exec(text);
      if (prefix) {
        // Every line from here back is of a run that started no later than `max`.
        if (found.length === filter.limit && (found.at(-1)?.startedAt ?? Infinity) > Number(prefix[1])) return false;
        if (botMark !== undefined && !text.includes(botMark)) return true;
      }
      const line = parseArchiveLine(text);
      if (line?.kind === 'logDeleted') for (const id of line.ids) if (!deleted.has(id)) deleted.set(id, line.at);
      if (line?.kind !== 'run' || seen.has(line.run.id)) return true;
      // The newest line of a run is its summary: one written twice (a crash before runs.json was saved) shows once.
      seen.add(line.run.id);
      if ((filter.botId !== undefined && line.run.botId !== filter.botId) || !isOlder(line.run, filter.before)) return true;
      insertNewestFirst(found, line.run, filter.limit);
      return true;
    });
    // A run's note comes after its line, so every note about the runs found has been read.
    return found.map((run) => marked(run, deleted));
  }

  /** One archived run by id, with its log marked deleted if retention said so; undefined if absent. */
  async find(runId: string): Promise<RunView | undefined> {
    const mark = JSON.stringify(runId);
    let deletedAt: number | undefined;
    let found: RunView | undefined;
    await this.#backwards((text) => {
      if (!text.includes(mark)) return true;
      const line = parseArchiveLine(text);
      if (line?.kind === 'logDeleted' && line.ids.includes(runId)) deletedAt ??= line.at;
      if (line?.kind !== 'run' || line.run.id !== runId) return true;
      found = line.run;
      return false;
    });
    return found && marked(found, deletedAt === undefined ? new Map() : new Map([[runId, deletedAt]]));
  }

  #remember(key: string, page: RunView[]): void {
    this.#pages.set(key, page);
    for (const old of this.#pages.keys()) {
      if (this.#pages.size <= cachedPages) break;
      this.#pages.delete(old);
    }
  }

  /** Calls `visit` with each complete line, newest first, while it returns true. */
  async #backwards(visit: (text: string) => boolean): Promise<void> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      for await (const line of readLinesBackward(handle, (await handle.stat()).size)) if (!visit(line.text)) break;
    } finally {
      await handle.close();
    }
  }

  #write(lines: readonly string[]): void {
    this.maxStartedAt();
    const bytes = Buffer.from(`${this.#endsWithNewline ? '' : '\n'}${lines.join('\n')}\n`, 'utf8');
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a', 0o600);
    try {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.#endsWithNewline = true;
  }

  /**
   * The latest start in the file, from its last run line, and whether the file ends a line: a
   * torn last line (a crash mid-append) must not swallow the next one.
   */
  #readTail(): number {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return -Infinity;
    }
    try {
      const size = fstatSync(fd).size;
      for (let window = tailChunkBytes; ; window *= 2) {
        const from = Math.max(0, size - window);
        const buffer = Buffer.alloc(size - from);
        readSync(fd, buffer, 0, buffer.length, from);
        if (window === tailChunkBytes) this.#endsWithNewline = size === 0 || buffer.at(-1) === 0x0a;
        const lines = buffer.toString('utf8').split('\n');
        // The last piece is unterminated (or empty); the first may be the end of an earlier line.
        for (let i = lines.length - 2; i >= (from === 0 ? 0 : 1); i -= 1) {
          const prefix = runLinePrefix.exec(lines[i] ?? '');
          if (prefix && parseArchiveLine(lines[i] ?? '')?.kind === 'run') return Number(prefix[1]);
        }
        if (from === 0) return -Infinity;
      }
    } finally {
      closeSync(fd);
    }
  }
}

/** Keeps `found` the newest `limit` runs, newest first: lines arrive mostly, not always, in that order. */
function insertNewestFirst(found: RunView[], run: RunView, limit: number): void {
  let index = found.length;
  while (index > 0 && newestFirst(run, found[index - 1] as RunView) < 0) index -= 1;
  if (index >= limit) return;
  found.splice(index, 0, run);
  if (found.length > limit) found.pop();
}

function marked(run: RunView, deleted: ReadonlyMap<string, number>): RunView {
  const at = deleted.get(run.id);
  return at === undefined || run.logDeletedAt !== undefined ? run : withLogDeleted(run, at);
}
