import { providerPresets } from '../common/provider-presets.js';
import type { ProviderPreset } from '../common/contract.js';
import type { ProfileInput } from './profile.js';

/**
 * What a preset fills in for a profile an admin saves or imports (app/common/provider-presets.ts
 * holds the presets themselves). A preset for a named provider also names the profile and fixes
 * the issuer; a custom profile must bring both. Sandbox profiles come from the host, never from a
 * file, so the sandbox preset fills in nothing.
 */
function presetProfileDefaults(preset: Exclude<ProviderPreset, 'sandbox'>): Partial<ProfileInput> {
  const { kind, issuer, profileName, scopes, clientAuth, companyClaim } = providerPresets[preset];
  return {
    kind,
    scopes: [...scopes],
    clientAuth,
    ...(issuer === null ? {} : { name: profileName, issuer }),
    ...(companyClaim === undefined ? {} : { companyClaim }),
  };
}

/**
 * Fills in what the chosen preset implies and the input leaves out. Explicit values always win,
 * so an imported file can pin anything.
 */
export function withPresetDefaults(input: Record<string, unknown>): Record<string, unknown> {
  const preset = input.preset;
  if (typeof preset !== 'string' || preset === 'sandbox' || !Object.hasOwn(providerPresets, preset)) return input;
  return { ...presetProfileDefaults(preset as Exclude<ProviderPreset, 'sandbox'>), ...input };
}
