import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { ErrorView, ImportResult } from '../../../app/common/contract.js';
import { errorView } from '../../../app/common/error-view.js';
import { copy } from '../../copy.js';
import { importProblemText } from '../../format/import-problem.js';
import { useCommand } from '../../state/use-command.js';
import { ErrorMessage } from '../error-message.js';

/** Largest file read; the command accepts up to 1,000,000 characters. */
const maxFileBytes = 1_000_000;

/**
 * Imports profiles from an administrator's JSON file; valid entries are added, problems listed.
 *
 * The control is a button that opens the file chooser (the file input itself is out of sight and
 * out of the Tab order): while a file is read and imported it stays focusable and says it is busy
 * (aria-disabled, as every busy button here), and a press meanwhile opens nothing. A disabled file
 * input would drop keyboard focus to the top of the page.
 */
export function ProfileImport() {
  const headingId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const importProfiles = useCommand('importProfiles', { report: false });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  /** The file being read and imported, by name. */
  const [importing, setImporting] = useState<string | null>(null);
  const busy = importing !== null || importProfiles.pending;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file || busy) return;
    setResult(null);
    setError(null);
    setImporting(file.name);
    try {
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
    } finally {
      setImporting(null);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId} data-testid="profile-import">
      <h3 id={headingId} className="card__title">
        {copy.settings.importHeading}
      </h3>
      <p id={hintId} className="card__hint">
        {copy.settings.importIntro}
      </p>
      <div className="actions">
        <button type="button" className="button" aria-describedby={hintId} aria-disabled={busy || undefined} onClick={() => busy || inputRef.current?.click()} data-testid="profile-import-choose">
          {copy.settings.importFile}
        </button>
        <input ref={inputRef} type="file" accept=".json,application/json" hidden tabIndex={-1} onChange={(event) => void onFile(event)} data-testid="profile-import-file" />
      </div>
      <div role="status" className="import-result">
        {importing !== null ? (
          <p className="card__hint" data-testid="profile-import-busy">
            {copy.settings.importing(importing)}
          </p>
        ) : null}
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
