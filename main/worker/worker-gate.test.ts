import { describe, expect, it } from 'vitest';
import { WorkerGate } from './worker-gate.js';

describe("the worker broker's checkpoint answers", () => {
  it('continue by default; hold while paused; stop after a safe stop, which a later resume does not undo; each change is announced', () => {
    const gate = new WorkerGate();
    let changes = 0;
    gate.onDidChange(() => (changes += 1));
    expect(gate.checkpoint('run-1')).toBe('continue');
    expect(gate.hold()).toBeUndefined();
    gate.set('run-1', 'hold');
    expect(gate.checkpoint('run-1')).toBe('hold');
    expect(gate.checkpoint('run-2')).toBe('continue');
    gate.set('run-1', 'continue');
    expect(gate.checkpoint('run-1')).toBe('continue');
    gate.set('run-1', 'stop');
    gate.set('run-1', 'continue');
    expect(gate.checkpoint('run-1')).toBe('stop');
    expect(changes).toBe(3);
    gate.forget('run-1');
    expect(gate.checkpoint('run-1')).toBe('continue');
  });
});
