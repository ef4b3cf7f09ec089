import { ipcMain, type WebContents } from 'electron';
import { ipcChannels, type Disposable, type ResponseEnvelope, type SupervisorApi } from '../../app/common/contract.js';
import { errorView } from '../../app/common/error-view.js';
import type { Logger } from '../../app/ports/logger.js';
import { dispatchRequest } from '../../app/transport/dispatch-request.js';
import { isTrustedSender, type TrustedRenderer } from './ipc-sender-policy.js';

/**
 * The one IPC entry point: every invoke goes through the sender check (S46), then the shared
 * `dispatchRequest`, which validates the envelope and input with zod. Returns a disposer that
 * removes the handler.
 */
export function bindSupervisorIpc(options: { api: SupervisorApi; trusted: TrustedRenderer; isOurWindow: (contents: WebContents) => boolean; logger: Logger }): Disposable {
  const { api, trusted, isOurWindow, logger } = options;
  ipcMain.handle(ipcChannels.invoke, async (event, raw: unknown): Promise<ResponseEnvelope> => {
    const frame = event.senderFrame;
    const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
    if (!isOurWindow(event.sender) || !isTrustedSender(sender, trusted)) {
      logger.warn('rejected IPC from an untrusted frame', { code: 'ipc_untrusted_sender', origin: frame ? safeOrigin(frame.url) : 'none' });
      return { kind: 'result', requestId: -1, ok: false, error: errorView('forbidden_sender') };
    }
    return dispatchRequest(api, raw, logger);
  });
  return { dispose: () => ipcMain.removeHandler(ipcChannels.invoke) };
}

/**
 * Pushes a connection's events to its window: state, and the log lines of the runs the window
 * follows. The Electron shell opens URLs itself, so `openExternal` stays home.
 */
export function forwardSupervisorEvents(api: SupervisorApi, contents: WebContents): Disposable {
  const forward = (name: 'state' | 'log'): Disposable =>
    api.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(ipcChannels.event(name), payload);
    });
  const subscriptions = [forward('state'), forward('log')];
  return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
}

function safeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? parsed.protocol : parsed.origin;
  } catch {
    return 'unparseable';
  }
}
