import type { BrowserWindow, Dialog } from 'electron';
import type { Disposable } from '../../app/common/contract.js';
import type { Logger } from '../../app/ports/logger.js';
import { windowDialogChoice, windowDialogContent } from './window-health-dialog.js';
import { initialWindowHealth, stepWindowHealth, type WindowHealthAction, type WindowHealthEvent } from './window-health.js';

export interface WindowHealthWatch extends Disposable {
  /** The window was asked for (tray Show, a second start): a renderer left stopped is reloaded. */
  shown(): void;
}

/**
 * Glue between one window's events and stepWindowHealth's decisions (window-health.ts): a native
 * message box for a hung or repeatedly stopped page, closed through its AbortSignal when the page
 * recovers, and a reload of the page alone (the core keeps running in this process).
 */
export function watchWindowHealth(window: BrowserWindow, options: { dialog: Pick<Dialog, 'showMessageBox'>; logger: Logger; productName: string; now: () => number }): WindowHealthWatch {
  const { dialog, logger, productName, now } = options;
  let health = initialWindowHealth;
  // A closed window's webContents getter throws; keep the object to unsubscribe from it.
  const contents = window.webContents;
  const open = new Map<number, AbortController>();
  let disposed = false;

  const perform = (action: WindowHealthAction): void => {
    switch (action.type) {
      case 'log':
        logger[action.level](action.message, action.fields);
        return;
      case 'openDialog': {
        const controller = new AbortController();
        open.set(action.dialogId, controller);
        const content = windowDialogContent(action.kind, productName, action.recentLosses);
        dialog.showMessageBox(window, { ...content, signal: controller.signal }).then(
          ({ response }) => {
            open.delete(action.dialogId);
            feed({ type: 'answered', at: now(), dialogId: action.dialogId, choice: windowDialogChoice(response) });
          },
          () => {
            open.delete(action.dialogId);
            feed({ type: 'dialogFailed', at: now(), dialogId: action.dialogId });
          },
        );
        return;
      }
      case 'closeDialog':
        open.get(action.dialogId)?.abort();
        return;
      case 'reload':
        if (window.isDestroyed() || contents.isDestroyed()) return;
        // Electron's advice for a hung page: end its process, then reload into a new one.
        if (action.restartRenderer) contents.forcefullyCrashRenderer();
        contents.reload();
        return;
    }
  };
  const feed = (event: WindowHealthEvent): void => {
    if (disposed) return;
    const step = stepWindowHealth(health, event);
    // Stored before acting, so whatever an action feeds back meets the state it caused.
    health = step.state;
    step.actions.forEach(perform);
  };

  const onUnresponsive = (): void => feed({ type: 'unresponsive', at: now() });
  const onResponsive = (): void => feed({ type: 'responsive', at: now() });
  const onGone = (_event: unknown, details: { reason: string; exitCode: number }): void => feed({ type: 'rendererGone', at: now(), reason: details.reason, exitCode: details.exitCode });
  window.on('unresponsive', onUnresponsive);
  window.on('responsive', onResponsive);
  contents.on('render-process-gone', onGone);

  return {
    shown: () => feed({ type: 'shown', at: now() }),
    dispose: () => {
      if (disposed) return;
      disposed = true;
      open.forEach((controller) => controller.abort());
      open.clear();
      window.off('unresponsive', onUnresponsive);
      window.off('responsive', onResponsive);
      contents.off('render-process-gone', onGone);
    },
  };
}
