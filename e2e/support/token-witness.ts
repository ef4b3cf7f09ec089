import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = resolve(import.meta.dirname, '..', '..');
/** The bot SDK, for scripts written into a witnessed folder. */
export const sdkUrl = pathToFileURL(join(repoRoot, 'bots', 'sdk', 'index.mjs')).href;

/** A bot for a witnessed bots folder: its manifest, and the script it runs once the token is written down. */
export interface WitnessedBot {
  manifest: Record<string, unknown> & { id: string };
  /** The bot's own script: an absolute path, or its source, which is written into the folder. */
  script: { path: string } | { source: string };
}

export interface WitnessedBotsDir {
  dir: string;
  /** The file the bots append each token they were given to, one per line. */
  tokenFile: string;
  /** Every access token a bot in this folder received, oldest first. */
  tokens(): string[];
  remove(): void;
}

/**
 * A bots folder (for RPA_SUPERVISOR_BOTS_DIR) whose bots first write the access token the
 * broker hands them to a file outside the app's data folder, then run their own script. The app
 * under test runs in another process and never shows its tokens, so this is how an e2e leak
 * check learns the literal token it must not find anywhere (S30, S45), JWT or opaque.
 */
export function writeWitnessedBotsDir(bots: WitnessedBot[]): WitnessedBotsDir {
  const dir = mkdtempSync(join(tmpdir(), 'rpa-supervisor-witnessed-bots-'));
  const tokenFile = join(dir, 'witnessed-tokens.txt');
  for (const { manifest, script } of bots) {
    const wrapper = `${manifest.id}.witness.mjs`;
    let scriptPath: string;
    if ('path' in script) {
      scriptPath = script.path;
    } else {
      scriptPath = join(dir, `${manifest.id}.mjs`);
      writeFileSync(scriptPath, script.source);
    }
    writeFileSync(
      join(dir, wrapper),
      [
        `import { appendFileSync } from 'node:fs';`,
        `import { getAccessToken } from ${JSON.stringify(sdkUrl)};`,
        `const { accessToken } = await getAccessToken();`,
        `appendFileSync(process.env.TOKEN_WITNESS_FILE, accessToken + '\\n', { mode: 0o600 });`,
        `await import(${JSON.stringify(pathToFileURL(scriptPath).href)});`,
      ].join('\n'),
    );
    const env = { ...((manifest.env as Record<string, string> | undefined) ?? {}), TOKEN_WITNESS_FILE: tokenFile };
    writeFileSync(join(dir, `${manifest.id}.bot.json`), JSON.stringify({ ...manifest, command: 'node', args: [`./${wrapper}`], env }, null, 2));
  }
  return {
    dir,
    tokenFile,
    tokens: () => (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').split('\n').filter(Boolean) : []),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The sample API bot (bots/api-bot), as e2e/support/test-bots/api-bot.bot.json describes it. */
export function witnessedApiBot(): WitnessedBot {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'e2e', 'support', 'test-bots', 'api-bot.bot.json'), 'utf8')) as WitnessedBot['manifest'];
  return { manifest, script: { path: join(repoRoot, 'bots', 'api-bot', 'api-bot.mjs') } };
}
