import { describe, expect, it } from 'vitest';
import { initialWindowHealth, lossWindowMs, maxAutomaticReloads, reofferAfterMs, restartGraceMs, stepWindowHealth, type WindowHealthAction, type WindowHealthEvent } from './window-health.js';

/** Drives the pure step the way watch-window-health.ts does: the state lives in a closure. */
const windowHealth = () => {
  let state = initialWindowHealth;
  return {
    handle: (event: WindowHealthEvent): WindowHealthAction[] => {
      const step = stepWindowHealth(state, event);
      state = step.state;
      return step.actions;
    },
  };
};

const withoutLogs = (actions: WindowHealthAction[]) => actions.filter((action) => action.type !== 'log');
const codes = (actions: WindowHealthAction[]) => actions.flatMap((action) => (action.type === 'log' ? [action.fields.code] : []));
const dialogIdOf = (actions: WindowHealthAction[]): number => {
  const open = actions.find((action) => action.type === 'openDialog');
  if (!open) throw new Error(`no dialog opened in ${JSON.stringify(actions)}`);
  return open.dialogId;
};

describe('stepWindowHealth: a page that stops responding', () => {
  it('offers Wait / Reload once, logs it once, and never stacks a second dialog', () => {
    const health = windowHealth();
    const first = health.handle({ type: 'unresponsive', at: 1_000 });
    expect(withoutLogs(first)).toEqual([{ type: 'openDialog', dialogId: 1, kind: 'notResponding', recentLosses: 0 }]);
    expect(first).toContainEqual({ type: 'log', level: 'warn', message: 'the window is not responding', fields: { code: 'window_unresponsive' } });
    expect(health.handle({ type: 'unresponsive', at: 20_000 })).toEqual([]);
  });

  it('closes its own dialog when the page recovers, logs how long it hung, and ignores that dialog’s late answer', () => {
    const health = windowHealth();
    const dialogId = dialogIdOf(health.handle({ type: 'unresponsive', at: 1_000 }));
    const recovered = health.handle({ type: 'responsive', at: 7_500 });
    expect(withoutLogs(recovered)).toEqual([{ type: 'closeDialog', dialogId }]);
    expect(recovered).toContainEqual(expect.objectContaining({ level: 'info', fields: { code: 'window_responsive', hungMs: 6_500 } }));
    // The aborted box resolves with its cancel answer; it must not count as the supervisor's choice.
    expect(health.handle({ type: 'answered', at: 7_600, dialogId, choice: 'wait' })).toEqual([]);
    expect(health.handle({ type: 'responsive', at: 8_000 })).toEqual([]);
  });

  it('after Wait, asks again only if the page still hangs a while later', () => {
    const health = windowHealth();
    const dialogId = dialogIdOf(health.handle({ type: 'unresponsive', at: 0 }));
    expect(codes(health.handle({ type: 'answered', at: 5_000, dialogId, choice: 'wait' }))).toEqual(['window_unresponsive_wait']);
    // Still the same episode: no second "not responding" line, and no dialog straight away.
    expect(health.handle({ type: 'unresponsive', at: 5_000 + reofferAfterMs - 1 })).toEqual([]);
    expect(withoutLogs(health.handle({ type: 'unresponsive', at: 5_000 + reofferAfterMs }))).toEqual([{ type: 'openDialog', dialogId: dialogId + 1, kind: 'notResponding', recentLosses: 0 }]);
  });

  it('Reload ends the hung renderer and reloads; the renderer’s expected end is no new alarm', () => {
    const health = windowHealth();
    const dialogId = dialogIdOf(health.handle({ type: 'unresponsive', at: 0 }));
    const reload = health.handle({ type: 'answered', at: 9_000, dialogId, choice: 'reload' });
    expect(withoutLogs(reload)).toEqual([{ type: 'reload', restartRenderer: true }]);
    expect(reload).toContainEqual(expect.objectContaining({ level: 'warn', fields: { code: 'window_reload', cause: 'unresponsive', hungMs: 9_000 } }));
    // The hang monitor may still fire for the old page while it is being ended.
    expect(health.handle({ type: 'unresponsive', at: 9_001 })).toEqual([]);
    const gone = health.handle({ type: 'rendererGone', at: 9_100, reason: 'killed', exitCode: 1 });
    expect(withoutLogs(gone)).toEqual([]);
    expect(codes(gone)).toEqual(['window_renderer_restarted']);
    // The new page is watched like the first one.
    expect(withoutLogs(health.handle({ type: 'unresponsive', at: 60_000 }))).toEqual([expect.objectContaining({ type: 'openDialog', kind: 'notResponding' })]);
  });

  it('a box that could not be shown is logged and does not block the next offer', () => {
    const health = windowHealth();
    const dialogId = dialogIdOf(health.handle({ type: 'unresponsive', at: 0 }));
    expect(health.handle({ type: 'dialogFailed', at: 10, dialogId })).toEqual([{ type: 'log', level: 'warn', message: 'the window dialog could not be shown', fields: { code: 'window_dialog_failed', kind: 'notResponding' } }]);
    expect(withoutLogs(health.handle({ type: 'unresponsive', at: 10 + reofferAfterMs }))).toEqual([expect.objectContaining({ type: 'openDialog', kind: 'notResponding' })]);
  });

  it('a restart that never reports its end does not switch the watch off', () => {
    const health = windowHealth();
    const dialogId = dialogIdOf(health.handle({ type: 'unresponsive', at: 0 }));
    health.handle({ type: 'answered', at: 1_000, dialogId, choice: 'reload' });
    expect(withoutLogs(health.handle({ type: 'unresponsive', at: 1_000 + restartGraceMs }))).toEqual([expect.objectContaining({ type: 'openDialog' })]);
  });
});

