import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Agent, Dispatcher, ProxyAgent } from 'undici';
import type { HttpFetch } from '../ports/http-fetch.js';
import { NetworkError, proxyLabel } from './network-error.js';
import { classifyNodeNetworkError } from './node-network-errors.js';
import { proxySettingsFromEnv, selectProxy, type ProxySettings } from './proxy-settings.js';

export interface NodeNetworkOptions {
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * PEM certificates to trust besides Node's own roots, e.g. a clinic's TLS-inspection root.
   * NODE_EXTRA_CA_CERTS (read by Node at start-up) is honoured as well.
   */
  extraCaCertificates?: string[];
  /** Bound on opening a connection, to the proxy or the provider. Default 10 s. */
  connectTimeoutMs?: number;
}

export interface NodeNetwork {
  fetch: HttpFetch;
  /** The proxy a request to `url` would use (without credentials in logs, see proxyLabel). */
  proxyFor(url: string): string | undefined;
  settings: ProxySettings;
  /** Loads the network stack ahead of the first request (hosts call it once the page is up). */
  preload(): void;
  close(): Promise<void>;
}

/**
 * The browser host's network stack (undici 7): HTTPS_PROXY / HTTP_PROXY through a CONNECT
 * tunnel, NO_PROXY honoured, this computer's loopback never proxied, and an extra CA bundle.
 *
 * The proxy is chosen per request here (`selectProxy`) rather than by undici's
 * EnvHttpProxyAgent, which makes the same choice but keeps it to itself: an error must say
 * whether the proxy or the provider failed, and name the proxy.
 */
export function createNodeNetwork(options: NodeNetworkOptions = {}): NodeNetwork {
  const settings = proxySettingsFromEnv(options.env ?? process.env);
  const ca = trustedCertificates(options.extraCaCertificates ?? [], options.env ?? process.env);
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const tls = ca === undefined ? {} : { ca };
  // undici is loaded at the first provider request, so it never delays the first page.
  let undici: Promise<typeof import('undici')> | undefined;
  const loadUndici = () => (undici ??= import('undici'));
  let direct: Agent | undefined;
  const proxies = new Map<string, ProxyAgent>();
  const dispatcherFor = async (proxy: string | undefined, url: string): Promise<Dispatcher> => {
    const { Agent: DirectAgent, ProxyAgent: TunnelAgent, Pool } = await loadUndici();
    if (proxy === undefined) return (direct ??= new DirectAgent({ connect: { ...tls, timeout: connectTimeout } }));
    let agent = proxies.get(proxy);
    if (!agent) {
      try {
        agent = new TunnelAgent({
          uri: proxy,
          requestTls: { ...tls, timeout: connectTimeout },
          proxyTls: { ...tls, timeout: connectTimeout },
          connect: { timeout: connectTimeout },
          // The proxy's answer to CONNECT is part of opening the connection: without this bound a
          // proxy that accepts and never answers holds the tunnel (and close()) for undici's 300 s.
          clientFactory: (origin, poolOptions) => new Pool(origin, { ...poolOptions, headersTimeout: connectTimeout }),
        });
      } catch {
        // A setting that is no usable proxy URL (scheme, %-escapes, syntax). Its error is dropped:
        // Node's URL errors carry the input, the proxy's password included.
        throw new NetworkError({ kind: 'proxyUnreachable', url, proxy: proxyLabel(proxy), detail: 'the proxy setting is not a valid http:// or https:// URL' });
      }
      proxies.set(proxy, agent);
    }
    return agent;
  };

  const fetch: HttpFetch = async (url, init) => {
    const proxy = selectProxy(new URL(url), settings);
    try {
      const dispatcher = await dispatcherFor(proxy, url);
      const { fetch: undiciFetch } = await loadUndici();
      // No cookie jar exists here, so none are kept or sent; redirects are the caller's.
      return (await undiciFetch(url, { ...init, redirect: 'manual', dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as Response;
    } catch (error) {
      throw classifyNodeNetworkError(error, url, proxy);
    }
  };

  return {
    fetch,
    proxyFor: (url) => selectProxy(new URL(url), settings),
    settings,
    preload: () => void loadUndici().catch(() => undefined),
    // Hosts close the stack when they stop, after the core: nothing in flight still needs its
    // answer, so connections are cut rather than waited for (a stalled proxy would hold close()).
    async close() {
      await Promise.all([direct?.destroy(), ...[...proxies.values()].map((agent) => agent.destroy())]);
    },
  };
}

/**
 * Node's roots plus the extra ones, or undefined to keep Node's default store. Passing `ca`
 * replaces that store, so NODE_EXTRA_CA_CERTS, which Node added to it at start-up, is read again.
 */
function trustedCertificates(extra: string[], env: Record<string, string | undefined>): string[] | undefined {
  if (extra.length === 0) return undefined;
  const fromEnv = env.NODE_EXTRA_CA_CERTS ? readOptional(env.NODE_EXTRA_CA_CERTS) : undefined;
  return [...rootCertificates, ...(fromEnv ? [fromEnv] : []), ...extra];
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
