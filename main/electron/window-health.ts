/**
 * What the shell does when the window's page stops answering or its renderer process goes away.
 * The core, the sessions, the broker and the bots live in the main process, so the window can be
 * reloaded without touching any of them; what the supervisor loses while it hangs is the view of
 * bots' questions and expiry warnings, so the shell must say so rather than show a frozen window.
 *
 * Pure: Electron's events come in with their time, actions go out; watch-window-health.ts is the
 * glue. One dialog at a time, never stacked, and closed by the shell when it no longer applies.
 */

/** A renderer that went away this many times within `lossWindowMs` is no longer reloaded unasked. */
export const maxAutomaticReloads = 2;
export const lossWindowMs = 5 * 60_000;
/** After "Wait", a page that still hangs is offered the dialog again no sooner than this. */
export const reofferAfterMs = 30_000;
/**
 * The renderer the shell ended reports its end within this time; one that never reports does
 * not keep the watch switched off.
 */
export const restartGraceMs = 30_000;

export type WindowDialogKind = 'notResponding' | 'stoppedAgain';
export type WindowDialogChoice = 'wait' | 'reload';

export type WindowHealthEvent =
  /** BrowserWindow 'unresponsive': Chromium's hang monitor gave up waiting for the page. */
  | { type: 'unresponsive'; at: number }
  | { type: 'responsive'; at: number }
  /** webContents 'render-process-gone'. */
  | { type: 'rendererGone'; at: number; reason: string; exitCode: number }
  | { type: 'answered'; at: number; dialogId: number; choice: WindowDialogChoice }
  /** The message box could not be shown: the hang is offered again later, as after Wait. */
  | { type: 'dialogFailed'; at: number; dialogId: number }
  /** Someone asked to see the window (tray Show, a second start, a notification click). */
  | { type: 'shown'; at: number };

export type WindowHealthAction =
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields: Record<string, string | number> }
  | { type: 'openDialog'; dialogId: number; kind: WindowDialogKind; recentLosses: number }
  | { type: 'closeDialog'; dialogId: number }
  /** `restartRenderer`: end the hung renderer first, so the reload runs in a new process. */
  | { type: 'reload'; restartRenderer: boolean };

/**
 * Where the window stands. Each member carries what its own decisions need, so a question can only
 * be open in a phase that asks one (the hang question while hung, the stopped-again one while gone).
 */
export type WindowPhase =
  | { type: 'responsive' }
  /** The page hangs and the Wait / Reload window question is open. */
  | { type: 'hung'; since: number; dialogId: number }
  /** The page still hangs and nothing is open: after Wait, or a box that could not be shown. */
  | { type: 'hungWaiting'; since: number; waitedAt: number }
  /**
   * The shell ended the hung renderer and reloaded: its 'render-process-gone' is expected, not a
   * loss. After `restartGraceMs` the phase counts as responsive, so a lost report switches nothing off.
   */
  | { type: 'restarting'; at: number }
  /** The renderer went away too often and was not reloaded; `dialogId` while the question is open. */
  | { type: 'gone'; dialogId?: number };

export interface WindowHealthState {
  readonly phase: WindowPhase;
  /** When the renderer went away unasked, oldest first; only those within `lossWindowMs` count. */
  readonly losses: readonly number[];
  /** Ids are never reused, so a late answer from a box the shell closed matches nothing. */
  readonly nextDialogId: number;
}

export interface WindowHealthStep {
  state: WindowHealthState;
  actions: WindowHealthAction[];
}

export const initialWindowHealth: WindowHealthState = { phase: { type: 'responsive' }, losses: [], nextDialogId: 1 };

/** The next state and what the shell must do; never changes `state`. */
export function stepWindowHealth(state: WindowHealthState, event: WindowHealthEvent): WindowHealthStep {
  const current = settled(state, event.at);
  switch (event.type) {
    case 'unresponsive':
      return unresponsive(current, event.at);
    case 'responsive':
      return responsive(current, event.at);
    case 'rendererGone':
      return rendererGone(current, event.at, event.reason, event.exitCode);
    case 'answered':
      return answered(current, event.at, event.dialogId, event.choice);
    case 'dialogFailed':
      return dialogFailed(current, event.at, event.dialogId);
    case 'shown':
      return shown(current);
  }
}

/** A restart whose end was never reported stops shielding the window once its grace is over. */
function settled(state: WindowHealthState, at: number): WindowHealthState {
  const { phase } = state;
  return phase.type === 'restarting' && at - phase.at >= restartGraceMs ? { ...state, phase: { type: 'responsive' } } : state;
}

function unresponsive(state: WindowHealthState, at: number): WindowHealthStep {
  const { phase } = state;
  switch (phase.type) {
    case 'responsive': {
      const asked = ask(state, 'notResponding', (dialogId) => ({ type: 'hung', since: at, dialogId }));
      return { state: asked.state, actions: [log('warn', 'the window is not responding', { code: 'window_unresponsive' }), ...asked.actions] };
    }
    case 'hungWaiting':
      // The same episode: no second "not responding" line, and asked again only after a while.
      if (at - phase.waitedAt < reofferAfterMs) return unchanged(state);
      return ask(state, 'notResponding', (dialogId) => ({ type: 'hung', since: phase.since, dialogId }));
    // Already asked; the old page's monitor may still fire while it is ended; a gone page cannot hang.
    case 'hung':
    case 'restarting':
    case 'gone':
      return unchanged(state);
  }
}

