import { describe, expect, it } from 'vitest';
import { initialWindowHealth, maxAutomaticReloads, reofferAfterMs, restartGraceMs, stepWindowHealth, type WindowHealthAction, type WindowHealthEvent, type WindowHealthState, type WindowPhase } from './window-health.js';

/**
 * Every phase the window can be in, met by every event, one row each. Each phase is reached from
 * the initial state by its own history, so a row cannot start from a state the shell never holds.
 * Rows state the next phase and the shell's non-log actions; window-health.test.ts pins the ids,
 * times and log lines.
 */

/** `gone` is split by whether its question is open: that decides what showing the window does. */
type PhaseName = WindowPhase['type'] | 'gone asking';
const phaseName = (phase: WindowPhase): PhaseName => (phase.type === 'gone' && phase.dialogId !== undefined ? 'gone asking' : phase.type);

const lost = (at: number): WindowHealthEvent => ({ type: 'rendererGone', at, reason: 'crashed', exitCode: 11 });
const tooManyLosses = Array.from({ length: maxAutomaticReloads + 1 }, (_, loss) => lost(loss));
const waitedAfterHang: WindowHealthEvent[] = [{ type: 'unresponsive', at: 0 }, { type: 'answered', at: 1_000, dialogId: 1, choice: 'wait' }];
const reloadedAfterHang: WindowHealthEvent[] = [{ type: 'unresponsive', at: 0 }, { type: 'answered', at: 1_000, dialogId: 1, choice: 'reload' }];

/** `at` is when the row's event happens; `reached` is the phase the history must end in. */
const variants = {
  responsive: { history: [{ type: 'unresponsive', at: 0 }, { type: 'responsive', at: 1_000 }], at: 2_000, reached: 'responsive' },
  'hung with dialog': { history: [{ type: 'unresponsive', at: 0 }], at: 2_000, reached: 'hung' },
  'hung after Wait': { history: waitedAfterHang, at: 2_000, reached: 'hungWaiting' },
  'hung after Wait, re-offer due': { history: waitedAfterHang, at: 1_000 + reofferAfterMs, reached: 'hungWaiting' },
  'hung after a failed dialog': { history: [{ type: 'unresponsive', at: 0 }, { type: 'dialogFailed', at: 1_000, dialogId: 1 }], at: 2_000, reached: 'hungWaiting' },
  'restarting within grace': { history: reloadedAfterHang, at: 2_000, reached: 'restarting' },
  'restarting after grace': { history: reloadedAfterHang, at: 1_000 + restartGraceMs, reached: 'restarting' },
  'gone with dialog': { history: tooManyLosses, at: 2_000, reached: 'gone asking' },
  'gone without dialog': { history: [...tooManyLosses, { type: 'answered', at: 1_000, dialogId: 1, choice: 'wait' }], at: 2_000, reached: 'gone' },
} satisfies Record<string, { history: WindowHealthEvent[]; at: number; reached: PhaseName }>;
type VariantName = keyof typeof variants;

/** "The last dialog" is the open one where a phase has one, else the last the shell opened and closed. */
const events = {
  unresponsive: (at) => ({ type: 'unresponsive', at }),
  responsive: (at) => ({ type: 'responsive', at }),
  rendererGone: (at) => lost(at),
  'answered Wait on the last dialog': (at, dialogId) => ({ type: 'answered', at, dialogId, choice: 'wait' }),
  'answered Reload on the last dialog': (at, dialogId) => ({ type: 'answered', at, dialogId, choice: 'reload' }),
  'answered a dialog never opened': (at) => ({ type: 'answered', at, dialogId: 999, choice: 'reload' }),
  'dialogFailed for the last dialog': (at, dialogId) => ({ type: 'dialogFailed', at, dialogId }),
  shown: (at) => ({ type: 'shown', at }),
} satisfies Record<string, (at: number, lastDialogId: number) => WindowHealthEvent>;
type EventName = keyof typeof events;

type Row = [VariantName, EventName, PhaseName, WindowHealthAction['type'][]];

