import type { ProfileInput } from './profile.js';

export type ProviderPresetName = 'healthcodeProduction' | 'healthcodeUat' | 'hcssPartner' | 'custom';

/**
 * What each preset fills in when an admin starts a profile from it. The admin then adds the
 * client id (and a secret for confidential clients). Healthcode's guide shows no `scope`
 * parameter and no refresh token, so its presets ask for no scopes; HCSS partner apps are
 * confidential clients that get company tokens with the `company` grant.
 */
export const providerPresets: Record<ProviderPresetName, Partial<ProfileInput>> = {
  healthcodeProduction: {
    kind: 'oidc',
    name: 'Healthcode',
    issuer: 'https://auth.healthcode.co.uk',
    clientAuth: 'none',
    scopes: [],
    redirect: { mode: 'customScheme' },
  },
  healthcodeUat: {
    kind: 'oidc',
    name: 'Healthcode UAT',
    issuer: 'https://auth.uat.healthcode.co.uk',
    clientAuth: 'none',
    scopes: [],
    redirect: { mode: 'customScheme' },
  },
  hcssPartner: {
    kind: 'partner',
    name: 'HCSS',
    issuer: 'https://api.hcssapps.com/identity',
    clientAuth: 'client_secret_basic',
    scopes: ['openid'],
    companyClaim: 'CompanyId',
    redirect: { mode: 'customScheme' },
  },
  custom: {
    kind: 'oidc',
    scopes: ['openid', 'profile'],
  },
};

/**
 * Fills in what the chosen preset implies and the input leaves out. Explicit values always win,
 * so an imported file can pin anything.
 */
export function withPresetDefaults(input: Record<string, unknown>): Record<string, unknown> {
  const preset = input.preset;
  if (typeof preset !== 'string' || !(preset in providerPresets)) return input;
  return { ...providerPresets[preset as ProviderPresetName], ...input };
}
