/** Within this many pixels of the bottom counts as "at the tail". */
export const tailSlackPx = 24;

export interface ScrollObservation {
  following: boolean;
  /** scrollHeight − scrollTop − clientHeight after the scroll. */
  fromBottomPx: number;
  scrollTop: number;
  /** scrollTop at the previous scroll event. */
  previousScrollTop: number;
  /** A pointer or finger is down on the list, so the scroll is the operator dragging. */
  dragging: boolean;
  /** The operator's last move in the list went down (wheel, ArrowDown, PageDown, End, Space). */
  movingDown: boolean;
}

/**
 * What a scroll of the log means for following its tail. Reaching the bottom resumes following
 * only on the way down: a smooth scroll up (ArrowUp, PageUp, a wheel notch) starts with a few
 * events still within the slack, and resuming on those would pull the reader straight back down.
 * Going up stops following only while dragging (keys and the wheel stop it on the intent, before
 * the scroll): rows measured smaller than estimated pull the view up by themselves.
 */
export function followAfterScroll(scroll: ScrollObservation): 'follow' | 'stop' | 'unchanged' {
  if (scroll.fromBottomPx <= tailSlackPx) {
    // Only the operator's own move resumes it: the virtualiser adjusts the view for rows it
    // measures, and such a scroll down near the bottom would yank a reader back to the tail.
    const theirs = scroll.dragging || scroll.movingDown;
    return scroll.following || scroll.scrollTop < scroll.previousScrollTop || !theirs ? 'unchanged' : 'follow';
  }
  if (scroll.dragging && scroll.scrollTop < scroll.previousScrollTop - 1) return scroll.following ? 'stop' : 'unchanged';
  return 'unchanged';
}
