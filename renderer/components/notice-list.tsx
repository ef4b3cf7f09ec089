import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { NoticeView } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { useCommand } from '../state/use-command.js';
import { useKeepFocusInList } from '../state/use-keep-focus-in-list.js';
import { NoticeBanner } from './notice-banner.js';

export interface NoticeListProps {
  notices: readonly NoticeView[];
  /** The section shown: the line saying no notice is left goes when the person moves to another. */
  screen: string;
}

/** The toolbar's and the "none left" line's places among the entries that keep focus (useKeepFocusInList). */
const dismissAllKey = 'dismiss-all';
const clearedKey = 'cleared';

/**
 * The core's notices, one per code (the core coalesces repeats into a count), with "Dismiss all"
 * once there are two or more. The list is always rendered, even when empty: a live region only
 * announces changes if it already exists when they happen.
 *
 * A notice dismissed by keyboard hands focus to the next notice's Dismiss (the one before, when
 * it was the last); once none is left, a short line says so and takes focus, so a keyboard user
 * goes on from where the notices were rather than from the top of the window. The line stays
 * until a notice comes again or the person goes to another section. A pointer user, whose place
 * is where the pointer is, gets no such line.
 */
export function NoticeList({ notices, screen }: NoticeListProps) {
  const dismissAll = useCommand('dismissAllNotices');
  const listRef = useRef<HTMLDivElement>(null);
  const clearedRef = useRef<HTMLParagraphElement>(null);
  const [cleared, setCleared] = useState(false);
  const [focusCleared, setFocusCleared] = useState(false);
  // A click without a pointer (detail 0) is Enter or Space: only a keyboard user needs a place to land.
  const pressedByKeyboard = useRef(true);
  const dismissAllShown = notices.length > 1;
  const anything = notices.length > 0;
  const clearedShown = cleared && !anything;
  useKeepFocusInList({
    container: listRef,
    // A notice that comes while the "none left" line has focus takes its place, and the focus.
    keys: [...(dismissAllShown ? [dismissAllKey] : []), ...notices.map((notice) => notice.id), ...(clearedShown ? [clearedKey] : [])],
    fallback: () => null,
    onNothingLeft: () => {
      if (!pressedByKeyboard.current) return;
      setCleared(true);
      setFocusCleared(true);
    },
  });
  // Before paint, as the hook moves focus: the page never shows focus on nothing.
  useLayoutEffect(() => {
    if (!focusCleared) return;
    setFocusCleared(false);
    clearedRef.current?.focus();
  }, [focusCleared]);
  useEffect(() => {
    if (anything) setCleared(false);
  }, [anything]);
  useEffect(() => setCleared(false), [screen]);
  return (
    <div className="notices" ref={listRef} onClickCapture={(event) => (pressedByKeyboard.current = event.detail === 0)}>
      {dismissAllShown ? (
        <div className="notices__toolbar" data-focus-key={dismissAllKey}>
          <button type="button" className="button button--small" aria-disabled={dismissAll.pending || undefined} onClick={() => dismissAll.pending || void dismissAll.run({})} data-testid="dismiss-all-notices">
            {copy.notices.dismissAll(notices.length)}
          </button>
        </div>
      ) : null}
      <div className="notice-list" aria-live="polite">
        {notices.map((notice) => (
          <NoticeBanner key={notice.id} notice={notice} />
        ))}
      </div>
      {clearedShown ? (
        <p className="card__hint notices__cleared" tabIndex={-1} ref={clearedRef} data-focus-key={clearedKey} data-testid="notices-cleared">
          {copy.notices.noneLeft}
        </p>
      ) : null}
    </div>
  );
}
