/**
 * The one way the core talks HTTP to a provider: discovery, token, userinfo, revocation, the HCSS
 * company grant, signing keys (JWKS) and the authorization pre-flight. Each host implements it on
 * its own network stack, so a clinic's proxy and trusted certificates apply to every request:
 * Electron with Chromium's (`net.fetch`: system proxy, PAC, the OS trust store), the browser host
 * with undici (HTTPS_PROXY / NO_PROXY, an extra CA bundle); see app/network/.
 *
 * The shape is what openid-client's and jose's `customFetch` hand over. Redirects are never
 * followed and no cookies are kept or sent. A failure the host can explain (proxy, certificate)
 * rejects with a `NetworkError` (app/network/network-error.ts) somewhere in its `cause` chain.
 */
export interface HttpRequestInit {
  method: string;
  headers: Record<string, string> | Headers;
  body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
  redirect: 'manual';
  signal?: AbortSignal;
}

export type HttpFetch = (url: string, init: HttpRequestInit) => Promise<Response>;

/**
 * Node's own fetch, straight to the server: no proxy, Node's default trust. For in-process
 * callers (tests, tools) that run the core without a host; both hosts pass their own.
 */
export const directHttpFetch: HttpFetch = (url, init) => fetch(url, { ...init, redirect: 'manual' } as RequestInit);
