import * as oidc from 'openid-client';
import { supervisorError } from '../error-catalogue.js';
import { isSupervisorError, type SupervisorError } from '../errors.js';
import { isTimeout } from './provider-discovery.js';

/**
 * Turns whatever openid-client threw during a code exchange into one of our stable codes, with a
 * message that says what to do. The library's own messages are never shown: they are for
 * developers, and some echo request details.
 */
export function mapTokenExchangeError(error: unknown, context: { tokenEndpoint: string; redirectUri: string }): SupervisorError {
  if (isSupervisorError(error)) return error;
  if (isTimeout(error)) {
    return supervisorError('token_request_failed', `the provider at ${originOf(context.tokenEndpoint)} did not answer within 10 s`, { cause: error });
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    return supervisorError('provider_refused', error.error, error.error_description ?? '', { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError) {
    switch (error.error) {
      case 'invalid_grant':
        return supervisorError('token_request_failed', 'the sign-in code was not accepted (it may have expired or been used already)', { cause: error });
      case 'invalid_client':
      case 'unauthorized_client':
        return supervisorError(
          'token_request_failed',
          `the provider rejected the client id — check it was registered with this redirect URI: ${context.redirectUri}`,
          { cause: error },
        );
      default:
        return supervisorError('token_request_failed', `the provider answered "${clip(error.error)}"`, { cause: error });
    }
  }
  const code = (error as { code?: unknown })?.code;
  // openid-client puts the specific reason on `cause`; `cause` may also hold the callback's
  // parameters (the code), so only its message is read, and never shown or logged.
  const message = causeMessages(error);
  if (code === 'OAUTH_INVALID_RESPONSE' && /"iss"/.test(message)) {
    return supervisorError('issuer_mismatch', { cause: error });
  }
  if (code === 'OAUTH_INVALID_RESPONSE' && /"state"/.test(message)) {
    return supervisorError('state_mismatch', { cause: error });
  }
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
    const status = (error as { cause?: { status?: unknown } }).cause?.status;
    const detail = typeof status === 'number' && status >= 500 ? `the provider had an internal error (HTTP ${status})` : 'the provider sent an unexpected answer';
    return supervisorError('token_request_failed', detail, { cause: error });
  }
  if (typeof code === 'string' && code.startsWith('OAUTH_JWT') || /id_token|ID Token|JWT|signature|nonce|"aud"|"azp"|"sub"|"exp"|"iat"/.test(message)) {
    return supervisorError('id_token_invalid', describeIdTokenProblem(message), { cause: error });
  }
  return supervisorError('token_response_invalid', 'it could not be read', { cause: error });
}

function causeMessages(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) messages.push(e.message);
  return messages.join(' | ');
}

function describeIdTokenProblem(message: string): string {
  if (/nonce/.test(message)) return 'wrong nonce';
  if (/signature/i.test(message)) return 'bad signature';
  if (/"aud"|"azp"/.test(message)) return 'wrong audience';
  if (/"iss"/.test(message)) return 'wrong issuer';
  if (/"exp"|expired/.test(message)) return 'expired';
  if (/"sub"/.test(message)) return 'no subject';
  if (/alg/.test(message)) return 'unacceptable algorithm';
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
