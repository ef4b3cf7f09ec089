import { describe, expect, it } from 'vitest';
import { followAfterScroll } from './tail-follow.js';

const scroll = (overrides: Partial<Parameters<typeof followAfterScroll>[0]>) =>
  followAfterScroll({ following: true, fromBottomPx: 0, scrollTop: 1000, previousScrollTop: 1000, dragging: false, movingDown: false, ...overrides });

describe('followAfterScroll', () => {
  it('resumes following when the operator scrolls down to the last line', () => {
    expect(scroll({ following: false, fromBottomPx: 10, scrollTop: 1000, previousScrollTop: 600, movingDown: true })).toBe('follow');
    expect(scroll({ following: false, fromBottomPx: 10, scrollTop: 1000, previousScrollTop: 600, dragging: true })).toBe('follow');
  });

  it('does not resume on a scroll down nobody made: the view adjusted for rows it measured, near the bottom', () => {
    expect(scroll({ following: false, fromBottomPx: 4, scrollTop: 1004, previousScrollTop: 1000 })).toBe('unchanged');
  });

  it('does not resume on the first steps of a smooth scroll up that starts at the bottom (ArrowUp, a wheel notch)', () => {
    // Chromium animates ArrowUp as scroll events 2, 4, 6… pixels from the bottom.
    for (const fromBottomPx of [2, 6, 19]) {
      expect(scroll({ following: false, fromBottomPx, scrollTop: 1000 - fromBottomPx, previousScrollTop: 1000 })).toBe('unchanged');
    }
  });

  it('stops following when the operator drags the view up', () => {
    expect(scroll({ fromBottomPx: 300, scrollTop: 700, previousScrollTop: 1000, dragging: true })).toBe('stop');
  });

  it('keeps following when rows measured smaller pull the view up by themselves', () => {
    expect(scroll({ fromBottomPx: 300, scrollTop: 700, previousScrollTop: 1000, dragging: false })).toBe('unchanged');
  });
});
