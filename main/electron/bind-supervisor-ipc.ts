import { ipcMain, type WebContents } from 'electron';
import { ipcChannels, type Disposable, type EventName, type ResponseEnvelope } from '../../app/contract.js';
import type { Logger } from '../../app/ports/logger.js';
import type { Supervisor } from '../../app/supervisor.js';
import { dispatchRequest } from '../../app/transport/dispatch-request.js';
import { isTrustedSender, type TrustedRenderer } from './ipc-sender-policy.js';

/**
 * The one IPC entry point: every invoke goes through the sender check (S46), then the shared
 * `dispatchRequest`, which validates the envelope and input with zod. Returns a disposer that
 * removes the handler.
 */
export function bindSupervisorIpc(options: { supervisor: Supervisor; trusted: TrustedRenderer; isOurWindow: (contents: WebContents) => boolean; logger: Logger }): Disposable {
  const { supervisor, trusted, isOurWindow, logger } = options;
  ipcMain.handle(ipcChannels.invoke, async (event, raw: unknown): Promise<ResponseEnvelope> => {
    const frame = event.senderFrame;
    const sender = frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
    if (!isOurWindow(event.sender) || !isTrustedSender(sender, trusted)) {
      logger.warn('rejected IPC from an untrusted frame', { code: 'ipc_untrusted_sender', origin: frame ? safeOrigin(frame.url) : 'none' });
      return { kind: 'result', requestId: -1, ok: false, error: { code: 'forbidden_sender', message: 'This request did not come from the RPA Supervisor window.' } };
    }
    return dispatchRequest(supervisor.api, raw, logger);
  });
  return { dispose: () => ipcMain.removeHandler(ipcChannels.invoke) };
}

/** Pushes core events to one window. The Electron shell opens URLs itself, so `openExternal` stays home. */
export function forwardSupervisorEvents(supervisor: Supervisor, contents: WebContents): Disposable {
  const forward = <E extends EventName>(name: E): Disposable =>
    supervisor.api.on(name, (payload) => {
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
