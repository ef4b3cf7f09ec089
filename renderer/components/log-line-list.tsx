import { memo, useLayoutEffect, useRef } from 'react';
import type { LogLine } from '../../app/contract.js';
import { copy } from '../copy.js';
import { formatTimeOfDay } from '../format/format-date-time.js';

export interface LogLineListProps {
  lines: readonly LogLine[];
}

/** Within this many pixels of the bottom counts as "following the tail". */
const tailSlackPx = 32;

/**
 * Renders log lines and follows the tail while the user is at the bottom; scrolling up stops
 * following so they can read. This is the piece to swap for a virtualised list
 * (@tanstack/react-virtual) later: same props, same test id, same row markup.
 *
 * Lines are rendered as text only (S48): bot output may contain HTML or script.
 */
export function LogLineList({ lines }: LogLineListProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const followTailRef = useRef(true);

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (container && followTailRef.current) container.scrollTop = container.scrollHeight;
  }, [lines]);

  const onScroll = () => {
    const container = containerRef.current;
    if (!container) return;
    followTailRef.current = container.scrollHeight - container.scrollTop - container.clientHeight <= tailSlackPx;
  };

  return (
    // role="log" gives the region a name for assistive tech; live announcements are off because a
    // busy bot would flood a screen reader. tabIndex lets keyboard users scroll it.
    <div ref={containerRef} className="log-lines" role="log" aria-live="off" aria-label={copy.runLog.logLabel} tabIndex={0} onScroll={onScroll} data-testid="run-log">
      {lines.map((line) => (
        <LogLineRow key={line.seq} line={line} />
      ))}
    </div>
  );
}

const streamLabels: Partial<Record<LogLine['stream'], string>> = {
  stderr: copy.runLog.stderr,
  system: copy.runLog.system,
};

const LogLineRow = memo(function LogLineRow({ line }: { line: LogLine }) {
  const streamLabel = streamLabels[line.stream];
  return (
    <div className={`log-line log-line--${line.stream}`} data-seq={line.seq} data-stream={line.stream}>
      <span className="log-line__time" aria-hidden="true">
        {formatTimeOfDay(line.at)}
      </span>
      {streamLabel ? <span className="visually-hidden">{streamLabel}: </span> : null}
      <span className="log-line__text">{line.text}</span>
    </div>
  );
});
