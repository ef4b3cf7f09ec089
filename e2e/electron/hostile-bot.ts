import { sdkUrl, writeWitnessedBotsDir, type WitnessedBotsDir } from '../support/token-witness.js';

/**
 * A bots folder (for RPA_SUPERVISOR_BOTS_DIR) with one bot whose name, description and output
 * carry HTML and script (S48), and which fetches a real token through the broker and calls the
 * sandbox API, so a token is in play while the renderer is watched (S45). The folder is a
 * witnessed one (e2e/support/token-witness.ts), so the test knows the literal token to look for.
 * Used by the browser-host e2e/security-*.spec.ts (opened by e2e/support/supervised-page.ts) and
 * e2e/electron/security.spec.ts.
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

/** Writes the folder; the caller removes it with `remove()`. */
export function writeHostileBotsDir(): WitnessedBotsDir {
  const manifest = {
    id: hostileBot.id,
    name: hostileBot.name,
    description: hostileBot.description,
    profileId: 'sandbox',
    tokenDelivery: 'broker',
    env: { RPA_SANDBOX_API_URL: '${sandbox.apiBaseUrl}' },
    timeoutMs: 60_000,
  };
  const source = [
    `import { authorizedFetch, watchSupervisor } from ${JSON.stringify(sdkUrl)};`,
    'watchSupervisor();',
    `console.log(${JSON.stringify(hostileBot.printedScript)});`,
    `console.error(${JSON.stringify(hostileBot.printedImage)});`,
    'const response = await authorizedFetch(`${process.env.RPA_SANDBOX_API_URL}/whoami`);',
    "console.log('whoami status', response.status);",
  ].join('\n');
  return writeWitnessedBotsDir([{ manifest, script: { source } }]);
}
