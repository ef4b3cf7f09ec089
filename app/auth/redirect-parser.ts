/**
 * Strict, pure parser for authorization responses arriving as deep links or loopback hits (S8).
 * It runs before any OAuth code, so it only decides whether the URL is shaped like a response to
 * *our* redirect URI; state, iss and code are checked by the sign-in service and openid-client.
 * Reasons never include the query string, so an authorization code can never reach a log.
 */
import { isLoopbackHost } from '../common/loopback.js';

export const maxRedirectUrlLength = 8192;

export interface ExpectedRedirect {
  /** The registered redirect URI, e.g. `uk.co.rpasupervisor://auth/callback`. */
  redirectUri: string;
}

export type RedirectParseResult =
  | { kind: 'authorizationResponse'; url: URL; state: string }
  | { kind: 'errorResponse'; url: URL; state: string | undefined; error: string; errorDescription: string }
  | { kind: 'rejected'; reason: string };

const singleValued = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

export function parseRedirect(raw: unknown, expected: ExpectedRedirect): RedirectParseResult {
  if (typeof raw !== 'string') return reject('it is not text');
  if (raw.length > maxRedirectUrlLength) return reject(`it is longer than ${maxRedirectUrlLength} characters`);
  // Whitespace or controls mean several arguments were glued together, or an injection attempt.
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return reject('it contains spaces or control characters');

  let url: URL;
  let want: URL;
  try {
    url = new URL(raw);
  } catch {
    return reject('it is not a URL');
  }
  try {
    want = new URL(expected.redirectUri);
  } catch {
    return reject('the configured redirect URI is not a URL');
  }

  if (url.protocol !== want.protocol) return reject(`its scheme is not ${want.protocol.slice(0, -1)}`);
  if (url.username !== '' || url.password !== '') return reject('it contains user information');
  if (url.hostname.toLowerCase() !== want.hostname.toLowerCase()) return reject('its host is not the expected one');
  if (want.port !== '' && url.port !== want.port) return reject('its port is not the expected one');
  if (want.port === '' && url.port !== '' && !isLoopbackHost(want.hostname)) return reject('it names a port');
  if (url.pathname !== want.pathname) return reject('its path is not the expected one');
  if (url.hash !== '') return reject('it carries a fragment');

  for (const name of singleValued) {
    if (url.searchParams.getAll(name).length > 1) return reject(`the parameter "${name}" appears more than once`);
  }

  const state = url.searchParams.get('state') ?? undefined;
  const error = url.searchParams.get('error');
  if (error !== null) {
    return {
      kind: 'errorResponse',
      url,
      state,
      error: clip(plainText(error), 64),
      errorDescription: clip(plainText(url.searchParams.get('error_description') ?? ''), 300),
    };
  }
  if (state === undefined || state === '') return reject('it has no state');
  const code = url.searchParams.get('code');
  if (code === null || code === '') return reject('it has no authorization code');
  return { kind: 'authorizationResponse', url, state };
}

function reject(reason: string): RedirectParseResult {
  return { kind: 'rejected', reason };
}

/**
 * The provider's words reach the user's screen and the log verbatim, as text (S6). Decoded
 * controls (a newline, an ANSI escape) would let them forge extra log lines or styling, so they
 * become spaces; RFC 6749 §5.2 allows none in `error` or `error_description` anyway.
 */
function plainText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
