import { describe, expect, it } from 'vitest';
import type { AttentionItemView } from '../../app/common/contract.js';
import { nextToasts } from './next-toasts.js';

const item = (id: string, acknowledged = false): AttentionItemView => ({ id, acknowledged }) as unknown as AttentionItemView;

describe('nextToasts', () => {
  it('puts new items first and keeps at most three', () => {
    const current = [item('a'), item('b')];
    const items = [item('a'), item('b'), item('c'), item('d')];
    expect(nextToasts(current, items, [item('c'), item('d')]).map((t) => t.id)).toEqual(['c', 'd', 'a']);
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
