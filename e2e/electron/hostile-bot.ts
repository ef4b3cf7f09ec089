import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A bots folder (for RPA_SUPERVISOR_BOTS_DIR) with one bot whose name, description and output
 * carry HTML and script (S48), and which fetches a real token through the broker and calls the
 * sandbox API, so a token is in play while the renderer is watched (S45). Used by
 * e2e/security.spec.ts (browser host) and e2e/electron/security.spec.ts.
 */
export const hostileBot = {
  id: 'xss-bot',
  name: 'Claims <img src=x onerror="window.__xss=\'name\'"> bot',
  description: 'Posts remittances <script>window.__xss="description"</script>',
  printedScript: '<script>window.__xss="log"</script>',
  printedImage: '<img src=x onerror="window.__xss=\'log-img\'">',
  /** The last line it prints after calling the API with the broker's token. */
  doneLine: 'whoami status 200',
} as const;

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Writes the folder and returns its path; the caller removes it. */
export function writeHostileBotsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-supervisor-hostile-bots-'));
  const manifest = {
    id: hostileBot.id,
    name: hostileBot.name,
    description: hostileBot.description,
    command: 'node',
    args: ['./xss-bot.mjs'],
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' },
    timeoutMs: 60_000,
  };
  writeFileSync(join(dir, 'xss-bot.bot.json'), JSON.stringify(manifest, null, 2));
  const sdk = pathToFileURL(join(repoRoot, 'bots', 'sdk', 'index.mjs')).href;
  writeFileSync(
    join(dir, 'xss-bot.mjs'),
    [
      `import { authorizedFetch, watchSupervisor } from ${JSON.stringify(sdk)};`,
      'watchSupervisor();',
      `console.log(${JSON.stringify(hostileBot.printedScript)});`,
      `console.error(${JSON.stringify(hostileBot.printedImage)});`,
      'const response = await authorizedFetch(`${process.env.RPA_SANDBOX_API_URL}/whoami`);',
      "console.log('whoami status', response.status);",
    ].join('\n'),
  );
  return dir;
}
