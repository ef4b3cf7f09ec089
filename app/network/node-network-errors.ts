import { NetworkError, proxyLabel } from './network-error.js';

/** OpenSSL's verdicts that mean "signed by a root this computer does not trust" (also read by audit forwarding). */
export const untrustedCertificateCodes: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Certificates that are trusted, but wrong for this host or this moment. */
const invalidCodes: Record<string, string> = {
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet (check this computer’s clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another name',
  HOSTNAME_MISMATCH: 'it was issued for another name',
  CERT_REVOKED: 'it has been revoked',
};

/**
 * Failures to open a TCP connection: with a proxy in use, the only direct connection is to it.
 * A header timeout there is the proxy not answering CONNECT within the connect bound
 * (node-http-fetch.ts); the provider's own answer has undici's 300 s, far past any caller's deadline.
 */
const connectCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/**
 * Turns what undici and Node's TLS threw for a request to `url` into a NetworkError when it is a
 * proxy or certificate problem; anything else (a timeout, a refused direct connection, an
 * aborted request) is returned unchanged for the caller's own mapping.
 */
export function classifyNodeNetworkError(error: unknown, url: string, proxy: string | undefined): unknown {
  if (error instanceof NetworkError) return error;
  const codes: string[] = [];
  const messages: string[] = [];
  let aborted = false;
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (e instanceof Error) messages.push(e.message);
    const name = (e as { name?: unknown }).name;
    if (name === 'AbortError' || name === 'TimeoutError') aborted = true;
  }
  const label = proxy === undefined ? undefined : proxyLabel(proxy);
  if (codes.some((code) => untrustedCertificateCodes.has(code))) return new NetworkError({ kind: 'tlsUntrusted', url, proxy: label, cause: error });
  const invalid = codes.find((code) => Object.hasOwn(invalidCodes, code));
  if (invalid !== undefined) return new NetworkError({ kind: 'tlsInvalid', url, proxy: label, detail: invalidCodes[invalid], cause: error });
  if (label === undefined) return error;
  // undici's ProxyAgent, when the proxy answers CONNECT with anything but 200 (an abort error).
  const refused = messages.map((message) => /Proxy response \((\d{3})\)/.exec(message)?.[1]).find((status) => status !== undefined);
  if (refused !== undefined) return new NetworkError({ kind: 'proxyRefused', url, proxy: label, detail: `it answered HTTP ${refused}`, cause: error });
  // Our own timeout or cancel: the caller's mapping says so.
  if (aborted) return error;
  if (codes.some((code) => connectCodes.has(code))) return new NetworkError({ kind: 'proxyUnreachable', url, proxy: label, cause: error });
  return error;
}
