import { readFileSync, writeFileSync } from 'node:fs';
import type { JsonFileStore } from '../config/recovering-settings-store.js';

/**
 * A JSON file store that behaves as conf and electron-store do where it matters to the settings
 * stores' recovery: the file is read (as UTF-8, byte-order mark and all) and parsed at
 * construction and at every access, a missing file is empty, and a file that is not JSON throws a
 * SyntaxError.
 */
export function jsonFileStore(filePath: string): JsonFileStore {
  const read = (): Record<string, unknown> => {
    let text: string;
    try {
      text = readFileSync(filePath, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return {};
      throw error;
    }
    return JSON.parse(text) as Record<string, unknown>;
  };
  read();
  return {
    path: filePath,
    get: (key) => read()[key],
    set: (key, value) => writeFileSync(filePath, JSON.stringify({ ...read(), [key]: value })),
  };
}
