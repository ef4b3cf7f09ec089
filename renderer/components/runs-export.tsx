import { useState } from 'react';
import type { RunView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { runsCsv, runsCsvFileName } from '../format/runs-csv.js';

/**
 * The runs the Run history shows, taken to a meeting: as a CSV file for a spreadsheet, or printed
 * (the print stylesheet leaves out the app's chrome and prints every row). The desktop app has no
 * menu with Print, so the button is the way there.
 */
export function RunsExport({ runs }: { runs: readonly RunView[] }) {
  const [saved, setSaved] = useState<string | null>(null);
  const download = () => {
    const fileName = runsCsvFileName(Date.now());
    downloadFile(fileName, runsCsv(runs), 'text/csv;charset=utf-8');
    setSaved(copy.history.downloaded(runs.length, fileName));
  };
  return (
    <div className="actions runs-export" data-testid="history-export">
      <button type="button" className="button button--small" onClick={download} data-testid="history-download">
        {copy.history.download}
      </button>
      <button type="button" className="button button--small" onClick={() => window.print()} data-testid="history-print">
        {copy.history.print}
      </button>
      <span role="status" className="copy-button__feedback" data-testid="history-download-feedback">
        {saved}
      </span>
    </div>
  );
}
