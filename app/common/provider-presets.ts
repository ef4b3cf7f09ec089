import type { ClientAuthMethod, ProfileKind, ProviderPreset } from './views.js';

/**
 * What each provider preset fills in, for the core (imported profiles, app/config/profile-presets.ts)
 * and for the wizard and profile editor alike. The admin then adds the client id (and a secret for
 * confidential clients). Healthcode's guide shows no `scope` parameter and no refresh token, so its
 * presets ask for no scopes; HCSS partner apps are confidential clients that get company tokens
 * with the `company` grant.
 */
export interface ProviderPresetDefaults {
  kind: ProfileKind;
  /**
   * The provider's own issuer, which the editor shows read-only so a typo cannot send users
   * elsewhere; null where the admin enters it (custom) or the host supplies it (sandbox).
   */
  issuer: string | null;
  /** The profile name a new profile starts with. */
  profileName: string;
  scopes: readonly string[];
  clientAuth: ClientAuthMethod;
  /** HCSS partner profiles: the claim that carries the company id. */
  companyClaim?: string;
  /** A starting profile id, made unique against existing profiles. */
  idBase: string;
}

export const providerPresets: Readonly<Record<ProviderPreset, ProviderPresetDefaults>> = {
  healthcodeProduction: {
    kind: 'oidc',
    issuer: 'https://auth.healthcode.co.uk',
    profileName: 'Healthcode',
    scopes: [],
    clientAuth: 'none',
    idBase: 'healthcode',
  },
  healthcodeUat: {
    kind: 'oidc',
    issuer: 'https://auth.uat.healthcode.co.uk',
    profileName: 'Healthcode UAT',
    scopes: [],
    clientAuth: 'none',
    idBase: 'healthcode-uat',
  },
  hcssPartner: {
    kind: 'partner',
    issuer: 'https://api.hcssapps.com/identity',
    profileName: 'HCSS',
    scopes: ['openid'],
    clientAuth: 'client_secret_basic',
    companyClaim: 'CompanyId',
    idBase: 'hcss',
  },
  custom: { kind: 'oidc', issuer: null, profileName: 'Custom provider', scopes: ['openid', 'profile'], clientAuth: 'none', idBase: 'custom' },
  sandbox: { kind: 'sandbox', issuer: null, profileName: 'Local sandbox', scopes: ['openid', 'profile', 'api'], clientAuth: 'none', idBase: 'sandbox' },
};

/** Every preset, in the order the wizard offers them: real providers first, the sandbox last. */
export const presetOrder = ['healthcodeProduction', 'healthcodeUat', 'hcssPartner', 'custom', 'sandbox'] as const satisfies readonly ProviderPreset[];

type MissingPresets = Exclude<ProviderPreset, (typeof presetOrder)[number]>;
/** Compile-time proof that `presetOrder` lists every preset. */
export const everyPresetListed: [MissingPresets] extends [never] ? true : MissingPresets = true;
