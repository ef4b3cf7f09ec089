import type { ClientAuthMethod, ProfileKind, ProviderPreset } from '../../app/common/contract.js';

/**
 * What each provider preset pre-fills in the wizard and the profile editor. The core validates
 * and stores profiles; these are only starting values an admin can change (except the issuer of
 * the fixed providers, which the editor shows read-only so a typo cannot send users elsewhere).
 */
export interface PresetDefaults {
  preset: ProviderPreset;
  kind: ProfileKind;
  /** Null where the admin must enter it (custom). */
  issuer: string | null;
  scopes: readonly string[];
  clientAuth: ClientAuthMethod;
  /** A starting profile id and name; made unique against existing profiles. */
  idBase: string;
}

export const presetDefaults: Record<ProviderPreset, PresetDefaults> = {
  healthcodeProduction: {
    preset: 'healthcodeProduction',
    kind: 'oidc',
    issuer: 'https://auth.healthcode.co.uk',
    scopes: [],
    clientAuth: 'none',
    idBase: 'healthcode',
  },
  healthcodeUat: {
    preset: 'healthcodeUat',
    kind: 'oidc',
    issuer: 'https://auth.uat.healthcode.co.uk',
    scopes: [],
    clientAuth: 'none',
    idBase: 'healthcode-uat',
  },
  hcssPartner: {
    preset: 'hcssPartner',
    kind: 'partner',
    issuer: 'https://api.hcssapps.com/identity',
    scopes: ['openid'],
    clientAuth: 'client_secret_basic',
    idBase: 'hcss',
  },
  custom: { preset: 'custom', kind: 'oidc', issuer: null, scopes: ['openid', 'profile'], clientAuth: 'none', idBase: 'custom' },
  sandbox: { preset: 'sandbox', kind: 'sandbox', issuer: null, scopes: ['openid', 'profile', 'api'], clientAuth: 'none', idBase: 'sandbox' },
};

/** The order the wizard offers them in: real providers first, the sandbox last. */
export const presetOrder: readonly ProviderPreset[] = ['healthcodeProduction', 'healthcodeUat', 'hcssPartner', 'custom', 'sandbox'];

/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueProfileId(base: string, existingIds: readonly string[]): string {
  const taken = new Set(existingIds);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