const table: Row[] = [
  ['responsive', 'unresponsive', 'hung', ['openDialog']],
  ['responsive', 'responsive', 'responsive', []],
  ['responsive', 'rendererGone', 'responsive', ['reload']],
  ['responsive', 'answered Wait on the last dialog', 'responsive', []],
  ['responsive', 'answered Reload on the last dialog', 'responsive', []],
  ['responsive', 'answered a dialog never opened', 'responsive', []],
  ['responsive', 'dialogFailed for the last dialog', 'responsive', []],
  ['responsive', 'shown', 'responsive', []],

  ['hung with dialog', 'unresponsive', 'hung', []],
  ['hung with dialog', 'responsive', 'responsive', ['closeDialog']],
  ['hung with dialog', 'rendererGone', 'responsive', ['closeDialog', 'reload']],
  ['hung with dialog', 'answered Wait on the last dialog', 'hungWaiting', []],
  ['hung with dialog', 'answered Reload on the last dialog', 'restarting', ['reload']],
  ['hung with dialog', 'answered a dialog never opened', 'hung', []],
  ['hung with dialog', 'dialogFailed for the last dialog', 'hungWaiting', []],
  ['hung with dialog', 'shown', 'hung', []],

  ['hung after Wait', 'unresponsive', 'hungWaiting', []],
  ['hung after Wait', 'responsive', 'responsive', []],
  ['hung after Wait', 'rendererGone', 'responsive', ['reload']],
  ['hung after Wait', 'answered Wait on the last dialog', 'hungWaiting', []],
  ['hung after Wait', 'answered Reload on the last dialog', 'hungWaiting', []],
  ['hung after Wait', 'answered a dialog never opened', 'hungWaiting', []],
  ['hung after Wait', 'dialogFailed for the last dialog', 'hungWaiting', []],
  ['hung after Wait', 'shown', 'hungWaiting', []],

  ['hung after Wait, re-offer due', 'unresponsive', 'hung', ['openDialog']],
  ['hung after Wait, re-offer due', 'responsive', 'responsive', []],
  ['hung after Wait, re-offer due', 'rendererGone', 'responsive', ['reload']],
  ['hung after Wait, re-offer due', 'answered Wait on the last dialog', 'hungWaiting', []],
  ['hung after Wait, re-offer due', 'answered Reload on the last dialog', 'hungWaiting', []],
  ['hung after Wait, re-offer due', 'answered a dialog never opened', 'hungWaiting', []],
  ['hung after Wait, re-offer due', 'dialogFailed for the last dialog', 'hungWaiting', []],
  ['hung after Wait, re-offer due', 'shown', 'hungWaiting', []],

  ['hung after a failed dialog', 'unresponsive', 'hungWaiting', []],
  ['hung after a failed dialog', 'responsive', 'responsive', []],
  ['hung after a failed dialog', 'rendererGone', 'responsive', ['reload']],
  ['hung after a failed dialog', 'answered Wait on the last dialog', 'hungWaiting', []],
  ['hung after a failed dialog', 'answered Reload on the last dialog', 'hungWaiting', []],
  ['hung after a failed dialog', 'answered a dialog never opened', 'hungWaiting', []],
  ['hung after a failed dialog', 'dialogFailed for the last dialog', 'hungWaiting', []],
  ['hung after a failed dialog', 'shown', 'hungWaiting', []],

  ['restarting within grace', 'unresponsive', 'restarting', []],
  ['restarting within grace', 'responsive', 'restarting', []],
  ['restarting within grace', 'rendererGone', 'responsive', []],
  ['restarting within grace', 'answered Wait on the last dialog', 'restarting', []],
  ['restarting within grace', 'answered Reload on the last dialog', 'restarting', []],
  ['restarting within grace', 'answered a dialog never opened', 'restarting', []],
  ['restarting within grace', 'dialogFailed for the last dialog', 'restarting', []],
  ['restarting within grace', 'shown', 'restarting', []],

  ['restarting after grace', 'unresponsive', 'hung', ['openDialog']],
  ['restarting after grace', 'responsive', 'responsive', []],
  ['restarting after grace', 'rendererGone', 'responsive', ['reload']],
  ['restarting after grace', 'answered Wait on the last dialog', 'responsive', []],
  ['restarting after grace', 'answered Reload on the last dialog', 'responsive', []],
  ['restarting after grace', 'answered a dialog never opened', 'responsive', []],
  ['restarting after grace', 'dialogFailed for the last dialog', 'responsive', []],
  ['restarting after grace', 'shown', 'responsive', []],

  ['gone with dialog', 'unresponsive', 'gone asking', []],
  ['gone with dialog', 'responsive', 'gone asking', []],
  ['gone with dialog', 'rendererGone', 'gone asking', []],
  ['gone with dialog', 'answered Wait on the last dialog', 'gone', []],
  ['gone with dialog', 'answered Reload on the last dialog', 'responsive', ['reload']],
  ['gone with dialog', 'answered a dialog never opened', 'gone asking', []],
  ['gone with dialog', 'dialogFailed for the last dialog', 'gone', []],
  ['gone with dialog', 'shown', 'gone asking', []],

  ['gone without dialog', 'unresponsive', 'gone', []],
  ['gone without dialog', 'responsive', 'gone', []],
  ['gone without dialog', 'rendererGone', 'gone asking', ['openDialog']],
  ['gone without dialog', 'answered Wait on the last dialog', 'gone', []],
  ['gone without dialog', 'answered Reload on the last dialog', 'gone', []],
  ['gone without dialog', 'answered a dialog never opened', 'gone', []],
  ['gone without dialog', 'dialogFailed for the last dialog', 'gone', []],
  ['gone without dialog', 'shown', 'responsive', ['reload']],
];

const replay = (history: readonly WindowHealthEvent[]): WindowHealthState => history.reduce((state, event) => stepWindowHealth(state, event).state, initialWindowHealth);

/** Frozen all the way down, so a step that changed its input would throw instead of passing. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
};

describe('window health transition table', () => {
  it('has one row for every phase × event pair', () => {
    const pairs = table.map(([variant, event]) => `${variant} × ${event}`);
    const all = Object.keys(variants).flatMap((variant) => Object.keys(events).map((event) => `${variant} × ${event}`));
    expect(new Set(pairs).size).toBe(pairs.length);
    expect([...pairs].sort()).toEqual([...all].sort());
  });

  it.each(Object.entries(variants))('%s is reached by its history', (_, { history, reached }) => {
    expect(phaseName(replay(history).phase)).toBe(reached);
  });

  it.each(table.map((row) => [`${row[0]} × ${row[1]}`, ...row] as const))('%s', (_, variant, event, next, actions) => {
    const { history, at } = variants[variant];
    const before = deepFreeze(replay(history));
    const step = stepWindowHealth(before, events[event](at, before.nextDialogId - 1));
    expect(phaseName(step.state.phase)).toBe(next);
    expect(step.actions.filter((action) => action.type !== 'log').map((action) => action.type)).toEqual(actions);
  });
});
