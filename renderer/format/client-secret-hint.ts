import type { ClientAuthMethod } from '../../app/common/contract.js';
import { copy } from '../copy.js';

export interface ClientSecretState {
  /** A secret is stored for the profile being edited. */
  stored: boolean;
  clientAuth: ClientAuthMethod;
  /** A copy of another profile: the name of the one copied, and whether it has a secret (not copied). */
  copiedFrom?: { name: string; hasClientSecret: boolean } | undefined;
}

/**
 * The hint under the client secret field, in the editor and the wizard alike: the field is
 * always empty (secrets never leave the core), so the hint says whether one is stored, kept,
 * deleted on save, or was left behind by a copy.
 */
export function clientSecretHint({ stored, clientAuth, copiedFrom }: ClientSecretState): string {
  if (stored) return clientAuth === 'none' ? copy.profileForm.clientSecretDropped : copy.profileForm.clientSecretKeep;
  if (copiedFrom?.hasClientSecret === true) return copy.profileForm.clientSecretNotCopied(copiedFrom.name);
  return copy.profileForm.clientSecretHint;
}
