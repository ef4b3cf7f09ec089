import { describe, expect, it } from 'vitest';
import type { AttentionItemView, SupervisorState } from '../../app/common/contract.js';
import { attentionBadge } from './attention-badge.js';

const item = (id: string, acknowledged: boolean): AttentionItemView => ({ kind: 'attestation', id, at: 0, level: 'warning', acknowledged, requestedAt: 0, deadlineAt: 1 });
const state = (attention: AttentionItemView[]) => ({ attention }) as unknown as SupervisorState;

describe('attentionBadge', () => {
  it('is empty before the first state and when nothing new needs anyone', () => {
    expect(attentionBadge(undefined)).toEqual({ title: '', tooltipLine: undefined });
    expect(attentionBadge(state([item('a', true)]))).toEqual({ title: '', tooltipLine: undefined });
  });

  it('counts only unacknowledged items', () => {
    expect(attentionBadge(state([item('a', false), item('b', true)]))).toEqual({ title: '1', tooltipLine: '1 item needs attention' });
    expect(attentionBadge(state([item('a', false), item('b', false)])).title).toBe('2');
  });
});
