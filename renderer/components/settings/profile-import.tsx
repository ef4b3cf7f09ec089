import { useId, useState, type ChangeEvent } from 'react';
import type { ErrorView, ImportResult } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { importProblemText } from '../../format/import-problem.js';
import { useCommand } from '../../state/use-command.js';
import { ErrorMessage } from '../error-message.js';

/** Largest file read; the command accepts up to 1,000,000 characters. */
const maxFileBytes = 1_000_000;

/** Imports profiles from an administrator's JSON file; valid entries are added, problems listed. */
export function ProfileImport() {
  const headingId = useId();
  const inputId = useId();
  const importProfiles = useCommand('importProfiles', { report: false });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    setResult(null);
    setError(null);
    if (!file) return;
    let json: string;
    try {
      if (file.size > maxFileBytes) throw new Error('too large');
      json = await file.text();
    } catch {
      setError(errorView('file_unreadable'));
      return;
    } finally {
      // Choosing the same file again (after fixing it) must fire change again.
      input.value = '';
    }
    const outcome = await importProfiles.attempt({ json });
    if (outcome.ok) setResult(outcome.value);
    else setError(outcome.error);
  };

  return (
    <section className="card" aria-labelledby={headingId} data-testid="profile-import">
      <h3 id={headingId} className="card__title">
        {copy.settings.importHeading}
      </h3>
      <p className="card__hint">{copy.settings.importIntro}</p>
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          {copy.settings.importFile}
        </label>
        <input id={inputId} type="file" accept=".json,application/json" className="input-file" onChange={(event) => void onFile(event)} disabled={importProfiles.pending} data-testid="profile-import-file" />
      </div>
      <div role="status" className="import-result">
        {result ? (
          <>
            <p data-testid="profile-import-count">{copy.settings.importDone(result.imported.length)}</p>
            {result.errors.length > 0 ? (
              <>
                <p className="field__error">{copy.settings.importProblems}</p>
                <ul className="problem-list" data-testid="profile-import-errors">
                  {result.errors.map((problem) => (
                    <li key={`${problem.index}-${problem.field}`}>{importProblemText(problem)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} testId="profile-import-error" /> : null}
    </section>
  );
}
