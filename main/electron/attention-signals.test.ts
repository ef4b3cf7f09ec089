import { describe, expect, it } from 'vitest';
import type { AttentionItemView, SupervisorState } from '../../app/common/contract.js';
import { AttentionSignals, badgeCountSupported, taskbarOverlaySupported } from './attention-signals.js';

const item = (id: string, acknowledged = false): AttentionItemView => ({ kind: 'attestation', id, at: 0, level: 'warning', acknowledged, requestedAt: 0, deadlineAt: 1 });
const state = (...attention: AttentionItemView[]) => ({ attention }) as unknown as SupervisorState;

describe('AttentionSignals', () => {
  it('counts items already there at start-up, but asks for no look for them', () => {
    const signals = new AttentionSignals();
    expect(signals.update(state(item('a'), item('b', true)))).toEqual({ badgeCount: 1, flash: false });
  });

  it('asks for a look once for each new unseen item, never again for the same one', () => {
    const signals = new AttentionSignals();
    expect(signals.update(state())).toEqual({ badgeCount: 0, flash: false });
    expect(signals.update(state(item('a')))).toEqual({ badgeCount: 1, flash: true });
    expect(signals.update(state(item('a')))).toEqual({ badgeCount: 1, flash: false });
    expect(signals.update(state(item('a'), item('b')))).toEqual({ badgeCount: 2, flash: true });
  });

  it('an item that arrives already seen (acknowledged elsewhere) neither counts nor flashes; marking one seen lowers the count', () => {
    const signals = new AttentionSignals();
    signals.update(state(item('a')));
    expect(signals.update(state(item('a', true), item('b', true)))).toEqual({ badgeCount: 0, flash: false });
  });

  it('stays small however many items come and go', () => {
    const signals = new AttentionSignals();
    signals.update(state());
    for (let index = 0; index < 1000; index += 1) expect(signals.update(state(item(`run-${index}`))).flash).toBe(true);
    // The last one is still known: it does not flash again.
    expect(signals.update(state(item('run-999'))).flash).toBe(false);
  });
});

describe('badgeCountSupported', () => {
  it('is the Dock and Linux launchers, not the Windows taskbar', () => {
    expect(badgeCountSupported('darwin')).toBe(true);
    expect(badgeCountSupported('linux')).toBe(true);
    expect(badgeCountSupported('win32')).toBe(false);
  });
});

describe('taskbarOverlaySupported', () => {
  it('is the Windows taskbar, where no badge count exists', () => {
    expect(taskbarOverlaySupported('win32')).toBe(true);
    expect(taskbarOverlaySupported('darwin')).toBe(false);
    expect(taskbarOverlaySupported('linux')).toBe(false);
  });
});
