import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseSandboxCliArgs } from './sandbox-cli.js';

const cliPath = fileURLToPath(new URL('./sandbox-cli.ts', import.meta.url));

test('the CLI arguments map to sandbox options', () => {
  expect(parseSandboxCliArgs([])).toEqual({ port: 0, accessTokenTtlSeconds: 86_400, issueRefreshTokens: false });
  expect(parseSandboxCliArgs(['--port', '4000', '--ttl', '20', '--refresh-tokens'])).toEqual({ port: 4000, accessTokenTtlSeconds: 20, issueRefreshTokens: true });
  expect(parseSandboxCliArgs(['--opaque-access-tokens'])).toEqual({ port: 0, accessTokenTtlSeconds: 86_400, issueRefreshTokens: false, accessTokenFormat: 'opaque' });
  expect(() => parseSandboxCliArgs(['--ttl', 'soon'])).toThrow(/--ttl/);
  expect(() => parseSandboxCliArgs(['--unknown'])).toThrow();
});

test('the CLI prints the addresses as one JSON line, serves them, and stops on SIGTERM', async () => {
  // One process, tsx as a loader: the tsx command would relay SIGTERM through a parent that
  // SIGKILLs the CLI if it does not confirm within 30 ms, which a busy computer misses.
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--ttl', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const [firstLine] = await Promise.race([
      once(createInterface({ input: child.stdout }), 'line') as Promise<[string]>,
      exited.then((code) => Promise.reject(new Error(`The CLI exited early with code ${code}.`))),
    ]);
    const printed = JSON.parse(firstLine) as { issuer: string; apiBaseUrl: string; demoUsername: string };
    expect(printed.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.apiBaseUrl).toBe(`${printed.issuer}/api`);
    expect(printed.demoUsername).toBe('demo');
    const discovery = (await (await fetch(`${printed.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(printed.issuer);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
