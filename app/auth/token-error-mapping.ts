import * as oidc from 'openid-client';
import { providerWords } from '../common/provider-words.js';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';
import { networkSupervisorError } from '../network/network-error-mapping.js';
import { isTimeout } from './provider-discovery.js';

export interface TokenErrorContext {
  tokenEndpoint: string;
  redirectUri: string;
  timeoutMs: number;
  /** Named when the provider's signing keys changed (S54). */
  issuer?: string;
}

/**
 * Turns whatever openid-client threw during a token request into one of our stable codes, with a
 * message that says what to do (S17, S18, S20–S22). The library's own messages are never shown:
 * they are for developers, and some echo request details.
 */
export function mapTokenExchangeError(error: unknown, context: TokenErrorContext): SupervisorError {
  if (isSupervisorError(error)) return error;
  // A proxy or certificate failure says what IT must fix, whichever request it hit (S51, S52).
  const network = networkSupervisorError(error);
  if (network) return network;
  const origin = originOf(context.tokenEndpoint);
  if (isTimeout(error)) return supervisorError('token_endpoint_timeout', origin, context.timeoutMs / 1000, { cause: error });
  if (error instanceof oidc.AuthorizationResponseError) {
    return supervisorError('provider_refused', providerWords(error.error, 64), providerWords(error.error_description ?? '', 300), { cause: error });
  }
  const oauthError = oauthErrorOf(error);
  if (oauthError !== undefined) {
    switch (oauthError) {
      case 'invalid_grant':
        return supervisorError('authorization_code_rejected', { cause: error });
      case 'invalid_client':
      case 'unauthorized_client':
        return supervisorError('client_rejected', context.redirectUri, { cause: error });
      default:
        return supervisorError('token_request_failed', `the provider answered "${clip(oauthError)}"`, { cause: error });
    }
  }
  const code = (error as { code?: unknown })?.code;
  // openid-client puts the specific reason on `cause`; `cause` may also hold the callback's
  // parameters (the code), so only messages are read, and never shown or logged.
  const message = causeMessages(error);
  if (code === 'OAUTH_INVALID_RESPONSE' && /"iss"/.test(message) && !/ID Token|id_token/i.test(message)) {
    return supervisorError('issuer_mismatch', { cause: error });
  }
  if (code === 'OAUTH_INVALID_RESPONSE' && /"state"/.test(message)) return supervisorError('state_mismatch', { cause: error });
  // The ID token names a key the provider's key set (as openid-client last fetched it) lacks.
  if (code === 'OAUTH_KEY_SELECTION_FAILED' && /no applicable keys/.test(message)) {
    return supervisorError('signing_keys_changed', originOf(context.issuer ?? context.tokenEndpoint).replace(/^https?:\/\//, ''), { cause: error });
  }
  const status = statusOf(error);
  if (typeof status === 'number' && status >= 500) return supervisorError('token_endpoint_error', origin, status, { cause: error });
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
    return supervisorError('token_response_invalid', 'it was not a JSON token response', { cause: error });
  }
  const tokenFieldProblem = describeTokenFieldProblem(message);
  if (tokenFieldProblem) return supervisorError('token_response_invalid', tokenFieldProblem, { cause: error });
  if ((typeof code === 'string' && code.startsWith('OAUTH_JWT')) || /id_token|ID Token|JWT|signature|nonce|"aud"|"azp"|"sub"|"exp"|"iat"|alg/i.test(message)) {
    return supervisorError('id_token_invalid', describeIdTokenProblem(message), { cause: error });
  }
  return supervisorError('token_response_invalid', 'it could not be read', { cause: error });
}

function oauthErrorOf(error: unknown): string | undefined {
  if (error instanceof oidc.ResponseBodyError) return error.error;
  // A 401 with WWW-Authenticate (e.g. a wrong client secret) arrives as a challenge, not a body.
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const parameter = error.cause.find((challenge) => typeof challenge.parameters.error === 'string')?.parameters.error;
    return parameter ?? (error.status === 401 ? 'invalid_client' : undefined);
  }
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return undefined;
}

function causeMessages(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) messages.push(e.message);
  return messages.join(' | ');
}

function describeTokenFieldProblem(message: string): string | undefined {
  if (/["`]access_token["`]/.test(message)) return 'there is no access token';
  if (/["`]token_type["`]/.test(message)) return 'the token type is missing or not Bearer';
  if (/["`]expires_in["`]/.test(message)) return 'expires_in is zero, negative or not a number';
  if (/["`](scope|refresh_token)["`]/.test(message)) return 'a field has the wrong type';
  return undefined;
}

function describeIdTokenProblem(message: string): string {
  if (/nonce/.test(message)) return 'wrong nonce';
  if (/signature/i.test(message)) return 'bad signature';
  if (/alg/.test(message)) return 'unacceptable algorithm';
  if (/"azp"/.test(message)) return 'several audiences without an authorised party';
  if (/"aud"/.test(message)) return 'wrong audience';
  if (/"iss"/.test(message)) return 'wrong issuer';
  if (/"exp"|expired/.test(message)) return 'expired';
  if (/"sub"/.test(message)) return 'no subject';
  if (/"iat"/.test(message)) return 'bad issue time';
  return 'not valid';
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the token endpoint';
  }
}

function clip(value: string): string {
  return value.replace(/[^\w.-]/g, '').slice(0, 64);
}
