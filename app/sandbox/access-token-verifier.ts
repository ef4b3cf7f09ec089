import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
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
}

/**
 * Verifies sandbox access tokens the way a real resource server would: the signing keys are
 * fetched over HTTP from the provider's `jwks_uri`, never handed over in memory.
 */
export class AccessTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUri));
  }

  async verify(token: string): Promise<AccessTokenCheck> {
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
    const name = typeof payload.name === 'string' ? payload.name : undefined;
    const companyId = typeof payload.CompanyId === 'string' ? payload.CompanyId : undefined;
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    return {
      ok: true,
      token: {
        subject: payload.sub ?? '',
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
        expiresAt: (payload.exp ?? 0) * 1000,
        ...(name === undefined ? {} : { name }),
        ...(companyId === undefined ? {} : { companyId }),
        ...(clientId === undefined ? {} : { clientId }),
      },
    };
  }
}
