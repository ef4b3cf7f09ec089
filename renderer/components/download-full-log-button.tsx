import { useState } from 'react';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { useCommand } from '../state/use-command.js';

export interface DownloadFullLogButtonProps {
  runId: string;
}

/**
 * Saves the run's whole log as the core's files hold it (`exportRunLog`). The view has only
 * what the core still held in memory when it asked; after a flood that is not every line, but
 * the files are. Failures go to the page's alert region, like every command's.
 */
export function DownloadFullLogButton({ runId }: DownloadFullLogButtonProps) {
  const exportRunLog = useCommand('exportRunLog');
  const [savedAs, setSavedAs] = useState<string | null>(null);

  const download = async () => {
    // Focusable while the log is fetched (aria-disabled, not disabled, which drops focus to the page); a press meanwhile does nothing.
    if (exportRunLog.pending) return;
    setSavedAs(null);
    const result = await exportRunLog.run({ runId });
    if (!result) return;
    downloadFile(result.fileName, result.text, 'text/plain;charset=utf-8');
    setSavedAs(result.fileName);
  };

  return (
    <span className="copy-button">
      <button type="button" className="button button--small" onClick={() => void download()} aria-disabled={exportRunLog.pending || undefined} data-testid="log-download-full">
        {exportRunLog.pending ? copy.runLog.downloadingFull : copy.runLog.downloadFull}
      </button>
      <span role="status" className="copy-button__feedback" data-testid="log-download-full-feedback">
        {savedAs ? copy.runLog.downloadedFull(savedAs) : null}
      </span>
    </span>
  );
}
