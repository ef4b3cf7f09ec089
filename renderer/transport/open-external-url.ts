import type { ProfileView } from '../../app/contract.js';

/** What a profile contributes to the allowlist: the provider's own addresses and its bounce page. */
export type ExternalOriginSource = Pick<ProfileView, 'issuer' | 'endpoints' | 'bounceUrl'>;

/**
 * The origins this page may open in a new tab: each profile's issuer, the authorization endpoint
 * an admin entered for a provider without discovery, and its https bounce page. The browser host
 * asks the page to open the provider's sign-in page; anything else — another site, javascript:,
 * data:, file:, custom schemes — is refused, so a compromised or buggy host cannot send the user
 * to a look-alike page (S47). Mirrors app/config/external-url-allowlist.ts, which the host itself
 * applies (the renderer may not import values from app/); main/browser/tab-opener.test.ts checks
 * the two agree.
 */
export function externalOriginsOf(profiles: readonly ExternalOriginSource[]): Set<string> {
  const origins = new Set<string>();
  for (const profile of profiles) {
    for (const address of [profile.issuer, profile.endpoints?.authorization, profile.bounceUrl]) {
      const origin = address === undefined ? undefined : webOrigin(address);
      if (origin !== undefined) origins.add(origin);
    }
  }
  return origins;
}

/** True for an absolute http(s) URL, without user info, on one of `origins`. */
export function isAllowedExternalUrl(url: string, origins: ReadonlySet<string>): boolean {
  const origin = webOrigin(url);
  return origin !== undefined && origins.has(origin);
}

/** The origin of an https URL, or of an http URL on loopback; undefined for anything else. */
function webOrigin(address: string): string | undefined {
  // `https:/x` and `https:x` parse, but only a literal `//` authority is what the user sees.
  if (!/^https?:\/\//i.test(address)) return undefined;
  const parsed = URL.parse(address);
  if (!parsed || parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return undefined;
  if (parsed.protocol === 'https:') return parsed.origin;
  return parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname) ? parsed.origin : undefined;
}

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

type OpenWindow = (url: string, target: string, features: string) => unknown;

/**
 * Opens a provider URL in a new tab, which stands in for the system browser in the browser host,
 * when its origin is on the allowlist. `noopener` keeps the provider's page from reaching back
 * into this one through `window.opener`. Returns whether the URL was accepted; the UI's "copy
 * the sign-in link" fallback covers popup blockers.
 */
export function openExternalUrl(url: string, origins: ReadonlySet<string>, open: OpenWindow): boolean {
  if (!isAllowedExternalUrl(url, origins)) return false;
  open(url, '_blank', 'noopener');
  return true;
}
