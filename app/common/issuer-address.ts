/**
 * Provider guides publish the discovery document's address ("…/.well-known/openid-configuration"),
 * and that is what admins paste where the issuer goes. openid-client reads a URL containing
 * `/.well-known/` as the document itself and then skips the issuer check (S14), so the issuer a
 * profile keeps never contains it: the OpenID suffix is taken off (OpenID Connect Discovery
 * appends it to the issuer, so what remains is the issuer), and any other `/.well-known/` address
 * is refused (`hasWellKnownPath`). Free of zod and Node: the editor uses it to compare issuers.
 */
const openIdDiscoverySuffix = /\/\.well-known\/openid-configuration\/?$/;

/** The issuer an admin meant: surrounding spaces and a pasted OpenID discovery suffix removed. */
export function issuerAsMeant(value: string): string {
  return value.trim().replace(openIdDiscoverySuffix, '');
}

/** True when the address still has a `/.well-known/` part, which an issuer never has. */
export function hasWellKnownPath(value: string): boolean {
  return /\/\.well-known(\/|$)/.test(URL.parse(value)?.pathname ?? value);
}
