import * as client from 'openid-client';
import type { RunningSandbox, SandboxUser } from '../sandbox-provider.js';

/** openid-client helpers that tests share to talk to a running sandbox like the app does. */

export interface PendingAuthorization {
  url: URL;
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** Discovers the sandbox with the same checks the app uses (signed ID tokens verified). */
export async function discoverSandbox(
  sandbox: RunningSandbox,
  options: { clientId?: string; clientSecret?: string } = {},
): Promise<client.Configuration> {
  const clientAuth = options.clientSecret === undefined ? client.None() : client.ClientSecretBasic(options.clientSecret);
  // Plain http is acceptable only because the sandbox is on loopback.
  const config = await client.discovery(new URL(sandbox.issuer), options.clientId ?? sandbox.clientId, undefined, clientAuth, {
    execute: [client.allowInsecureRequests],
  });
  client.enableNonRepudiationChecks(config);
  return config;
}

export async function startAuthorization(
  config: client.Configuration,
  redirectUri: string,
  scope = 'openid profile api',
): Promise<PendingAuthorization> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, codeVerifier, state, nonce };
}

export async function redeemCallback(
  config: client.Configuration,
  callbackUrl: string,
  pending: PendingAuthorization,
): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
  try {
    return await client.authorizationCodeGrant(config, new URL(callbackUrl), {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
    });
  } catch (error) {
    // openid-client's message hides the provider's answer; a failing test should show it.
    if (error instanceof client.ResponseBodyError) {
      throw new Error(`The token endpoint refused the code: ${error.error} (${error.error_description ?? 'no description'})`, { cause: error });
    }
    throw error;
  }
}

/** Full browserless sign-in: authorization URL, login form, callback, token exchange. */
export async function signInWithoutBrowser(
  sandbox: RunningSandbox,
  config: client.Configuration,
  redirectUri: string,
  user?: SandboxUser,
): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
  const pending = await startAuthorization(config, redirectUri);
  const callbackUrl = await sandbox.completeLoginWithoutBrowser(pending.url.href, user);
  return redeemCallback(config, callbackUrl, pending);
}

/** Calls the demo API's whoami with an optional bearer token. */
export async function callWhoAmI(sandbox: RunningSandbox, accessToken?: string): Promise<Response> {
  const headers: Record<string, string> = accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` };
  return fetch(`${sandbox.apiBaseUrl}/whoami`, { headers });
}
