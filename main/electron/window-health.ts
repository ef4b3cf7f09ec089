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

export class WindowHealth {
  #hungSince: number | undefined;
  #waitedAt: number | undefined;
  #dialog: { id: number; kind: WindowDialogKind } | undefined;
  #nextDialogId = 1;
  /** When the shell ended the renderer itself: its 'render-process-gone' is expected. */
  #restartedAt: number | undefined;
  /** The renderer is gone and was not reloaded (the supervisor said Not now). */
  #gone = false;
  #losses: number[] = [];

  handle(event: WindowHealthEvent): WindowHealthAction[] {
    switch (event.type) {
      case 'unresponsive':
        return this.#unresponsive(event.at);
      case 'responsive':
        return this.#responsive(event.at);
      case 'rendererGone':
        return this.#rendererGone(event.at, event.reason, event.exitCode);
      case 'answered':
        return this.#answered(event.at, event.dialogId, event.choice);
      case 'dialogFailed':
        return this.#dialogFailed(event.at, event.dialogId);
      case 'shown':
        return this.#shown();
    }
  }

  #unresponsive(at: number): WindowHealthAction[] {
    if (this.#gone || this.#restarting(at)) return [];
    const actions: WindowHealthAction[] = [];
    if (this.#hungSince === undefined) {
      this.#hungSince = at;
      actions.push(log('warn', 'the window is not responding', { code: 'window_unresponsive' }));
    }
    if (this.#dialog) return actions;
    if (this.#waitedAt !== undefined && at - this.#waitedAt < reofferAfterMs) return actions;
    return [...actions, this.#open('notResponding')];
  }

  #responsive(at: number): WindowHealthAction[] {
    if (this.#hungSince === undefined) return [];
    const actions = [log('info', 'the window is responding again', { code: 'window_responsive', hungMs: at - this.#hungSince })];
    this.#hungSince = undefined;
    this.#waitedAt = undefined;
    if (this.#dialog?.kind === 'notResponding') actions.push(this.#close());
    return actions;
  }

  #rendererGone(at: number, reason: string, exitCode: number): WindowHealthAction[] {
    const actions: WindowHealthAction[] = [];
    // A hang dialog no longer applies: the page it asked about is gone.
    if (this.#dialog?.kind === 'notResponding') actions.push(this.#close());
    this.#hungSince = undefined;
    this.#waitedAt = undefined;
    if (this.#restarting(at)) {
      this.#restartedAt = undefined;
      return [...actions, log('info', 'ended the renderer of the window that was not responding', { code: 'window_renderer_restarted', reason })];
    }
    this.#losses = [...this.#losses.filter((lostAt) => at - lostAt < lossWindowMs), at];
    const recentLosses = this.#losses.length;
    actions.push(log('error', 'the window stopped working', { code: 'window_renderer_gone', reason, exitCode, recentLosses }));
    if (recentLosses <= maxAutomaticReloads) {
      this.#gone = false;
      return [...actions, log('info', 'reloading the window', { code: 'window_reload', cause: 'renderer_gone' }), { type: 'reload', restartRenderer: false }];
    }
    this.#gone = true;
    return this.#dialog ? actions : [...actions, this.#open('stoppedAgain')];
  }

  #answered(at: number, dialogId: number, choice: WindowDialogChoice): WindowHealthAction[] {
    // A dialog the shell closed itself (the page recovered) answers too; that answer means nothing.
    if (this.#dialog?.id !== dialogId) return [];
    const { kind } = this.#dialog;
    this.#dialog = undefined;
    if (kind === 'notResponding') {
      const hungMs = at - (this.#hungSince ?? at);
      if (choice === 'wait') {
        this.#waitedAt = at;
        return [log('info', 'the supervisor chose to wait for the window', { code: 'window_unresponsive_wait', hungMs })];
      }
      this.#hungSince = undefined;
      this.#waitedAt = undefined;
      this.#restartedAt = at;
      return [log('warn', 'reloading the window that was not responding', { code: 'window_reload', cause: 'unresponsive', hungMs }), { type: 'reload', restartRenderer: true }];
    }
    if (choice === 'wait') return [log('info', 'the supervisor left the stopped window for now', { code: 'window_reload_declined' })];
    this.#gone = false;
    return [log('info', 'reloading the window', { code: 'window_reload', cause: 'asked' }), { type: 'reload', restartRenderer: false }];
  }

  #dialogFailed(at: number, dialogId: number): WindowHealthAction[] {
    if (this.#dialog?.id !== dialogId) return [];
    const { kind } = this.#dialog;
    this.#dialog = undefined;
    if (kind === 'notResponding') this.#waitedAt = at;
    return [log('warn', 'the window dialog could not be shown', { code: 'window_dialog_failed', kind })];
  }

  #shown(): WindowHealthAction[] {
    if (!this.#gone || this.#dialog) return [];
    this.#gone = false;
    return [log('info', 'reloading the window', { code: 'window_reload', cause: 'shown' }), { type: 'reload', restartRenderer: false }];
  }

  #restarting(at: number): boolean {
    return this.#restartedAt !== undefined && at - this.#restartedAt < restartGraceMs;
  }

  #open(kind: WindowDialogKind): WindowHealthAction {
    const dialogId = this.#nextDialogId++;
    this.#dialog = { id: dialogId, kind };
    return { type: 'openDialog', dialogId, kind, recentLosses: this.#losses.length };
  }

  #close(): WindowHealthAction {
    const dialogId = this.#dialog?.id ?? 0;
    this.#dialog = undefined;
    return { type: 'closeDialog', dialogId };
  }
}

function log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, string | number>): WindowHealthAction {
  return { type: 'log', level, message, fields };
}
