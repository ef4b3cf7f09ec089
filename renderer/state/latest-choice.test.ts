import { describe, expect, it } from 'vitest';
import { initialChoice, nextChoice, type ChoiceEvent, type LatestChoice } from './latest-choice.js';

const idle: LatestChoice = { shown: 'billing', sent: null };
const inFlight: LatestChoice = { shown: 'ward', sent: 'ward' };

describe('nextChoice', () => {
  it.each<[string, LatestChoice, ChoiceEvent, LatestChoice]>([
    ['a choice is shown at once and waits for its state', idle, { kind: 'chosen', value: 'ward' }, { shown: 'ward', sent: 'ward' }],
    ['a later choice replaces one in flight', inFlight, { kind: 'chosen', value: '.local' }, { shown: '.local', sent: '.local' }],
    ['a state with nothing in flight is shown', idle, { kind: 'saved', value: 'ward' }, { shown: 'ward', sent: null }],
    ['a state older than the choice in flight does not move the select back', inFlight, { kind: 'saved', value: 'billing' }, inFlight],
    ['the state that confirms the choice ends the wait', inFlight, { kind: 'saved', value: 'ward' }, { shown: 'ward', sent: null }],
    ['an answer to an earlier choice changes nothing', inFlight, { kind: 'answered', value: 'billing', ok: true, saved: 'billing' }, inFlight],
    ['an earlier choice that failed changes nothing either', inFlight, { kind: 'answered', value: 'billing', ok: false, saved: '' }, inFlight],
    ['saved, before its state arrived: still shown, still waiting', inFlight, { kind: 'answered', value: 'ward', ok: true, saved: 'billing' }, inFlight],
    ['saved, after its state arrived: the wait ends', inFlight, { kind: 'answered', value: 'ward', ok: true, saved: 'ward' }, { shown: 'ward', sent: null }],
    ['failed: back to what the core last said', inFlight, { kind: 'answered', value: 'ward', ok: false, saved: 'billing' }, { shown: 'billing', sent: null }],
    ['an answer with nothing in flight changes nothing', idle, { kind: 'answered', value: 'ward', ok: true, saved: 'billing' }, idle],
  ])('%s', (_name, state, event, expected) => {
    expect(nextChoice(state, event)).toEqual(expected);
  });

  it('a state equal to what is shown, with nothing in flight, keeps the same object (no render)', () => {
    expect(nextChoice(idle, { kind: 'saved', value: 'billing' })).toBe(idle);
  });

  it('three quick arrow presses under load end on the last choice, whatever order answers and states arrive in', () => {
    // Each save's answer comes before the state that says so, as on a busy machine: a save that
    // answers nothing must not read as a failure and move the select back a step.
    let state = initialChoice('');
    state = nextChoice(state, { kind: 'chosen', value: '.local' });
    state = nextChoice(state, { kind: 'answered', value: '.local', ok: true, saved: '' });
    expect(state.shown).toBe('.local');
    state = nextChoice(state, { kind: 'chosen', value: 'billing' });
    state = nextChoice(state, { kind: 'saved', value: '.local' });
    state = nextChoice(state, { kind: 'chosen', value: 'ward' });
    state = nextChoice(state, { kind: 'answered', value: 'billing', ok: true, saved: '.local' });
    state = nextChoice(state, { kind: 'saved', value: 'billing' });
    expect(state).toEqual({ shown: 'ward', sent: 'ward' });
    state = nextChoice(state, { kind: 'answered', value: 'ward', ok: true, saved: 'billing' });
    state = nextChoice(state, { kind: 'saved', value: 'ward' });
    expect(state).toEqual({ shown: 'ward', sent: null });
  });
});
