import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customSchemeRedirectUri } from '../config/app-identity.js';
import { JsonLinesLogger } from '../logging/json-lines-logger.js';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-provider.js';
import { discoverSandbox, signInWithoutBrowser } from '../sandbox/test-support/sandbox-client.js';
import { filesUnder, findSecrets, findSecretsInFiles, labelled } from './find-secrets.js';

/**
 * The shared leak check must be able to fail, for opaque tokens too: here a real opaque access
 * token from the sandbox is written unredacted by the app's real logger, and the check finds it,
 * where the JWT pattern the leak checks once used finds nothing.
 */
const jwtShape = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;
let sandbox: RunningSandbox;
let dir: string;
let opaque: string;
let jwt: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rpa-find-secrets-'));
  sandbox = await startSandbox({ accessTokenFormat: 'opaque' });
  const tokens = await signInWithoutBrowser(sandbox, await discoverSandbox(sandbox), customSchemeRedirectUri('uk.co.rpasupervisor'));
  opaque = tokens.access_token;
  jwt = tokens.id_token as string;
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('findSecrets', () => {
  it('S30 catches an opaque access token that a log line printed unredacted, which a JWT pattern misses', async () => {
    const logger = new JsonLinesLogger(join(dir, 'logs', 'supervisor.log'));
    logger.info('a careless line', { token: opaque });
    logger.info('an ID token is scrubbed by the logger', { idToken: jwt });
    const files = await filesUnder(dir);
    expect(files).toEqual([join(dir, 'logs', 'supervisor.log')]);

    const leaks = await findSecretsInFiles(files, [...labelled('access token', [opaque]), ...labelled('ID token', [jwt])]);
    expect(leaks).toEqual([{ where: join(dir, 'logs', 'supervisor.log'), what: 'access token 1' }]);
    expect(jwtShape.test(opaque)).toBe(false);
  });

  it('names where and what, never the secret itself', () => {
    const leaks = findSecrets(
      [
        { where: 'the DOM', text: `<p>${opaque}</p>` },
        { where: 'WebSocket frames', text: 'nothing here' },
      ],
      labelled('access token', [opaque, `${opaque}-other`]),
    );
    expect(leaks).toEqual([{ where: 'the DOM', what: 'access token 1' }]);
    expect(JSON.stringify(leaks)).not.toContain(opaque);
  });

  it('refuses to run with nothing to look for, or with a secret too short to mean anything', () => {
    expect(() => findSecrets([{ where: 'x', text: 'y' }], [])).toThrow(/no secrets/);
    expect(() => findSecrets([{ where: 'x', text: 'y' }], [{ what: 'code', value: 'abc' }])).toThrow(/too short/);
  });
});
