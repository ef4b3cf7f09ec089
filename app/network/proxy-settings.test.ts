import { describe, expect, it } from 'vitest';
import { proxySettingsFromEnv, selectProxy } from './proxy-settings.js';

const settings = proxySettingsFromEnv({
  HTTPS_PROXY: 'http://proxy.clinic.example:3128',
  http_proxy: 'http://plain-proxy.example:8080',
  NO_PROXY: 'intranet.example, .nhs.example,api.example:8443 ',
});

describe('selectProxy (S50)', () => {
  it('reads lower-case names before upper-case ones, and treats empty values as none', () => {
    expect(proxySettingsFromEnv({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' }).httpsProxy).toBe('http://a:1');
    expect(proxySettingsFromEnv({ HTTPS_PROXY: '  ' }).httpsProxy).toBeUndefined();
    expect(settings.noProxy).toEqual(['intranet.example', '.nhs.example', 'api.example:8443']);
  });

  it.each([
    ['https://auth.healthcode.co.uk/token', 'http://proxy.clinic.example:3128'],
    ['http://auth.example/', 'http://plain-proxy.example:8080'],
    ['https://api.example/', 'http://proxy.clinic.example:3128'],
    ['https://127.0.0.1.evil.example/', 'http://proxy.clinic.example:3128'],
  ])('sends %s through %s', (url, proxy) => {
    expect(selectProxy(new URL(url), settings)).toBe(proxy);
  });

  it.each([
    'http://127.0.0.1:4000/v1/token',
    'http://127.0.0.5/',
    'http://localhost:3000/',
    'http://[::1]:8080/',
    'https://intranet.example/',
    'https://sso.intranet.example/',
    'https://trust.nhs.example/',
    'https://api.example:8443/',
  ])('never proxies %s (loopback always, NO_PROXY as curl reads it)', (url) => {
    expect(selectProxy(new URL(url), settings)).toBeUndefined();
  });

  it('NO_PROXY=* turns the proxy off, and no proxy variables means direct', () => {
    expect(selectProxy(new URL('https://auth.example/'), proxySettingsFromEnv({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }))).toBeUndefined();
    expect(selectProxy(new URL('https://auth.example/'), proxySettingsFromEnv({}))).toBeUndefined();
  });
});
