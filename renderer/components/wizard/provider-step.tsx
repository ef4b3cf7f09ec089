import type { ProviderPreset } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { presetOrder } from '../../../app/common/provider-presets.js';
import { RadioGroup } from '../settings/profile-editor.js';

export interface ProviderStepProps {
  preset: ProviderPreset | null;
  /** False in a production build without the Local sandbox: it starts at the real providers. */
  offerSandbox: boolean;
  onChange(preset: ProviderPreset): void;
}

/** Step 1: which provider staff sign in with. */
export function ProviderStep({ preset, offerSandbox, onChange }: ProviderStepProps) {
  return (
    <RadioGroup
      legend={copy.wizard.provider.legend}
      name="preset"
      value={preset ?? ('' as ProviderPreset)}
      options={presetOrder.filter((value) => offerSandbox || value !== 'sandbox').map((value) => ({ value, label: copy.presets[value].label, hint: copy.presets[value].description }))}
      onChange={onChange}
      testId="wizard-presets"
    />
  );
}
