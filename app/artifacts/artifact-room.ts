import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The temp file a file streams into: `.<16 hex>.tmp`, made only by RunArtifacts after the room is loaded. */
export function uploadTempName(id: string): string {
  return `.${id}.tmp`;
}
const uploadTemp = /^\.[0-9a-f]{16}\.tmp$/;

/** The store's own records in a run's folder, beside the files: the index and the refusal record. */
const runRecords = new Set(['artifacts.json', 'refused.json']);

/**
 * Whether a name in a run's folder is a file the bot attached (the store keeps them as
 * `<id>-<name>`, never hidden), not the run's index, its refusal record or a temp file (`.…tmp`).
 */
export function isKeptArtifactFile(name: string): boolean {
  return !runRecords.has(name) && !name.startsWith('.');
}

/** Room for `bytes` more, or the room the file had when it did not fit, and whether the cap for all runs was the tighter. */
export type RoomAnswer = { ok: true } | { ok: false; room: number; allRuns: boolean };

/**
 * The bytes of run files, per run and for all runs, counting files still streaming in: each chunk
 * takes its room before it is written, so files attached at once cannot together pass a cap, and
 * no upload waits for another (a stalled bot must not hold up every other run's `attach`).
 */
export class ArtifactRoom {
  readonly #byRun = new Map<string, number>();
  #total = 0;

  constructor(
    readonly maxRunBytes: number,
    readonly maxTotalBytes: number,
  ) {}

  /** What the artifacts folder holds. An upload's temp file a crash left is deleted, not counted. */
  static async load(dir: string, maxRunBytes: number, maxTotalBytes: number): Promise<ArtifactRoom> {
    const room = new ArtifactRoom(maxRunBytes, maxTotalBytes);
    for (const runId of await readdir(dir).catch(() => [] as string[])) {
      let bytes = 0;
      for (const name of await readdir(join(dir, runId)).catch(() => [] as string[])) {
        const path = join(dir, runId, name);
        if (uploadTemp.test(name)) {
          await rm(path, { force: true }).catch(() => undefined);
          continue;
        }
        bytes += (await stat(path).catch(() => undefined))?.size ?? 0;
      }
      room.add(runId, bytes);
    }
    return room;
  }

  /** Takes `bytes` more for a file of the run that has taken `taken` already, if both caps allow. */
  take(runId: string, bytes: number, taken: number): RoomAnswer {
    const runRoom = this.maxRunBytes - ((this.#byRun.get(runId) ?? 0) - taken);
    const totalRoom = this.maxTotalBytes - (this.#total - taken);
    const room = Math.min(runRoom, totalRoom);
    if (taken + bytes > room) return { ok: false, room, allRuns: totalRoom < runRoom };
    this.add(runId, bytes);
    return { ok: true };
  }

  /** Adds (or, negative, gives back) bytes of a run: a refused file's, or what redaction changed. */
  add(runId: string, bytes: number): void {
    const before = this.#byRun.get(runId) ?? 0;
    const after = Math.max(0, before + bytes);
    this.#byRun.set(runId, after);
    this.#total += after - before;
  }

  /** Retention removed the run's folder. */
  forget(runId: string): void {
    this.#total -= this.#byRun.get(runId) ?? 0;
    this.#byRun.delete(runId);
  }
}
