import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, memo, useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type WheelEvent } from 'react';
import type { LogLine } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { formatTimeOfDay } from '../format/format-date-time.js';
import { splitOnMatches } from '../format/log-text.js';
import { stripControlSequences } from '../format/strip-control-sequences.js';
import { followAfterScroll } from '../format/tail-follow.js';

export interface LogLineListProps {
  lines: readonly LogLine[];
  /** Highlighted in each visible line. */
  query: string;
  followTail: boolean;
  onFollowTailChange(follow: boolean): void;
  /** The search's current match, marked in the list. */
  currentSeq?: number | null;
  /** Brings row `index` into view, centred, each time `serial` changes (search navigation). */
  scrollRequest?: { index: number; serial: number } | null;
  /** Moves focus to the list each time it changes (after Jump to latest, whose button goes). */
  focusRequest?: number;
}

/** A one-line row; taller (wrapped) rows are measured as they render. */
const estimatedRowPx = 20;
const overscanRows = 20;

/**
 * The log as a virtualised list (@tanstack/react-virtual): only the rows in view, plus a margin,
 * are in the DOM, so 100,000+ lines scroll as smoothly as 100. Long lines wrap, and each rendered
 * row is measured so wrapped rows take their real height.
 *
 * While following the tail, each new batch scrolls to the last line. Scrolling up (wheel, keys,
 * or dragging the scrollbar or the list) stops following so the operator can read; scrolling
 * down to the bottom again resumes it (`followAfterScroll`). Only the operator's own input
 * stops it: rows measured smaller than estimated shrink the list and pull the scroll position up
 * by themselves, and on a busy computer many rows are measured at once.
 *
 * Lines are rendered as text only, after stripping escape sequences (S48): bot output may
 * contain HTML, script or terminal tricks.
 */
export function LogLineList({ lines, query, followTail, onFollowTailChange, currentSeq = null, scrollRequest = null, focusRequest = 0 }: LogLineListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastScrollTopRef = useRef(0);
  /** A pointer or finger is down on the list: a scroll now is the operator dragging. */
  const draggingRef = useRef(false);
  const movingDownRef = useRef(false);
  const followRef = useRef(followTail);
  followRef.current = followTail;

  useEffect(() => {
    // The button may be released outside the list, after dragging its scrollbar.
    const release = () => {
      draggingRef.current = false;
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('touchend', release);
    return () => {
      window.removeEventListener('pointerup', release);
      window.removeEventListener('touchend', release);
    };
  }, []);

  const getItemKey = useCallback((index: number) => lines[index]?.seq ?? -index - 1, [lines]);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedRowPx,
    overscan: overscanRows,
    getItemKey,
    // React 19 warns about flushSync during render; a frame's delay in measuring is invisible.
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    if (followTail && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [followTail, lines, virtualizer]);

  // Keyed on the serial alone: new lines arriving must not pull the view back to the match.
  const scrollSerial = scrollRequest?.serial ?? 0;
  const scrollIndexRef = useRef(scrollRequest?.index);
  scrollIndexRef.current = scrollRequest?.index;
  useLayoutEffect(() => {
    const index = scrollIndexRef.current;
    if (scrollSerial > 0 && index !== undefined && index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [scrollSerial, virtualizer]);

  useEffect(() => {
    if (focusRequest > 0) scrollRef.current?.focus();
  }, [focusRequest]);

  const stopFollowing = () => {
    if (followRef.current) onFollowTailChange(false);
  };

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const decision = followAfterScroll({
      following: followRef.current,
      fromBottomPx: element.scrollHeight - element.scrollTop - element.clientHeight,
      scrollTop: element.scrollTop,
      previousScrollTop: lastScrollTopRef.current,
      dragging: draggingRef.current,
      movingDown: movingDownRef.current,
    });
    if (decision !== 'unchanged') onFollowTailChange(decision === 'follow');
    lastScrollTopRef.current = element.scrollTop;
  };

  // Acting on the intent, not only the resulting scroll, wins the race with a batch of new
  // lines that would otherwise pull the view straight back down.
  const onWheel = (event: WheelEvent) => {
    movingDownRef.current = event.deltaY > 0;
    if (event.deltaY < 0) stopFollowing();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (['ArrowDown', 'PageDown', 'End', ' '].includes(event.key)) movingDownRef.current = true;
    if (event.key === 'ArrowUp' || event.key === 'PageUp' || event.key === 'Home') {
      movingDownRef.current = false;
      stopFollowing();
    }
    // The browser's own Home jumps by estimated row heights; the virtualiser lands on line one.
    if (event.key === 'Home' && lines.length > 0) {
      event.preventDefault();
      virtualizer.scrollToIndex(0, { align: 'start' });
    }
    if (event.key === 'End') onFollowTailChange(true);
  };

  const items = virtualizer.getVirtualItems();
  return (
    // role="log" names the region for assistive tech; live announcements are off because a busy
    // bot would flood a screen reader. tabIndex lets keyboard users scroll it.
    <div
      ref={scrollRef}
      className="log-lines"
      role="log"
      aria-live="off"
      aria-label={copy.runLog.logLabel}
      tabIndex={0}
      onScroll={onScroll}
      onPointerDown={() => (draggingRef.current = true)}
      onTouchStart={() => (draggingRef.current = true)}
      onWheel={onWheel}
      onKeyDown={onKeyDown}
      data-testid="run-log"
      data-line-count={lines.length}
    >
      <div className="log-lines__sizer" style={{ height: virtualizer.getTotalSize() }}>
        <div className="log-lines__window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => {
            const line = lines[item.index];
            return line ? <LogLineRow key={item.key} index={item.index} line={line} query={query} current={line.seq === currentSeq} measure={virtualizer.measureElement} /> : null;
          })}
        </div>
      </div>
    </div>
  );
}

const streamLabels: Partial<Record<LogLine['stream'], string>> = {
  stderr: copy.runLog.stderr,
  system: copy.runLog.system,
};

interface LogLineRowProps {
  index: number;
  line: LogLine;
  query: string;
  current: boolean;
  measure(element: HTMLElement | null): void;
}

const LogLineRow = memo(function LogLineRow({ index, line, query, current, measure }: LogLineRowProps) {
  const streamLabel = streamLabels[line.stream];
  const parts = splitOnMatches(stripControlSequences(line.text), query);
  return (
    <div
      ref={measure}
      className={`log-line log-line--${line.stream}${current ? ' log-line--current' : ''}`}
      data-index={index}
      data-seq={line.seq}
      data-stream={line.stream}
    >
      <span className="log-line__time" aria-hidden="true">
        {formatTimeOfDay(line.at)}
      </span>
      {streamLabel ? <span className="visually-hidden">{streamLabel}: </span> : null}
      <span className="log-line__text">{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>))}</span>
    </div>
  );
});
