import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger } from '../ports/logger.js';
import { startSandbox, type SandboxOptions } from './sandbox-provider.js';

/**
 * Starts the Local sandbox by hand: `npx tsx app/sandbox/sandbox-cli.ts --port 0 --ttl 86400`
 * (`--opaque-access-tokens` for random-string access tokens checked by introspection).
 * Prints one JSON line with the addresses on stdout and keeps running until Ctrl+C or SIGTERM.
 */
export function parseSandboxCliArgs(argv: readonly string[]): SandboxOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      ttl: { type: 'string', default: '86400' },
      'refresh-tokens': { type: 'boolean', default: false },
      'opaque-access-tokens': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  const accessTokenTtlSeconds = Number(values.ttl);
  if (!Number.isInteger(port)) throw new RangeError('--port must be a whole number.');
  if (!Number.isInteger(accessTokenTtlSeconds)) throw new RangeError('--ttl must be a whole number of seconds.');
  return {
    port,
    accessTokenTtlSeconds,
    issueRefreshTokens: values['refresh-tokens'],
    ...(values['opaque-access-tokens'] ? { accessTokenFormat: 'opaque' as const } : {}),
  };
}

const stderrLogger: Logger = {
  info: (message) => console.error(message),
  warn: (message) => console.error(message),
  error: (message, fields) => console.error(message, fields ?? ''),
};

export async function runSandboxCli(argv: readonly string[]): Promise<void> {
  const sandbox = await startSandbox({ ...parseSandboxCliArgs(argv), logger: stderrLogger });
  process.stdout.write(`${JSON.stringify({
    issuer: sandbox.issuer,
    apiBaseUrl: sandbox.apiBaseUrl,
    portalUrl: sandbox.portalUrl,
    clientId: sandbox.clientId,
    demoUsername: sandbox.demoUser.username,
  })}\n`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSandboxCli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
