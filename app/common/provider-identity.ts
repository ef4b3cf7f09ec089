import { issuerAsMeant } from './issuer-address.js';

/** What a sign-in's token belongs to: the provider, the client, and how the client authenticates. */
export interface ProviderIdentity {
  issuer: string;
  clientId: string;
  clientAuth: string;
  endpoints?: object | undefined;
}

/**
 * An edit that changes any of these signs the profile's session out and halts its runs: the token
 * was issued to the old client by the old provider. The core applies it when a profile is saved;
 * the editor uses the same rule to say so before saving. Spaces around a value and a pasted
 * discovery suffix are not changes (the core removes them before saving).
 */
export function changesProviderIdentity(before: ProviderIdentity, after: ProviderIdentity): boolean {
  return (
    issuerAsMeant(before.issuer) !== issuerAsMeant(after.issuer) ||
    before.clientId.trim() !== after.clientId.trim() ||
    before.clientAuth !== after.clientAuth ||
    JSON.stringify(before.endpoints) !== JSON.stringify(after.endpoints)
  );
}
