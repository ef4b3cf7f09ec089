import { describe, expect, it } from 'vitest';
import type { AttentionItemView } from '../../app/common/contract.js';
import { fitToasts, isWithin, nextToasts, splitFresh, toastLimit } from './next-toasts.js';

const item = (id: string, acknowledged = false): AttentionItemView => ({ id, acknowledged }) as unknown as AttentionItemView;

describe('nextToasts', () => {
  it('puts new items first and keeps at most three', () => {
    const current = [item('a'), item('b')];
    const items = [item('a'), item('b'), item('c'), item('d')];
    expect(nextToasts(current, items, [item('c'), item('d')]).map((t) => t.id)).toEqual(['c', 'd', 'a']);
  });

  it('keeps one at a time in a narrow window, where a toast spans the page', () => {
    expect(toastLimit(480)).toBe(1);
    expect(toastLimit(1024)).toBe(3);
    const items = [item('a'), item('b'), item('c')];
    expect(nextToasts([item('a')], items, [item('b'), item('c')], toastLimit(480)).map((t) => t.id)).toEqual(['b']);
  });

  it('keeps the newest within the limit when the window narrows, and the same array when nothing goes', () => {
    const current = [item('newest'), item('older'), item('oldest')];
    expect(fitToasts(current, toastLimit(480)).map((t) => t.id)).toEqual(['newest']);
    expect(fitToasts(current, toastLimit(1024))).toBe(current);
  });

  it('closes the toast of an item that was acknowledged or is gone (answered, approved)', () => {
    const current = [item('question'), item('approval'), item('failed')];
    const items = [item('question', true), item('failed')];
    expect(nextToasts(current, items, []).map((t) => t.id)).toEqual(['failed']);
  });

  it('gives back the same array when nothing changed, so the close timer keeps running', () => {
    const current = [item('a')];
    expect(nextToasts(current, [item('a'), item('b', true)], [])).toBe(current);
  });
});

describe('splitFresh', () => {
  it('announces the items already on screen and toasts the others, in their order', () => {
    const split = splitFresh([item('a'), item('b'), item('c')], (id) => id === 'b');
    expect(split.toast.map((t) => t.id)).toEqual(['a', 'c']);
    expect(split.announceOnly.map((t) => t.id)).toEqual(['b']);
  });

  it('toasts everything when nothing is on screen (another section is open)', () => {
    expect(splitFresh([item('a')], () => false)).toEqual({ toast: [item('a')], announceOnly: [] });
  });
});

describe('isWithin', () => {
  const view = { top: 100, bottom: 700 };
  it('is true only for a box wholly inside the visible area', () => {
    expect(isWithin({ top: 120, bottom: 240 }, view)).toBe(true);
    expect(isWithin({ top: 100, bottom: 700 }, view)).toBe(true);
    expect(isWithin({ top: 40, bottom: 160 }, view)).toBe(false);
    expect(isWithin({ top: 650, bottom: 760 }, view)).toBe(false);
    expect(isWithin({ top: -300, bottom: -200 }, view)).toBe(false);
  });

  it('is false for an element with no box (display: none)', () => {
    expect(isWithin({ top: 0, bottom: 0 }, { top: 0, bottom: 700 })).toBe(false);
  });
});
