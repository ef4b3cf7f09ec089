import type { ProviderPreset } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { presetOrder } from '../../../app/common/provider-presets.js';
import { RadioGroup } from '../settings/profile-editor.js';

export interface ProviderStepProps {
  preset: ProviderPreset | null;
  onChange(preset: ProviderPreset): void;
  /** False in a production install without demo mode: the Local sandbox is not there to choose. */
  sandboxOffered: boolean;
}

/** Step 1: which provider staff sign in with. */
export function ProviderStep({ preset, onChange, sandboxOffered }: ProviderStepProps) {
  return (
    <RadioGroup
      legend={copy.wizard.provider.legend}
      name="preset"
      value={preset ?? ('' as ProviderPreset)}
      options={presetOrder.filter((value) => sandboxOffered || value !== 'sandbox').map((value) => ({ value, label: copy.presets[value].label, hint: copy.presets[value].description }))}
      onChange={onChange}
      testId="wizard-presets"
    />
  );
}
