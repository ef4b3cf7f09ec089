import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { LogLine } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { filterLogLines, logLinesAsText } from '../format/log-text.js';
import { CopyButton } from './copy-button.js';
import { DownloadFullLogButton } from './download-full-log-button.js';
import { LogLineList } from './log-line-list.js';

export interface LogViewerProps {
  /** For Download full log, which reads the run's files rather than these lines. */
  runId: string;
  lines: readonly LogLine[];
  /** Used to name a downloaded copy. */
  fileStem: string;
}

/**
 * The log with its tools: search (filters to matching lines), follow the tail, copy and download
 * the lines shown, and download the full log from the run's files.
 */
export function LogViewer({ runId, lines, fileStem }: LogViewerProps) {
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [followTail, setFollowTail] = useState(true);
  // Filtering 100k lines takes a few milliseconds; typing stays responsive while it catches up.
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => filterLogLines(lines, deferredQuery), [lines, deferredQuery]);
  const searching = deferredQuery.trim() !== '';

  return (
    <div className="log-viewer">
      <div className="log-toolbar" role="group" aria-label={copy.runLog.toolbarLabel}>
        <label className="visually-hidden" htmlFor={searchId}>
          {copy.runLog.search}
        </label>
        <input
          id={searchId}
          type="search"
          className="input log-toolbar__search"
          placeholder={copy.runLog.searchPlaceholder}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="log-search"
        />
        <span className="log-toolbar__count tabular" data-testid="log-line-count">
          {copy.runLog.lineCount(shown.length, lines.length)}
        </span>
        <button type="button" className="button button--small" aria-pressed={followTail} onClick={() => setFollowTail(!followTail)} data-testid="log-follow">
          {copy.runLog.followTail}
        </button>
        <button type="button" className="button button--small" hidden={followTail} onClick={() => setFollowTail(true)} data-testid="log-jump-latest">
          {copy.runLog.jumpToLatest}
        </button>
        <CopyButton
          className="button button--small"
          text={() => logLinesAsText(shown)}
          label={searching ? copy.runLog.copyMatching : copy.runLog.copy}
          copiedMessage={copy.runLog.copied(shown.length)}
          failure="log_not_copied"
          testId="log-copy"
        />
        <button type="button" className="button button--small" onClick={() => downloadFile(`${fileStem}.log.txt`, logLinesAsText(shown), 'text/plain;charset=utf-8')} data-testid="log-download">
          {copy.runLog.download}
        </button>
        <DownloadFullLogButton runId={runId} />
      </div>
      {/* Announced only for searches: the total changes with every batch and would be noise. */}
      <p role="status" className="visually-hidden">
        {searching ? copy.runLog.lineCount(shown.length, lines.length) : ''}
      </p>
      {searching && shown.length === 0 ? <p className="card__hint">{copy.runLog.noMatches}</p> : null}
      <LogLineList lines={shown} query={deferredQuery} followTail={followTail} onFollowTailChange={setFollowTail} />
    </div>
  );
}
