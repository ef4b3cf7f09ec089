import * as oidc from 'openid-client';
import { appSetAuthParams, type Profile } from '../config/profile.js';

export interface AuthorizationRequest {
  authorizationUrl: string;
  codeVerifier: string;
  /** Empty when no ID token is asked for (no `openid` scope). */
  nonce: string;
}

/**
 * The authorization request of one attempt (S1): PKCE S256 with a fresh verifier, the attempt's
 * state, a nonce when an ID token is wanted, and the provider's extra parameters.
 */
export async function buildAuthorizationRequest(
  config: oidc.Configuration,
  profile: Profile,
  request: { state: string; redirectUri: string; prompt?: 'login' },
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const nonce = profile.scopes.includes('openid') ? oidc.randomNonce() : '';
  const parameters: Record<string, string> = {
    ...profileOwnParams(profile.extraAuthParams),
    response_type: 'code',
    redirect_uri: request.redirectUri,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: request.state,
  };
  // Healthcode's guide sends no scope at all; an empty `scope=` would be a different request.
  if (profile.scopes.length > 0) parameters.scope = profile.scopes.join(' ');
  if (nonce) parameters.nonce = nonce;
  const prompt = promptFor(profile.extraAuthParams.prompt, request.prompt);
  if (prompt) parameters.prompt = prompt;
  return { authorizationUrl: oidc.buildAuthorizationUrl(config, parameters).href, codeVerifier, nonce };
}

/**
 * A profile stored by an earlier version may still name a parameter the app sets itself; the
 * app's value must win (a `response_type=token` would put a token in a redirect, S1).
 */
function profileOwnParams(extra: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(extra).filter(([name]) => !appSetAuthParams.has(name)));
}

/**
 * The profile's own prompt values (e.g. `consent`) still apply when the app asks for `login`;
 * `none` goes, as OpenID Connect refuses it beside any other value.
 */
function promptFor(profilePrompt: string | undefined, asked: 'login' | undefined): string | undefined {
  if (asked === undefined) return profilePrompt;
  const others = (profilePrompt ?? '').split(' ').filter((value) => value !== '' && value !== 'none' && value !== asked);
  return [asked, ...new Set(others)].join(' ');
}

/**
 * The system browser may still hold the provider session of whoever used it last; on a shared
 * clinic computer reusing it would sign the bots in under the wrong person. So a sign-in asks who
 * is signing in unless the profile allows single sign-on and the machine policy does not forbid it.
 */
export function asksWhoSignsIn(profile: Pick<Profile, 'reuseBrowserSignIn'>, policyAsks: boolean): boolean {
  return policyAsks || !profile.reuseBrowserSignIn;
}
