import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A private JSON Web Key Set, the shape oidc-provider's `jwks` option takes. */
export interface SandboxJwks {
  keys: JWK[];
}

/** Algorithm of the sandbox's signing key: RS256 is what Healthcode and openid-client default to. */
export const sandboxSigningAlg = 'RS256';

/**
 * Makes a fresh private signing key set. Each sandbox start calls this unless keys are passed in;
 * RSA generation costs ~80 ms, so benchmarks and tests that start many sandboxes can generate
 * once and pass the result in. Tests also use the private key to sign deliberately bad tokens.
 */
export async function generateSandboxJwks(): Promise<SandboxJwks> {
  const { privateKey } = await generateKeyPair(sandboxSigningAlg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { keys: [{ ...jwk, kid: `sandbox-${randomUUID()}`, alg: sandboxSigningAlg, use: 'sig' }] };
}
