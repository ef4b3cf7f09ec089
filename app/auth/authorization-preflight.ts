import type { PreflightView } from '../common/contract.js';
import { toErrorView } from '../common/error-view.js';
import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import { networkSupervisorError } from '../network/network-error-mapping.js';
import type { HttpFetch } from '../ports/http-fetch.js';
import type { Logger } from '../ports/logger.js';

/** Bound on the pre-flight: it must answer well inside the 2 s a user waits for the browser (S55). */
export const preflightTimeoutMs = 1_500;

/**
 * What the provider did with our authorization request before any person saw it:
 * - `accepted`: a page (its login page) or a redirect onwards (to its login page);
 * - `refused`: a 4xx/5xx, or an `error=` redirect straight back to our redirect URI (S55);
 * - `unreachable`: no answer from here. Not an error by itself (the browser may have another
 *   route), but a proxy or certificate failure (S51, S52) is named, since the token request will
 *   meet it too.
 */
export type PreflightResult =
  | { outcome: 'accepted' }
  | { outcome: 'refused'; error: SupervisorError }
  | { outcome: 'unreachable'; error?: SupervisorError };

/**
 * Requests the authorization URL as the browser would, but without following redirects and
 * without cookies (the fetch port keeps none), through the host's network stack.
 */
export async function preflightAuthorization(
  fetch: HttpFetch,
  request: { authorizationUrl: string; redirectUri: string; clientId: string; timeoutMs?: number },
  logger?: Logger,
): Promise<PreflightResult> {
  const result = await preflight(fetch, request);
  if (result.outcome !== 'accepted') logger?.warn('authorization pre-flight', { outcome: result.outcome, code: result.error?.code ?? 'no_answer' });
  return result;
}

/** What the waiting card shows: a refusal, or a named network failure; nothing when all was well. */
export function preflightView(result: PreflightResult): PreflightView | undefined {
  return result.outcome !== 'accepted' && result.error ? { outcome: result.outcome, error: toErrorView(result.error, 'internal_error') } : undefined;
}

async function preflight(fetch: HttpFetch, request: { authorizationUrl: string; redirectUri: string; clientId: string; timeoutMs?: number }): Promise<PreflightResult> {
  let response: Response;
  try {
    response = await fetch(request.authorizationUrl, {
      method: 'GET',
      headers: { accept: 'text/html,application/xhtml+xml' },
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? preflightTimeoutMs),
    });
  } catch (error) {
    const network = networkSupervisorError(error);
    return network ? { outcome: 'unreachable', error: network } : { outcome: 'unreachable' };
  }
  // Only the status and the Location matter; the page itself is never read.
  await response.body?.cancel().catch(() => undefined);
  const refused = (detail: string): PreflightResult => ({
    outcome: 'refused',
    error: supervisorError('authorization_refused_before_login', detail, request.clientId, request.redirectUri),
  });
  if (response.status >= 400) return refused(`it answered HTTP ${response.status}`);
  if (response.status >= 300) {
    const location = response.headers.get('location');
    const answer = location === null ? undefined : errorRedirect(location, request.authorizationUrl, request.redirectUri);
    if (answer) return refused(answer);
  }
  return { outcome: 'accepted' };
}

/** "error: description" when `location` sends an OAuth error straight to our redirect URI. */
function errorRedirect(location: string, base: string, redirectUri: string): string | undefined {
  const target = URL.parse(location, base);
  const ours = URL.parse(redirectUri);
  if (!target || !ours) return undefined;
  const sameTarget = target.protocol === ours.protocol && target.host === ours.host && target.pathname === ours.pathname;
  // A loopback redirect URI may be registered without its port (RFC 8252 §7.3).
  const sameLoopback = ours.protocol === 'http:' && target.protocol === 'http:' && target.hostname === ours.hostname && target.pathname === ours.pathname;
  if (!sameTarget && !sameLoopback) return undefined;
  const params = new URLSearchParams(target.search || target.hash.replace(/^#/, ''));
  const error = params.get('error');
  if (error === null) return undefined;
  const description = params.get('error_description');
  return `${clip(error)}${description ? `: ${clip(description)}` : ''}`;
}

/** Provider text in our message stays short and on one line. */
function clip(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
