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
    httpsProxy: read('https_proxy'),
    httpProxy: read('http_proxy'),
    noProxy: (read('no_proxy') ?? '')
      .split(/[,\s]+/)
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== ''),
  };
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
    const match = /^(.*?)(?::(\d+))?$/.exec(entry);
    const entryHost = (match?.[1] ?? entry).replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    const entryPort = match?.[2];
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return undefined;
  }
  return proxy;
}