function responsive(state: WindowHealthState, at: number): WindowHealthStep {
  const { phase } = state;
  if (phase.type !== 'hung' && phase.type !== 'hungWaiting') return unchanged(state);
  const actions = [log('info', 'the window is responding again', { code: 'window_responsive', hungMs: at - phase.since })];
  if (phase.type === 'hung') actions.push({ type: 'closeDialog', dialogId: phase.dialogId });
  return { state: { ...state, phase: { type: 'responsive' } }, actions };
}

function rendererGone(state: WindowHealthState, at: number, reason: string, exitCode: number): WindowHealthStep {
  const { phase } = state;
  if (phase.type === 'restarting') {
    return { state: { ...state, phase: { type: 'responsive' } }, actions: [log('info', 'ended the renderer of the window that was not responding', { code: 'window_renderer_restarted', reason })] };
  }
  // A hang question no longer applies: the page it asked about is gone.
  const actions: WindowHealthAction[] = phase.type === 'hung' ? [{ type: 'closeDialog', dialogId: phase.dialogId }] : [];
  const losses = [...state.losses.filter((lostAt) => at - lostAt < lossWindowMs), at];
  const recentLosses = losses.length;
  actions.push(log('error', 'the window stopped working', { code: 'window_renderer_gone', reason, exitCode, recentLosses }));
  const openStopped = phase.type === 'gone' ? phase.dialogId : undefined;
  if (recentLosses <= maxAutomaticReloads) {
    // Old losses aged out: the page comes back by itself, so a question about reloading it is moot.
    if (openStopped !== undefined) actions.push({ type: 'closeDialog', dialogId: openStopped });
    actions.push(log('info', 'reloading the window', { code: 'window_reload', cause: 'renderer_gone' }), { type: 'reload', restartRenderer: false });
    return { state: { ...state, phase: { type: 'responsive' }, losses }, actions };
  }
  // One question at a time: an open stopped-again box already says what this loss would.
  if (openStopped !== undefined) return { state: { ...state, losses }, actions };
  const asked = ask({ ...state, losses }, 'stoppedAgain', (dialogId) => ({ type: 'gone', dialogId }));
  return { state: asked.state, actions: [...actions, ...asked.actions] };
}

function answered(state: WindowHealthState, at: number, dialogId: number, choice: WindowDialogChoice): WindowHealthStep {
  const { phase } = state;
  // A box the shell closed itself (the page recovered) answers too; that answer means nothing.
  if (openDialogId(phase) !== dialogId) return unchanged(state);
  if (phase.type === 'hung') {
    const hungMs = at - phase.since;
    if (choice === 'wait') {
      return { state: { ...state, phase: { type: 'hungWaiting', since: phase.since, waitedAt: at } }, actions: [log('info', 'the supervisor chose to wait for the window', { code: 'window_unresponsive_wait', hungMs })] };
    }
    return {
      state: { ...state, phase: { type: 'restarting', at } },
      actions: [log('warn', 'reloading the window that was not responding', { code: 'window_reload', cause: 'unresponsive', hungMs }), { type: 'reload', restartRenderer: true }],
    };
  }
  if (choice === 'wait') return { state: { ...state, phase: { type: 'gone' } }, actions: [log('info', 'the supervisor left the stopped window for now', { code: 'window_reload_declined' })] };
  return { state: { ...state, phase: { type: 'responsive' } }, actions: [log('info', 'reloading the window', { code: 'window_reload', cause: 'asked' }), { type: 'reload', restartRenderer: false }] };
}

function dialogFailed(state: WindowHealthState, at: number, dialogId: number): WindowHealthStep {
  const { phase } = state;
  if (openDialogId(phase) !== dialogId) return unchanged(state);
  // A hang is offered again later, as after Wait; a stopped page waits for the window to be asked for.
  const next: WindowPhase = phase.type === 'hung' ? { type: 'hungWaiting', since: phase.since, waitedAt: at } : { type: 'gone' };
  const kind: WindowDialogKind = phase.type === 'hung' ? 'notResponding' : 'stoppedAgain';
  return { state: { ...state, phase: next }, actions: [log('warn', 'the window dialog could not be shown', { code: 'window_dialog_failed', kind })] };
}

function shown(state: WindowHealthState): WindowHealthStep {
  const { phase } = state;
  // While the question is open, showing the window does not go behind the supervisor's back.
  if (phase.type !== 'gone' || phase.dialogId !== undefined) return unchanged(state);
  return { state: { ...state, phase: { type: 'responsive' } }, actions: [log('info', 'reloading the window', { code: 'window_reload', cause: 'shown' }), { type: 'reload', restartRenderer: false }] };
}

function openDialogId(phase: WindowPhase): number | undefined {
  return phase.type === 'hung' || phase.type === 'gone' ? phase.dialogId : undefined;
}

function ask(state: WindowHealthState, kind: WindowDialogKind, phaseAsking: (dialogId: number) => WindowPhase): WindowHealthStep {
  const dialogId = state.nextDialogId;
  return {
    state: { ...state, phase: phaseAsking(dialogId), nextDialogId: dialogId + 1 },
    actions: [{ type: 'openDialog', dialogId, kind, recentLosses: state.losses.length }],
  };
}

function unchanged(state: WindowHealthState): WindowHealthStep {
  return { state, actions: [] };
}

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, string | number>): WindowHealthAction {
  return { type: 'log', level, message, fields };
}
