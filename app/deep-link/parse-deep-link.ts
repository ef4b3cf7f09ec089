import { appIdentity } from '../config/app-identity.js';
import { providerWords } from '../common/provider-words.js';

/**
 * The one parser for links handed to the app from outside: the custom scheme (Electron argv,
 * `second-instance`, macOS `open-url`, the browser host's hand-off, the https bounce page, which
 * forwards to the scheme) and a sign-in's loopback listener. Every entry point calls it once per
 * URL, and everything after it works on the union, never on the raw text (S8).
 *
 * It only decides what a link is and whether it is shaped like something we sent out; state,
 * `iss` and the code are checked by the sign-in service and openid-client. Reasons are fixed
 * sentences that never quote the link, so an authorization code cannot reach a log through them.
 */

/** RFC 8252 redirects are short; 8 KB leaves room for a large `state` and nothing more. */
export const maxDeepLinkBytes = 8 * 1024;
export const selfTestHost = 'selftest';

/** Where a sign-in answer arrived: the custom scheme (or bounce page) or a loopback listener. */
export type CallbackRoute = 'customScheme' | 'loopback';

/** What the provider answered. `search` holds the code: never log it. */
/** `iss` of an error answer is kept for the RFC 9207 check, which holds for error answers too. */
export type CallbackAnswer = { kind: 'code'; search: string } | { kind: 'error'; error: string; description: string; iss?: string };

export interface AuthCallback {
  kind: 'authCallback';
  route: CallbackRoute;
  /** Always present for a code; an error answer may lack it. */
  state: string | undefined;
  answer: CallbackAnswer;
}

export type DeepLink = AuthCallback | { kind: 'selfTest'; nonce: string } | { kind: 'unknown'; reason: string };

export interface DeepLinkTarget {
  /** The custom scheme this instance answers to, without the colon. */
  scheme?: string;
  /** One sign-in's loopback listener: `http://127.0.0.1:<port><path>`. */
  loopback?: { port: number; path: string };
}

/** Why a link is `unknown`: fixed sentences, so that no part of a link can reach a log through them. */
export const unknownLinkReasons = {
  notText: 'it is not text',
  tooLong: `it is longer than ${maxDeepLinkBytes} bytes`,
  badCharacters: 'it contains spaces, control characters or characters a browser never sends',
  notUrl: 'it is not a URL',
  userinfo: 'it contains user information',
  fragment: 'it carries a fragment',
  wrongScheme: 'its scheme is not one this app answers to (it may be the address of another page)',
  port: 'it names a port',
  wrongHost: 'its host is not the expected one',
  wrongPort: 'its port is not the expected one',
  wrongPath: 'its path is not the expected one',
  noNonce: 'it has no single nonce',
  noState: 'it has no state (the link was probably cut short when it was copied)',
  noCode: 'it has no authorization code (the link was probably cut short when it was copied)',
  repeated: 'a parameter that may appear once appears more than once',
} as const;
const reasons = unknownLinkReasons;

// Raw whitespace or controls mean glued arguments or an injection attempt; the rest are characters
// a browser always percent-encodes, so a raw one (a quote breaking out of `"%1"`) was crafted.
const forbiddenCharacters = /[\u0000-\u0020\u007f"\\<>^`{|}]/;
const singleValued = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

export function parseDeepLink(raw: unknown, target: DeepLinkTarget): DeepLink {
  if (typeof raw !== 'string' || raw === '') return unknown(reasons.notText);
  if (new TextEncoder().encode(raw).length > maxDeepLinkBytes) return unknown(reasons.tooLong);
  if (forbiddenCharacters.test(raw)) return unknown(reasons.badCharacters);
  const url = URL.parse(raw);
  if (!url) return unknown(reasons.notUrl);
  if (url.username !== '' || url.password !== '') return unknown(reasons.userinfo);
  if (url.hash !== '') return unknown(reasons.fragment);

  if (target.scheme !== undefined && url.protocol === `${target.scheme.toLowerCase()}:`) return customSchemeLink(url);
  if (target.loopback !== undefined && url.protocol === 'http:') return loopbackLink(url, target.loopback);
  return unknown(reasons.wrongScheme);
}

function customSchemeLink(url: URL): DeepLink {
  if (url.port !== '') return unknown(reasons.port);
  // A custom scheme's host is opaque to the URL parser, so letter case is ours to fold.
  const host = url.hostname.toLowerCase();
  if (host === selfTestHost) {
    if (url.pathname !== '' && url.pathname !== '/') return unknown(reasons.wrongPath);
    const nonces = url.searchParams.getAll('nonce');
    return nonces.length === 1 ? { kind: 'selfTest', nonce: nonces[0] as string } : unknown(reasons.noNonce);
  }
  if (host !== appIdentity.callbackHost) return unknown(reasons.wrongHost);
  if (url.pathname !== appIdentity.callbackPath) return unknown(reasons.wrongPath);
  return callback(url, 'customScheme');
}

function loopbackLink(url: URL, loopback: { port: number; path: string }): DeepLink {
  if (url.hostname !== '127.0.0.1') return unknown(reasons.wrongHost);
  if (url.port !== String(loopback.port)) return unknown(reasons.wrongPort);
  if (url.pathname !== loopback.path) return unknown(reasons.wrongPath);
  return callback(url, 'loopback');
}

function callback(url: URL, route: CallbackRoute): DeepLink {
  for (const name of singleValued) {
    if (url.searchParams.getAll(name).length > 1) return unknown(reasons.repeated);
  }
  const state = url.searchParams.get('state') ?? undefined;
  const error = url.searchParams.get('error');
  if (error !== null) {
    const description = url.searchParams.get('error_description') ?? '';
    const iss = url.searchParams.get('iss');
    const answer = { kind: 'error', error: providerWords(error, 64), description: providerWords(description, 300), ...(iss ? { iss } : {}) } as const;
    return { kind: 'authCallback', route, state, answer };
  }
  if (state === undefined || state === '') return unknown(reasons.noState);
  const code = url.searchParams.get('code');
  if (code === null || code === '') return unknown(reasons.noCode);
  return { kind: 'authCallback', route, state, answer: { kind: 'code', search: url.search } };
}

function unknown(reason: (typeof reasons)[keyof typeof reasons]): DeepLink {
  return { kind: 'unknown', reason };
}

