import { NetworkError, proxyLabel, type NetworkFailureKind } from '../../app/network/network-error.js';
import type { HttpFetch } from '../../app/ports/http-fetch.js';

/** The part of an Electron `Session` the provider requests use (`fetch`, `resolveProxy`). */
export interface ChromiumNetwork {
  fetch(url: string, init: RequestInit & { bypassCustomProtocolHandlers?: boolean }): Promise<Response>;
  /** Chromium's answer for `url`: "DIRECT", or "PROXY host:port; …" from the system settings or PAC. */
  resolveProxy(url: string): Promise<string>;
}

/** Chromium's net errors (net/base/net_error_list.h) that name a cause IT can fix. */
const chromiumErrors: Record<string, { kind: NetworkFailureKind; detail?: string }> = {
  ERR_CERT_AUTHORITY_INVALID: { kind: 'tlsUntrusted' },
  ERR_CERT_SYMANTEC_LEGACY: { kind: 'tlsUntrusted' },
  ERR_CERT_DATE_INVALID: { kind: 'tlsInvalid', detail: 'it has expired or is not valid yet (check this computer’s clock)' },
  ERR_CERT_COMMON_NAME_INVALID: { kind: 'tlsInvalid', detail: 'it was issued for another name' },
  ERR_CERT_REVOKED: { kind: 'tlsInvalid', detail: 'it has been revoked' },
  ERR_CERT_INVALID: { kind: 'tlsInvalid', detail: 'it is malformed' },
  ERR_PROXY_CONNECTION_FAILED: { kind: 'proxyUnreachable' },
  ERR_PROXY_CERTIFICATE_INVALID: { kind: 'proxyUnreachable' },
  ERR_PAC_SCRIPT_FAILED: { kind: 'proxyUnreachable' },
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: { kind: 'proxyUnreachable' },
  ERR_TUNNEL_CONNECTION_FAILED: { kind: 'proxyRefused', detail: 'it refused to open the connection' },
  ERR_PROXY_AUTH_REQUESTED: { kind: 'proxyRefused', detail: 'it asks for a user name and password' },
  ERR_PROXY_AUTH_UNSUPPORTED: { kind: 'proxyRefused', detail: 'it asks for a kind of sign-in this app cannot give' },
};

/**
 * The Electron host's `HttpFetch`: Chromium's network stack through a session of its own (the
 * system proxy or PAC script, the OS trust store, no cookies shared with anything else). Redirects
 * are the caller's, and Chromium's net errors become NetworkErrors naming the proxy it chose.
 */
export function createChromiumHttpFetch(network: ChromiumNetwork): HttpFetch {
  return async (url, init) => {
    try {
      return await network.fetch(url, { ...(init as RequestInit), redirect: 'manual', credentials: 'omit', bypassCustomProtocolHandlers: true });
    } catch (error) {
      const code = chromiumErrorCode(error);
      const known = code === undefined ? undefined : chromiumErrors[code];
      if (!known) throw error;
      const proxy = await proxyFromChromium(network, url);
      throw new NetworkError({ kind: known.kind, url, proxy, detail: known.detail, cause: error });
    }
  };
}

/** `ERR_…` from a rejection of Chromium's fetch ("net::ERR_CERT_AUTHORITY_INVALID"), wherever in the cause chain. */
export function chromiumErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const match = e instanceof Error ? /net::(ERR_[A-Z_]+)/.exec(e.message) : undefined;
    if (match) return match[1];
  }
  return undefined;
}

/** The first proxy of Chromium's list ("PROXY a:3128; DIRECT"), or undefined for DIRECT. */
export function proxyFromResolution(resolution: string): string | undefined {
  const first = resolution.split(';')[0]?.trim() ?? '';
  const match = /^(?:PROXY|HTTPS|SOCKS5?|SOCKS4)\s+(\S+)$/i.exec(first);
  return match?.[1] === undefined ? undefined : proxyLabel(match[1]);
}

async function proxyFromChromium(network: ChromiumNetwork, url: string): Promise<string | undefined> {
  try {
    return proxyFromResolution(await network.resolveProxy(url));
  } catch {
    return undefined;
  }
}
