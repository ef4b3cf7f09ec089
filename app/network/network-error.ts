/**
 * What a host's network stack found wrong with a request to a provider, in terms a clinic's IT
 * can act on. Hosts raise it from their `HttpFetch` (app/ports/http-fetch.ts); the core turns it
 * into a catalogue error naming the host and, for proxies, the proxy (network-error-mapping.ts).
 */
export type NetworkFailureKind =
  /** The certificate chain ends at a root this computer does not trust (TLS inspection, private CA). */
  | 'tlsUntrusted'
  /** A certificate that is trusted but not valid here: expired, not yet valid, another name, revoked. */
  | 'tlsInvalid'
  /** The proxy could not be reached at all (down, wrong address, PAC script failed). */
  | 'proxyUnreachable'
  /** The proxy answered, but would not open the connection (403, 407, 5xx to CONNECT). */
  | 'proxyRefused';

export class NetworkError extends Error {
  readonly kind: NetworkFailureKind;
  /** The host (and port, when not the default) the request was for. */
  readonly host: string;
  /** The proxy that was used, as `host:port` (never with credentials), when one was. */
  readonly proxy: string | undefined;
  /** What the proxy answered, e.g. "HTTP 403", or the certificate problem, when known. */
  readonly detail: string | undefined;

  constructor(init: { kind: NetworkFailureKind; url: string; proxy?: string | undefined; detail?: string | undefined; cause?: unknown }) {
    super(`${init.kind} for ${hostOf(init.url)}${init.proxy ? ` via ${init.proxy}` : ''}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'NetworkError';
    this.kind = init.kind;
    this.host = hostOf(init.url);
    this.proxy = init.proxy;
    this.detail = init.detail;
  }
}

/** The first NetworkError in `error`'s cause chain (openid-client and jose wrap what fetch threw). */
export function findNetworkError(error: unknown): NetworkError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof NetworkError) return e;
  }
  return undefined;
}

/** `host` or `host:port` of a URL, for messages; never its path, query or user info. */
export function hostOf(url: string): string {
  const parsed = URL.parse(url);
  return parsed ? parsed.host : 'the provider';
}

/** A proxy URL as people name it: `host:port`, without the user name or password it may carry. */
export function proxyLabel(proxyUrl: string): string {
  const parsed = URL.parse(proxyUrl.includes('://') ? proxyUrl : `http://${proxyUrl}`);
  if (!parsed) return 'the proxy';
  return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
}
