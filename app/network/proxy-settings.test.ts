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

  it('S50 a proxy named without a scheme, as curl and clinic set-ups often write it, is an http:// proxy', () => {
    const bare = proxySettingsFromEnv({ HTTPS_PROXY: 'proxy.clinic.example:3128', http_proxy: 'clinic:pa55@10.0.0.8:8080' });
    expect(bare.httpsProxy).toBe('http://proxy.clinic.example:3128');
    expect(bare.httpProxy).toBe('http://clinic:pa55@10.0.0.8:8080');
    expect(proxySettingsFromEnv({ HTTPS_PROXY: 'https://secure-proxy.example:443' }).httpsProxy).toBe('https://secure-proxy.example:443');
  });

  it.each([
    ['2001:db8::5', 'https://[2001:db8::5]/'],
    ['2001:DB8:0:0::5', 'https://[2001:db8::5]:8443/'],
    ['fd00::1', 'http://[fd00::1]/'],
    ['[fd00::1]:8443', 'https://[fd00::1]:8443/'],
  ])('S50 NO_PROXY=%s (an IPv6 address, bare or bracketed) keeps %s off the proxy', (noProxy, url) => {
    const withV6 = proxySettingsFromEnv({ HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: `intranet.example,${noProxy}` });
    expect(selectProxy(new URL(url), withV6)).toBeUndefined();
  });

  it('an IPv6 NO_PROXY entry matches only that address, and a bracketed one with a port only that port', () => {
    const withV6 = proxySettingsFromEnv({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '2001:db8::5,[fd00::1]:8443' });
    expect(selectProxy(new URL('https://[2001:db8::6]/'), withV6)).toBe('http://p:1');
    expect(selectProxy(new URL('https://[fd00::1]/'), withV6)).toBe('http://p:1');
  });

  it('NO_PROXY=* turns the proxy off, and no proxy variables means direct', () => {
    expect(selectProxy(new URL('https://auth.example/'), proxySettingsFromEnv({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }))).toBeUndefined();
    expect(selectProxy(new URL('https://auth.example/'), proxySettingsFromEnv({}))).toBeUndefined();
  });
});
