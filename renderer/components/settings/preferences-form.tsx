import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ErrorView, PreferencesView } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { runLimits } from '../../../app/common/run-limits.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { CopyButton } from '../copy-button.js';
import { ErrorMessage } from '../error-message.js';
import { FormField } from '../form-field.js';
import { HotkeyFields, type HotkeyValues } from './hotkey-fields.js';

export interface PreferencesFormProps {
  preferences: PreferencesView;
  /** The machine policy's allowed bot folders, shown beside the folder field. */
  allowedBotFolders?: string[] | undefined;
}

/** The bots folder and run policies (and launch at login where the host supports it). */
export function PreferencesForm({ preferences, allowedBotFolders }: PreferencesFormProps) {
  const headingId = useId();
  const [botsDir, setBotsDir] = useState(preferences.botsDir);
  const [maxRuns, setMaxRuns] = useState(String(preferences.maxConcurrentRuns));
  const [browserPath, setBrowserPath] = useState(preferences.browserPath ?? '');
  const [launchAtLogin, setLaunchAtLogin] = useState(preferences.launchAtLogin ?? false);
  const [hotkeys, setHotkeys] = useState<HotkeyValues>(hotkeyValues(preferences));
  const [error, setError] = useState<ErrorView | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useCommand('savePreferences', { report: false });

  // Show changes made elsewhere (another window, the wizard) unless the user is mid-edit.
  useEffect(() => {
    setBotsDir(preferences.botsDir);
    setMaxRuns(String(preferences.maxConcurrentRuns));
    setLaunchAtLogin(preferences.launchAtLogin ?? false);
    setBrowserPath(preferences.browserPath ?? '');
    setHotkeys(hotkeyValues(preferences));
    // Compared by value: a new snapshot with the same shortcuts must not reset fields being edited.
  }, [preferences.botsDir, preferences.maxConcurrentRuns, preferences.launchAtLogin, preferences.browserPath, JSON.stringify(preferences.hotkeys ?? null)]);

  const maxRunsNumber = /^\d{1,3}$/.test(maxRuns.trim()) ? Number(maxRuns.trim()) : NaN;
  const maxRunsInvalid = !(maxRunsNumber >= 1 && maxRunsNumber <= runLimits.maxConcurrentRunsCeiling);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Save stays focusable while the save is on its way (aria-disabled): Enter meanwhile sends nothing.
    if (save.pending) return;
    setSaved(false);
    if (maxRunsInvalid || botsDir.trim() === '') return;
    const result = await save.attempt({
      botsDir: botsDir.trim(),
      maxConcurrentRuns: maxRunsNumber,
      // Empty clears it: bots then use an installed Edge or Chrome.
      browserPath: browserPath.trim(),
      ...(preferences.launchAtLogin === undefined ? {} : { launchAtLogin }),
      ...(preferences.hotkeys === undefined ? {} : { hotkeys: { enabled: hotkeys.enabled, stopAll: hotkeys.stopAll.trim(), pauseAll: hotkeys.pauseAll.trim() } }),
    });
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
  };

  return (
    <form className="card" aria-labelledby={headingId} onSubmit={(event) => void submit(event)} noValidate data-testid="preferences">
      <h3 id={headingId} className="card__title">
        {copy.settings.botsHeading}
      </h3>
      <FormField label={copy.settings.botsDir} hint={allowedBotFolders ? `${copy.settings.botsDirHint} ${copy.settings.botsDirAllowed(allowedBotFolders.join(', '))}` : copy.settings.botsDirHint} error={error?.fields?.botsDir} testId="preferences-botsDir">
        {(control) => <input {...control} className="input input--wide mono" value={botsDir} spellCheck={false} onChange={(event) => setBotsDir(event.target.value)} />}
      </FormField>
      {/* What the field shows is what is copied: an edit not saved yet is the folder the operator is looking at. */}
      <div className="actions">
        <CopyButton text={() => botsDir.trim() || preferences.botsDir} label={copy.settings.copyBotsDir} copiedMessage={copy.settings.botsDirCopied} testId="copy-bots-dir" />
      </div>
      <FormField label={copy.settings.browserPath} hint={copy.settings.browserPathHint} error={error?.fields?.browserPath} testId="preferences-browserPath">
        {(control) => <input {...control} className="input input--wide mono" value={browserPath} spellCheck={false} onChange={(event) => setBrowserPath(event.target.value)} />}
      </FormField>
      <FormField
        label={copy.settings.maxConcurrentRuns}
        hint={copy.settings.maxConcurrentRunsHint}
        error={maxRunsInvalid ? errorView('max_runs_invalid') : error?.fields?.maxConcurrentRuns}
        testId="preferences-maxConcurrentRuns"
      >
        {(control) => <input {...control} className="input input--narrow" inputMode="numeric" value={maxRuns} onChange={(event) => setMaxRuns(event.target.value)} />}
      </FormField>
      {preferences.launchAtLogin === undefined ? null : (
        <div className="checkbox">
          <input id={`${headingId}-login`} type="checkbox" checked={launchAtLogin} onChange={(event) => setLaunchAtLogin(event.target.checked)} />
          <label htmlFor={`${headingId}-login`}>{copy.settings.launchAtLogin}</label>
        </div>
      )}
      <HotkeyFields offered={preferences.hotkeys} values={hotkeys} onChange={setHotkeys} error={error} />
      {error ? <ErrorMessage error={error} testId="preferences-error" /> : null}
      <div className="actions">
        <button type="submit" className="button button--primary" aria-disabled={save.pending || undefined} data-testid="preferences-save">
          {copy.settings.save}
        </button>
        <span role="status" className="card__hint">
          {saved ? copy.settings.saved : ''}
        </span>
      </div>
    </form>
  );
}

function hotkeyValues(preferences: PreferencesView): HotkeyValues {
  const { enabled = false, stopAll = '', pauseAll = '' } = preferences.hotkeys ?? {};
  return { enabled, stopAll, pauseAll };
}
