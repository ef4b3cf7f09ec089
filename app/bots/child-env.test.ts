import { describe, expect, it } from 'vitest';
import { buildChildEnv, interpolateEnv } from './child-env.js';

describe('buildChildEnv', () => {
  it('inherits only allow-listed parent variables', () => {
    const env = buildChildEnv({
      parentEnv: { PATH: '/bin', HOME: '/home/u', AWS_SECRET_ACCESS_KEY: 'nope', GITHUB_TOKEN: 'nope', Path: 'C:\\x', SystemRoot: 'C:\\Windows' },
      reserved: { RPA_RUN_ID: 'r1' },
    });
    expect(env).toEqual({ PATH: '/bin', HOME: '/home/u', Path: 'C:\\x', SystemRoot: 'C:\\Windows', RPA_RUN_ID: 'r1' });
  });

  it('layers envVars, then manifest env, and never lets either override reserved names', () => {
    const env = buildChildEnv({
      parentEnv: { LANG: 'en_GB.UTF-8' },
      envVars: { RPA_SANDBOX_API_URL: 'http://a', SHARED: 'wide' },
      manifestEnv: { SHARED: 'bot', LANG: 'C', RPA_RUN_SECRET: 'forged', rpa_access_token: 'forged' },
      reserved: { RPA_RUN_SECRET: 'real' },
    });
    expect(env).toEqual({ LANG: 'C', RPA_SANDBOX_API_URL: 'http://a', SHARED: 'bot', RPA_RUN_SECRET: 'real' });
  });
});

describe('interpolateEnv', () => {
  it('replaces known placeholders', () => {
    expect(interpolateEnv({ URL: '${sandbox.apiBaseUrl}/v1', X: 'plain' }, { 'sandbox.apiBaseUrl': 'http://127.0.0.1:9' })).toEqual({
      ok: true,
      env: { URL: 'http://127.0.0.1:9/v1', X: 'plain' },
    });
  });

  it('names the first unknown placeholder', () => {
    expect(interpolateEnv({ URL: '${nope}' }, { toString: 'x' })).toEqual({ ok: false, placeholder: 'nope' });
    expect(interpolateEnv({ URL: '${toString}' }, {})).toEqual({ ok: false, placeholder: 'toString' });
  });
});
