import type { WebSocket } from 'ws';
import type { Logger } from '../../app/ports/logger.js';

/**
 * The largest message a page may send: an import of 1,000,000 characters (profile-import.tsx),
 * which JSON may escape to six bytes each. A larger one closes that page's socket with 1009.
 */
export const maxPageMessageBytes = 6 * 1_000_000 + 64 * 1024;

/** How far a page may fall behind (a hung tab) before it is dropped; it reconnects and reloads its state. */
export const defaultMaxBufferedBytes = 16 * 1024 * 1024;

/**
 * Sends to an open page, unless it has stopped reading: its queue would otherwise grow with
 * every event (a log flood is tens of MB/s), so it is dropped and reconnects when it wakes.
 */
export function sendUnlessStalled(ws: WebSocket, text: string, maxBufferedBytes: number, logger: Logger): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > maxBufferedBytes) {
    logger.warn('dropped a page that stopped reading', { bufferedBytes: ws.bufferedAmount });
    ws.terminate();
    return;
  }
  ws.send(text);
}