describe('stepWindowHealth: a renderer that goes away', () => {
  it('reloads by itself and says why in the log (reason and exit code, nothing else)', () => {
    const health = windowHealth();
    const actions = health.handle({ type: 'rendererGone', at: 0, reason: 'oom', exitCode: -5 });
    expect(withoutLogs(actions)).toEqual([{ type: 'reload', restartRenderer: false }]);
    expect(actions).toContainEqual({ type: 'log', level: 'error', message: 'the window stopped working', fields: { code: 'window_renderer_gone', reason: 'oom', exitCode: -5, recentLosses: 1 } });
  });

  it('a crash while hung closes the hang dialog instead of leaving a question about a page that is gone', () => {
    const health = windowHealth();
    const dialogId = dialogIdOf(health.handle({ type: 'unresponsive', at: 0 }));
    expect(withoutLogs(health.handle({ type: 'rendererGone', at: 100, reason: 'crashed', exitCode: 11 }))).toEqual([{ type: 'closeDialog', dialogId }, { type: 'reload', restartRenderer: false }]);
    expect(health.handle({ type: 'answered', at: 200, dialogId, choice: 'reload' })).toEqual([]);
    expect(health.handle({ type: 'responsive', at: 300 })).toEqual([]);
  });

  it('stops reloading a renderer that keeps crashing and asks instead; Not now leaves it until the window is asked for', () => {
    const health = windowHealth();
    for (let loss = 0; loss < maxAutomaticReloads; loss += 1) {
      expect(withoutLogs(health.handle({ type: 'rendererGone', at: loss * 1_000, reason: 'crashed', exitCode: 11 }))).toEqual([{ type: 'reload', restartRenderer: false }]);
    }
    const asked = health.handle({ type: 'rendererGone', at: 10_000, reason: 'crashed', exitCode: 11 });
    expect(withoutLogs(asked)).toEqual([{ type: 'openDialog', dialogId: 1, kind: 'stoppedAgain', recentLosses: maxAutomaticReloads + 1 }]);
    // Showing the window while the question is open does not go behind the supervisor's back.
    expect(health.handle({ type: 'shown', at: 10_500 })).toEqual([]);
    expect(codes(health.handle({ type: 'answered', at: 11_000, dialogId: 1, choice: 'wait' }))).toEqual(['window_reload_declined']);
    // A page that is gone cannot hang.
    expect(health.handle({ type: 'unresponsive', at: 11_500 })).toEqual([]);
    const shown = health.handle({ type: 'shown', at: 12_000 });
    expect(withoutLogs(shown)).toEqual([{ type: 'reload', restartRenderer: false }]);
    expect(codes(shown)).toEqual(['window_reload']);
    expect(health.handle({ type: 'shown', at: 13_000 })).toEqual([]);
  });

  it('Reload window in the stopped-again dialog reloads; only losses within the last minutes count', () => {
    const health = windowHealth();
    for (let loss = 0; loss <= maxAutomaticReloads; loss += 1) health.handle({ type: 'rendererGone', at: loss, reason: 'crashed', exitCode: 11 });
    expect(withoutLogs(health.handle({ type: 'answered', at: 100, dialogId: 1, choice: 'reload' }))).toEqual([{ type: 'reload', restartRenderer: false }]);
    // Much later, an old run of crashes no longer counts against an automatic reload.
    const later = health.handle({ type: 'rendererGone', at: maxAutomaticReloads + lossWindowMs, reason: 'crashed', exitCode: 11 });
    expect(withoutLogs(later)).toEqual([{ type: 'reload', restartRenderer: false }]);
    expect(later).toContainEqual(expect.objectContaining({ fields: expect.objectContaining({ recentLosses: 1 }) }));
  });

  it('a loss that reloads by itself, once old losses aged out, closes the stopped-again question it answers', () => {
    const health = windowHealth();
    for (let loss = 0; loss <= maxAutomaticReloads; loss += 1) health.handle({ type: 'rendererGone', at: loss, reason: 'crashed', exitCode: 11 });
    const later = health.handle({ type: 'rendererGone', at: maxAutomaticReloads + lossWindowMs, reason: 'crashed', exitCode: 11 });
    expect(withoutLogs(later)).toEqual([{ type: 'closeDialog', dialogId: 1 }, { type: 'reload', restartRenderer: false }]);
    // The closed box's answer comes back as its cancel choice; it must not count as Not now.
    expect(health.handle({ type: 'answered', at: maxAutomaticReloads + lossWindowMs + 10, dialogId: 1, choice: 'wait' })).toEqual([]);
    expect(health.handle({ type: 'shown', at: maxAutomaticReloads + lossWindowMs + 20 })).toEqual([]);
  });

  it('a showing of a window whose page is fine does nothing', () => {
    expect(windowHealth().handle({ type: 'shown', at: 0 })).toEqual([]);
  });
});
