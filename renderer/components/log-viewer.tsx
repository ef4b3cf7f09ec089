import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { LogLine } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { downloadFile } from '../dom/download-file.js';
import { indexOfSeq, stepMatch } from '../format/log-search.js';
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
 * The log with its tools: search (the matching lines, or every line with the matches marked),
 * stepping from match to match, follow the tail, copy and download the lines shown, and download
 * the full log from the run's files.
 */
export function LogViewer({ runId, lines, fileStem }: LogViewerProps) {
  const searchId = useId();
  const onlyMatchingId = useId();
  const [query, setQuery] = useState('');
  const [followTail, setFollowTail] = useState(true);
  const [onlyMatching, setOnlyMatching] = useState(true);
  /** The match Next or Previous went to, by seq, so the place survives new lines. */
  const [currentSeq, setCurrentSeq] = useState<number | null>(null);
  const [scrollRequest, setScrollRequest] = useState<{ index: number; serial: number } | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  // Filtering 100k lines takes a few milliseconds; typing stays responsive while it catches up.
  const deferredQuery = useDeferredValue(query);
  const matched = useMemo(() => filterLogLines(lines, deferredQuery), [lines, deferredQuery]);
  const searching = deferredQuery.trim() !== '';
  const filtered = searching && onlyMatching;
  const shown = filtered ? matched : lines;
  // 0 when there is no current match, or the query changed and it no longer matches.
  const position = searching && currentSeq !== null ? indexOfSeq(matched, currentSeq) + 1 : 0;
  const matchStatus = position > 0 ? copy.runLog.matchPosition(position, matched.length) : copy.runLog.matchesFound(matched.length);

  const showMatch = (seq: number, inLines: readonly LogLine[]) => {
    setCurrentSeq(seq);
    // Reading a match: new lines must not pull the view away from it.
    setFollowTail(false);
    setScrollRequest((previous) => ({ index: indexOfSeq(inLines, seq), serial: (previous?.serial ?? 0) + 1 }));
  };
  const step = (direction: 1 | -1) => {
    const seq = stepMatch(matched, position > 0 ? currentSeq : null, direction);
    if (seq !== null) showMatch(seq, shown);
  };
  const onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    step(event.shiftKey ? -1 : 1);
  };
  const changeOnlyMatching = (only: boolean) => {
    setOnlyMatching(only);
    // The current match stays in view, now among the lines around it (or among the matches).
    if (position > 0 && currentSeq !== null) showMatch(currentSeq, only ? matched : lines);
  };

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
          onKeyDown={onSearchKeyDown}
          aria-describedby={`${searchId}-hint`}
          data-testid="log-search"
        />
        <span id={`${searchId}-hint`} hidden>
          {copy.runLog.searchHint}
        </span>
        <span className="log-toolbar__count tabular" data-testid="log-line-count">
          {copy.runLog.lineCount(matched.length, lines.length)}
        </span>
        {searching ? (
          <span className="log-toolbar__matches">
            <button type="button" className="button button--small" aria-label={copy.runLog.previousMatch} disabled={matched.length === 0} onClick={() => step(-1)}>
              {copy.runLog.previous}
            </button>
            <button type="button" className="button button--small" aria-label={copy.runLog.nextMatch} disabled={matched.length === 0} onClick={() => step(1)}>
              {copy.runLog.next}
            </button>
            {position > 0 ? (
              <span className="log-toolbar__count tabular" data-testid="log-match-position">
                {copy.runLog.matchPosition(position, matched.length)}
              </span>
            ) : null}
            <span className="log-toolbar__check">
              <input id={onlyMatchingId} type="checkbox" checked={onlyMatching} onChange={(event) => changeOnlyMatching(event.target.checked)} />
              <label htmlFor={onlyMatchingId}>{copy.runLog.onlyMatching}</label>
            </span>
          </span>
        ) : null}
        <button type="button" className="button button--small" aria-pressed={followTail} onClick={() => setFollowTail(!followTail)} data-testid="log-follow">
          {copy.runLog.followTail}
        </button>
        <button
          type="button"
          className="button button--small"
          hidden={followTail}
          onClick={() => {
            setFollowTail(true);
            // The button hides now: focus goes to the log, where the keys read on.
            setFocusRequest((previous) => previous + 1);
          }}
          data-testid="log-jump-latest"
        >
          {copy.runLog.jumpToLatest}
        </button>
        <CopyButton
          className="button button--small"
          text={() => logLinesAsText(shown)}
          label={filtered ? copy.runLog.copyMatching : copy.runLog.copy}
          copiedMessage={copy.runLog.copied(shown.length)}
          failure="log_not_copied"
          testId="log-copy"
        />
        <button
          type="button"
          className="button button--small"
          onClick={() => downloadFile(`${fileStem}${filtered ? '.matching' : ''}.log.txt`, logLinesAsText(shown), 'text/plain;charset=utf-8')}
          data-testid="log-download"
        >
          {filtered ? copy.runLog.downloadMatching : copy.runLog.download}
        </button>
        <DownloadFullLogButton runId={runId} />
      </div>
      {/* Announced only for searches, and without the total, which changes with every batch. */}
      <p role="status" className="visually-hidden" data-testid="log-search-status">
        {searching ? matchStatus : ''}
      </p>
      {searching && matched.length === 0 ? <p className="card__hint">{copy.runLog.noMatches}</p> : null}
      <LogLineList
        lines={shown}
        query={deferredQuery}
        followTail={followTail}
        onFollowTailChange={setFollowTail}
        currentSeq={position > 0 ? currentSeq : null}
        scrollRequest={scrollRequest}
        focusRequest={focusRequest}
      />
    </div>
  );
}
