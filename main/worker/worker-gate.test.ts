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

describe("the worker broker's questions", () => {
  it('go to the question port, and a run forgotten at its end closes its questions there; without a port a question is refused as for an unknown run', async () => {
    const ended: string[] = [];
    const gate = new WorkerGate({ ask: async (runId, request) => ({ kind: 'answered', answer: { text: `${runId}: ${request.question}` }, answeredBy: { subject: 'u-ada' }, answeredAt: 1 }), runEnded: (runId) => ended.push(runId) });
    expect(await gate.ask('run-1', { question: 'Post?', timeoutMs: 5000 })).toMatchObject({ kind: 'answered', answer: { text: 'run-1: Post?' } });
    gate.forget('run-1');
    expect(ended).toEqual(['run-1']);
    expect(new WorkerGate().ask('run-1', { question: 'Post?', timeoutMs: 5000 })).toBeUndefined();
  });
});
