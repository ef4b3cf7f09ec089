import { open } from 'node:fs/promises';

const initialBytes = 16 * 1024;
/** A reader whose buffer grew past this (a huge environment) is dropped after its scan, not kept. */
const keptBytes = 64 * 1024;
/** Reads in flight at once: enough to keep libuv's four threads busy, few enough to stay small. */
export const procScanLanes = 8;

/**
 * Reads small /proc files into one reusable buffer. /proc files report a size of 0, so
 * `readFile` reads each into fresh 64 KB chunks; a tree kill after every run read two files for
 * every process on the machine that way, all at once, and the burst of large short-lived
 * allocations kept the C allocator's heap growing over a long session.
 */
export class ProcFileReader {
  #buffer: Buffer = Buffer.allocUnsafeSlow(initialBytes);

  get retainable(): boolean {
    return this.#buffer.length <= keptBytes;
  }

  /** The whole file, as a view into this reader's buffer that its next read overwrites. */
  async read(path: string): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.#buffer.length) {
          const grown = Buffer.allocUnsafeSlow(this.#buffer.length * 2);
          this.#buffer.copy(grown, 0, 0, length);
          this.#buffer = grown;
        }
        const { bytesRead } = await handle.read(this.#buffer, length, this.#buffer.length - length, null);
        if (bytesRead === 0) return this.#buffer.subarray(0, length);
        length += bytesRead;
      }
    } finally {
      await handle.close();
    }
  }
}

const idleReaders: ProcFileReader[] = [];

/**
 * Calls `visit` for every pid, `procScanLanes` at a time, each lane with its own reader; results
 * in pid order, `undefined` ones left out. Readers are kept between scans.
 */
export async function visitPids<T>(pids: readonly number[], visit: (pid: number, reader: ProcFileReader) => Promise<T | undefined>): Promise<T[]> {
  const results: (T | undefined)[] = new Array<T | undefined>(pids.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    const reader = idleReaders.pop() ?? new ProcFileReader();
    try {
      while (next < pids.length) {
        const index = next++;
        results[index] = await visit(pids[index] as number, reader);
      }
    } finally {
      if (reader.retainable && idleReaders.length < procScanLanes) idleReaders.push(reader);
    }
  };
  await Promise.all(Array.from({ length: Math.min(procScanLanes, pids.length) }, lane));
  return results.filter((result): result is T => result !== undefined);
}
