import { isLoopbackHost } from '../../app/common/loopback.js';
import { selfTestHost } from '../../app/deep-link/parse-deep-link.js';

/**
 * Which URLs the app may hand to the system browser (`shell.openExternal`). An unchecked
 * openExternal turns any renderer bug into "run this file:// or smb:// thing", so only web pages
 * pass: https anywhere, http only on this computer's loopback (the sandbox provider, RFC 8252
 * loopback redirects). Credentials in the URL are refused because they hide the real host
 * (`https://bank.example@evil.example/`).
 */
export function isAllowedExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > maxExternalUrlLength) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  // `https:/x` and `https:x` parse, but only a literal `//` authority is what the user sees.
  if (!/^https?:\/\//i.test(url)) return false;
  if (parsed.protocol === 'https:') return parsed.hostname !== '';
  if (parsed.protocol === 'http:') return isLoopbackHost(parsed.hostname);
  return false;
}

/** Authorization URLs carry PKCE and state parameters; anything far longer is not one of ours. */
export const maxExternalUrlLength = 16 * 1024;

/**
 * The first-run wizard's deep-link self-test (app/self-test/deep-link-self-test.ts) asks the OS
 * to open `<our scheme>://selftest?nonce=<32 hex>`, to prove the scheme comes back to this app.
 * That exact shape, with our own scheme, is the only non-web URL the shell will hand over: no
 * other host, path, port, user info or parameter, so it cannot carry anything to another app.
 */
export function isSelfTestUrl(url: unknown, scheme: string): boolean {
  if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*$/.test(scheme)) return false;
  const pattern = new RegExp(`^${scheme.replace(/[.+-]/g, '\\$&')}://${selfTestHost}\\?nonce=[0-9a-f]{32}$`);
  return pattern.test(url);
}
