import { isLoopbackHost } from './loopback.js';
import type { ProfileView } from './views.js';

/** What a profile contributes to the allowlist: the provider's own addresses and its bounce page. */
export type ExternalOriginSource = Pick<ProfileView, 'issuer' | 'endpoints' | 'bounceUrl'>;

/**
 * The origins a browser-host page may open in a new tab: each profile's issuer, the authorization
 * endpoint an admin entered for a provider without discovery, and its https bounce page. Nothing
 * else — another site, javascript:, data:, file:, custom schemes — so a compromised or buggy host
 * cannot send the user to a look-alike site (S47). The host (main/browser/tab-opener.ts) and the
 * page (renderer/transport/open-external-url.ts) both apply this one rule.
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
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname) ? parsed.origin : undefined;
}
