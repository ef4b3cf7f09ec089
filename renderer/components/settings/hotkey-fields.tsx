import { useId } from 'react';
import type { ErrorView, HotkeyPreferences } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { FormField } from '../form-field.js';

export type HotkeyValues = Omit<HotkeyPreferences, 'pauseAllOffered'>;

export interface HotkeyFieldsProps {
  /** Undefined where the host cannot register global shortcuts (the browser host). */
  offered: HotkeyPreferences | undefined;
  values: HotkeyValues;
  onChange(values: HotkeyValues): void;
  /** The last save's error: `hotkey_invalid` names its field (`hotkeys.stopAll`, `hotkeys.pauseAll`). */
  error: ErrorView | null;
}

/**
 * Pause all and Stop all as global shortcuts (Electron accelerators), off by default. They work
 * anywhere on the computer, so only the desktop app offers them; the browser host says so.
 */
export function HotkeyFields({ offered, values, onChange, error }: HotkeyFieldsProps) {
  const legendId = useId();
  const enabledId = useId();
  if (!offered) {
    return (
      <p className="card__hint" data-testid="hotkeys-desktop-only">
        {copy.hotkeys.desktopOnly}
      </p>
    );
  }
  return (
    <fieldset className="hotkeys-fieldset" aria-labelledby={legendId} data-testid="hotkeys">
      <legend id={legendId}>{copy.hotkeys.heading}</legend>
      <p className="card__hint">{copy.hotkeys.hint}</p>
      <div className="checkbox">
        <input id={enabledId} type="checkbox" checked={values.enabled} onChange={(event) => onChange({ ...values, enabled: event.target.checked })} data-testid="hotkeys-enabled" />
        <label htmlFor={enabledId}>{copy.hotkeys.enabled}</label>
      </div>
      <FormField label={copy.hotkeys.stopAll} hint={copy.hotkeys.acceleratorHint} error={error?.fields?.['hotkeys.stopAll']} testId="hotkeys-stopAll">
        {(control) => <input {...control} className="input mono" value={values.stopAll} spellCheck={false} autoComplete="off" onChange={(event) => onChange({ ...values, stopAll: event.target.value })} />}
      </FormField>
      <FormField
        label={copy.hotkeys.pauseAll}
        hint={offered.pauseAllOffered ? undefined : copy.hotkeys.pauseAllNotOffered}
        error={error?.fields?.['hotkeys.pauseAll']}
        testId="hotkeys-pauseAll"
      >
        {(control) => <input {...control} className="input mono" value={values.pauseAll} spellCheck={false} autoComplete="off" onChange={(event) => onChange({ ...values, pauseAll: event.target.value })} />}
      </FormField>
    </fieldset>
  );
}
