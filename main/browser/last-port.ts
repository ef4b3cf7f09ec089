import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../app/storage/write-file-atomic.js';

/**
 * The port the browser host listened on last time, in the data folder (0600). Starting on it
 * again keeps the page's origin, so the browser's cache of the renderer still applies. Kept
 * apart from the settings, which load with the core, after the port is chosen.
 */
export const lastPortFileName = 'browser-host-port.json';

/** The port saved last time, or undefined when there is none or the file is not one of ours. */
export async function readLastPort(dataDir: string): Promise<number | undefined> {
  try {
    const { port } = JSON.parse(await readFile(join(dataDir, lastPortFileName), 'utf8')) as { port?: unknown };
    return typeof port === 'number' && Number.isInteger(port) && port >= 1024 && port <= 65_535 ? port : undefined;
  } catch {
    return undefined;
  }
}

export async function saveLastPort(dataDir: string, port: number): Promise<void> {
  await writeFileAtomic(join(dataDir, lastPortFileName), JSON.stringify({ port }), 0o600);
}
