import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Per-user data folder for the browser host; separate from the Electron app's userData. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RPA_SUPERVISOR_DATA_DIR) return resolve(env.RPA_SUPERVISOR_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'RPA Supervisor (browser host)');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'RPA Supervisor (browser host)');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'rpa-supervisor-browser-host');
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultBotsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RPA_SUPERVISOR_BOTS_DIR ? resolve(env.RPA_SUPERVISOR_BOTS_DIR) : join(repoRoot, 'bots');
}

export const defaultRendererDir = join(repoRoot, 'out', 'renderer');
