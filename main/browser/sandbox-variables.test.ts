import { describe, expect, it } from 'vitest';
import { sandboxVariables } from './sandbox-variables.js';

describe('sandboxVariables', () => {
  it('leaves the sandbox as it is by default when nothing is set, or a variable is empty', () => {
    expect(sandboxVariables({})).toEqual({ ok: true, options: {} });
    expect(sandboxVariables({ RPA_SANDBOX_TTL_SECONDS: '', RPA_SANDBOX_PORT: '', RPA_SANDBOX_PARTNER: '0', RPA_SANDBOX_ACCESS_TOKEN_FORMAT: 'jwt' })).toEqual({ ok: true, options: {} });
  });

  it('reads short-lived tokens, a fixed port, the partner client and opaque tokens', () => {
    expect(sandboxVariables({ RPA_SANDBOX_TTL_SECONDS: '30', RPA_SANDBOX_PORT: '4567', RPA_SANDBOX_PARTNER: '1', RPA_SANDBOX_ACCESS_TOKEN_FORMAT: 'opaque' })).toEqual({
      ok: true,
      options: { accessTokenTtlSeconds: 30, port: 4567, partner: true, accessTokenFormat: 'opaque' },
    });
  });

  it('refuses a value it cannot read, naming the variable, what it takes and the value, instead of starting another sandbox than the one asked for', () => {
    expect(sandboxVariables({ RPA_SANDBOX_TTL_SECONDS: '30s' })).toEqual({ ok: false, message: 'RPA_SANDBOX_TTL_SECONDS must be a whole number of seconds from 1 to 2592000 (30 days), not "30s". Leave it unset for 24-hour tokens.' });
    expect(sandboxVariables({ RPA_SANDBOX_TTL_SECONDS: '0' })).toMatchObject({ ok: false, message: expect.stringContaining('not "0"') as string });
    expect(sandboxVariables({ RPA_SANDBOX_PORT: '70000' })).toEqual({ ok: false, message: 'RPA_SANDBOX_PORT must be a port number from 1 to 65535, not "70000". Leave it unset for a free port.' });
    expect(sandboxVariables({ RPA_SANDBOX_PARTNER: 'yes' })).toEqual({ ok: false, message: 'RPA_SANDBOX_PARTNER must be 1 (add the HCSS partner sandbox) or 0, not "yes".' });
    expect(sandboxVariables({ RPA_SANDBOX_ACCESS_TOKEN_FORMAT: 'Opaque' })).toEqual({ ok: false, message: 'RPA_SANDBOX_ACCESS_TOKEN_FORMAT must be jwt or opaque, not "Opaque".' });
  });
});
