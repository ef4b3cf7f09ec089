import { describe, expect, it } from 'vitest';
import { findNetworkError } from '../../app/network/network-error.js';
import { networkSupervisorError } from '../../app/network/network-error-mapping.js';
import { chromiumErrorCode, createChromiumHttpFetch, proxyFromResolution, type ChromiumNetwork } from './electron-http-fetch.js';

function network(outcome: Error | Response, resolution = 'PROXY proxy.clinic.example:3128; DIRECT'): ChromiumNetwork & { seen: Array<{ url: string; init: RequestInit }> } {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  return {
    seen,
    fetch: async (url, init) => {
      seen.push({ url, init });
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    resolveProxy: async () => resolution,
  };
}

describe('createChromiumHttpFetch (S50, S51, S52 in the Electron host)', () => {
  it('sends every request without following redirects, without cookies', async () => {
    const net = network(new Response('{}', { status: 200 }));
    const fetch = createChromiumHttpFetch(net);
    const response = await fetch('https://auth.example/token', { method: 'POST', headers: { a: 'b' }, body: 'x=1', redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(net.seen[0]).toMatchObject({ url: 'https://auth.example/token', init: { method: 'POST', redirect: 'manual', credentials: 'omit', body: 'x=1' } });
  });

  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls_untrusted', /certificate of auth\.example is not trusted/],
    ['net::ERR_CERT_DATE_INVALID', 'tls_certificate_invalid', /auth\.example is not valid/],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy_unreachable', /proxy server proxy\.clinic\.example:3128 to connect to auth\.example/],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy_refused', /proxy server proxy\.clinic\.example:3128 would not connect/],
  ])('turns %s into %s, naming the host and the proxy', async (message, code, text) => {
    const fetch = createChromiumHttpFetch(network(new Error(message)));
    const error = await fetch('https://auth.example/.well-known/openid-configuration', { method: 'GET', headers: {}, redirect: 'manual' }).catch((e: unknown) => e);
    expect(findNetworkError(error)).toBeDefined();
    const mapped = networkSupervisorError(error);
    expect(mapped?.code).toBe(code);
    expect(mapped?.message).toMatch(text);
  });

  it('passes any other failure through unchanged', async () => {
    const failure = new Error('net::ERR_CONNECTION_RESET');
    const fetch = createChromiumHttpFetch(network(failure));
    await expect(fetch('https://auth.example/', { method: 'GET', headers: {}, redirect: 'manual' })).rejects.toBe(failure);
  });

  it('reads the error code and the proxy as Chromium reports them', () => {
    expect(chromiumErrorCode(new TypeError('fetch failed', { cause: new Error('net::ERR_CERT_AUTHORITY_INVALID') }))).toBe('ERR_CERT_AUTHORITY_INVALID');
    expect(chromiumErrorCode(new Error('boom'))).toBeUndefined();
    expect(proxyFromResolution('DIRECT')).toBeUndefined();
    expect(proxyFromResolution('PROXY user:pw@10.0.0.1:8080; DIRECT')).toBe('10.0.0.1:8080');
    expect(proxyFromResolution('HTTPS proxy.example:443')).toBe('proxy.example:443');
  });
});
