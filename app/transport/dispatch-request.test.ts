import { describe, expect, it } from 'vitest';
import type { SupervisorApi } from '../common/contract.js';
import { SupervisorError } from '../errors.js';
import { dispatchRequest } from './dispatch-request.js';

const warnings: string[] = [];
const logger = { info: () => undefined, warn: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m) };

function apiThrowing(error: unknown): SupervisorApi {
  return {
    invoke: async () => {
      throw error;
    },
    on: () => ({ dispose: () => undefined }),
  };
}

describe('dispatchRequest', () => {
  it('S46 rejects and logs an envelope or input that fails the schema, before the core runs', async () => {
    let called = false;
    const api: SupervisorApi = { invoke: async () => void (called = true) as never, on: () => ({ dispose: () => undefined }) };
    expect(await dispatchRequest(api, { kind: 'invoke', requestId: 1, command: 'nope', input: {} }, logger)).toMatchObject({
      requestId: 1,
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await dispatchRequest(api, { kind: 'invoke', requestId: 2, command: 'signIn', input: { profileId: 'a b' } }, logger)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringContaining('profileId') },
    });
    expect(await dispatchRequest(api, 'garbage', logger)).toMatchObject({ requestId: -1, ok: false });
    expect(called).toBe(false);
    expect(warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('passes code, message and field errors through, and hides unexpected errors', async () => {
    const withFields = new SupervisorError('profile_invalid', 'clientId is required', { fields: { clientId: 'is required' } });
    expect(await dispatchRequest(apiThrowing(withFields), { kind: 'invoke', requestId: 3, command: 'getState', input: {} }, logger)).toEqual({
      kind: 'result',
      requestId: 3,
      ok: false,
      error: { code: 'profile_invalid', message: 'clientId is required', fields: { clientId: 'is required' } },
    });
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig';
    const secretish = new Error(`token ${token} leaked`);
    const response = await dispatchRequest(apiThrowing(secretish), { kind: 'invoke', requestId: 4, command: 'getState', input: {} }, logger);
    expect(response).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(response)).not.toContain(token);
  });
});
