import { isLoopbackHost } from '../common/loopback.js';

/** The proxy environment the browser host (and its bots) run with. */
export interface ProxySettings {
  httpsProxy: string | undefined;
  httpProxy: string | undefined;
  /** NO_PROXY entries, lower-cased: host names, `.suffix`es, `host:port`, or `*`. */
  noProxy: string[];
}

/**
 * Reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY the way curl and undici do: the lower-case name
 * first, then the upper-case one; an empty value means none.
 */
export function proxySettingsFromEnv(env: Record<string, string | undefined>): ProxySettings {
  const read = (name: string): string | undefined => {
    const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  return {
    httpsProxy: withScheme(read('https_proxy')),
    httpProxy: withScheme(read('http_proxy')),
    noProxy: (read('no_proxy') ?? '')
      .split(/[,\s]+/)
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== ''),
  };
}

/** `proxy:3128` as curl reads it, `http://proxy:3128`; undici refuses a proxy URL without a scheme. */
function withScheme(proxy: string | undefined): string | undefined {
  return proxy === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/**
 * The proxy a request to `url` goes through, or undefined for a direct connection. This
 * computer's loopback address never goes through a proxy, whatever NO_PROXY says (the token
 * broker, the sandbox, a loopback redirect). NO_PROXY matches as in curl and undici: `*`
 * matches everything; `example.org` and `.example.org` match that host and its subdomains; an
 * entry with a port matches only that port.
 */
export function selectProxy(url: URL, settings: ProxySettings): string | undefined {
  if (isLoopbackHost(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname)) return undefined;
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : url.protocol === 'http:' ? settings.httpProxy : undefined;
  if (proxy === undefined) return undefined;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const entry of settings.noProxy) {
    if (entry === '*') return undefined;
    const { host: entryHost, port: entryPort } = noProxyEntry(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return undefined;
  }
  return proxy;
}

/**
 * A NO_PROXY entry's host (IPv6 without brackets, in URL's normal form) and port, if any. An IPv6
 * address without brackets (`fd00::1`, as curl accepts it) has no port: its last group is no port.
 */
function noProxyEntry(entry: string): { host: string; port: string | undefined } {
  if (!entry.startsWith('[') && entry.indexOf(':') !== entry.lastIndexOf(':')) return { host: normalIpv6(entry), port: undefined };
  const match = /^(.*?)(?::(\d+))?$/.exec(entry);
  const host = (match?.[1] ?? entry).replace(/^\*?\./, '');
  return { host: host.startsWith('[') ? normalIpv6(host.replace(/^\[|\]$/g, '')) : host, port: match?.[2] };
}

function normalIpv6(address: string): string {
  return URL.parse(`http://[${address}]/`)?.hostname.replace(/^\[|\]$/g, '') ?? address;
}
