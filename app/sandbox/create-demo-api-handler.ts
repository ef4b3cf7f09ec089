import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessTokenVerifier, VerifiedAccessToken } from './access-token-verifier.js';
import { apiScope } from './build-oidc-configuration.js';
import { demoClaims } from './demo-claims.js';
import { sendJson } from './http-responses.js';

export const apiPathPrefix = '/api';

const realm = 'rpa-supervisor-sandbox';

export type DemoApiHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/** The body of `GET /api/whoami`. */
export interface WhoAmIResponse {
  subject: string;
  name?: string;
  scope: string;
  expiresAt: number;
  companyId?: string;
  /** The client the token was issued to. */
  clientId?: string;
}

type Route = (res: ServerResponse, token: VerifiedAccessToken) => void;

const routes: Record<string, Route> = {
  '/whoami': (res, token) => {
    const body: WhoAmIResponse = {
      subject: token.subject,
      ...(token.name === undefined ? {} : { name: token.name }),
      scope: token.scopes.join(' '),
      expiresAt: token.expiresAt,
      ...(token.companyId === undefined ? {} : { companyId: token.companyId }),
      ...(token.clientId === undefined ? {} : { clientId: token.clientId }),
    };
    sendJson(res, 200, body);
  },
  '/claims': (res, token) => {
    sendJson(res, 200, { subject: token.subject, claims: demoClaims });
  },
};

/**
 * A protected demo API for sample bots. Answers follow RFC 6750: 401 with `WWW-Authenticate`
 * for a missing, bad or expired token, 403 when the `api` scope is missing. Tokens are never
 * echoed, not even in part.
 */
export function createDemoApiHandler(verifier: AccessTokenVerifier): DemoApiHandler {
  return async (req, res, pathname) => {
    const route = routes[pathname.slice(apiPathPrefix.length)];
    if (!route) {
      sendJson(res, 404, { error: 'not_found', message: 'The demo API has no such address.' });
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'method_not_allowed', message: 'Use GET.' }, { allow: 'GET' });
      return;
    }

    const bearer = bearerToken(req.headers.authorization);
    if (bearer === undefined) {
      sendJson(res, 401, { error: 'missing_token', message: 'Send an access token in the Authorization header.' }, {
        'www-authenticate': `Bearer realm="${realm}"`,
      });
      return;
    }
    const check = await verifier.verify(bearer);
    if (!check.ok) {
      const message = check.reason === 'expired' ? 'The access token has expired.' : 'The access token is not valid.';
      sendJson(res, 401, { error: 'invalid_token', message }, {
        'www-authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="${message}"`,
      });
      return;
    }
    if (!check.token.scopes.includes(apiScope)) {
      sendJson(res, 403, { error: 'insufficient_scope', message: `The access token lacks the "${apiScope}" scope.` }, {
        'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", scope="${apiScope}"`,
      });
      return;
    }
    route(res, check.token);
  };
}

/** The credentials after `Bearer`, or undefined when no bearer token was sent at all. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer(?: +(.*))?$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const credentials = match[1]?.trim() ?? '';
  return credentials === '' ? undefined : credentials;
}
