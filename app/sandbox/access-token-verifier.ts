import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { HttpFetch } from '../ports/http-fetch.js';
import { sandboxSigningAlg } from './generate-sandbox-jwks.js';

/** What the demo API knows about a caller once its bearer token checks out. */
export interface VerifiedAccessToken {
  subject: string;
  name?: string;
  scopes: string[];
  expiresAt: number;
  companyId?: string;
  clientId?: string;
}

export type AccessTokenCheck =
  | { ok: true; token: VerifiedAccessToken }
  | { ok: false; reason: 'expired' | 'invalid' };

export interface AccessTokenVerifierOptions {
  issuer: string;
  jwksUri: string;
  audience: string;
  /** How the keys are fetched; default Node's fetch. An https sandbox passes one that trusts its own root. */
  fetch?: HttpFetch;
  /** Set when access tokens are opaque: they are checked at the provider's introspection endpoint. */
  introspection?: { endpoint: string; clientId: string; clientSecret: string };
}

/** A bound on each introspection call, so a stuck provider answers 500 rather than hanging the API. */
const introspectionTimeoutMs = 10_000;

/**
 * Verifies sandbox access tokens the way a real resource server would: JWTs against the signing
 * keys fetched over HTTP from the provider's `jwks_uri`, never handed over in memory; opaque tokens
 * by asking the provider's introspection endpoint (RFC 7662) with the API's own client.
 */
export class AccessTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    const { fetch } = options;
    this.jwks = createRemoteJWKSet(new URL(options.jwksUri), fetch ? { [customFetch]: (url, init) => fetch(url, init) } : {});
  }

  async verify(token: string): Promise<AccessTokenCheck> {
    return this.options.introspection ? this.#introspect(token, this.options.introspection) : this.#verifyJwt(token);
  }

  async #verifyJwt(token: string): Promise<AccessTokenCheck> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [sandboxSigningAlg],
        typ: 'at+jwt',
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      // A JWKS that cannot be fetched is the server's problem, not a bad token: let it surface as 500.
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) throw error;
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, token: fromClaims(payload) };
  }

  async #introspect(token: string, client: NonNullable<AccessTokenVerifierOptions['introspection']>): Promise<AccessTokenCheck> {
    const response = await fetch(client.endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
      signal: AbortSignal.timeout(introspectionTimeoutMs),
    });
    const claims = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    // oidc-provider will not introspect anything shaped like a JWT: to this API that is a bad token.
    if (response.status === 400 && claims.error === 'unsupported_token_type') return { ok: false, reason: 'invalid' };
    // The provider refusing the API itself is the server's problem, not a bad token: a 500.
    if (!response.ok) throw new Error(`The introspection endpoint answered ${response.status}.`);
    if (claims.active !== true) return { ok: false, reason: 'invalid' };
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    // A company (client credentials) token has no user: its subject is the client, as in RFC 9068.
    const subject = typeof claims.sub === 'string' ? claims.sub : claims.client_id;
    const valid =
      claims.iss === this.options.issuer &&
      audience.includes(this.options.audience) &&
      claims.token_type === 'Bearer' &&
      typeof subject === 'string' &&
      typeof claims.exp === 'number';
    if (!valid) return { ok: false, reason: 'invalid' };
    if ((claims.exp as number) * 1000 <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, token: fromClaims({ ...claims, sub: subject }) };
  }
}

function fromClaims(claims: Record<string, unknown>): VerifiedAccessToken {
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  const companyId = typeof claims.CompanyId === 'string' ? claims.CompanyId : undefined;
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
  return {
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [],
    expiresAt: (typeof claims.exp === 'number' ? claims.exp : 0) * 1000,
    ...(name === undefined ? {} : { name }),
    ...(companyId === undefined ? {} : { companyId }),
    ...(clientId === undefined ? {} : { clientId }),
  };
}
