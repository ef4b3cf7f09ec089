import type { DesktopPublicKey } from '../desktop-key.js';
import { verifyDesktopMessage, type DesktopEnvelope, type DesktopMessageKind } from '../desktop-message.js';

/** A worker's check of one kind of signed desktop message, without the pin store or the replay set (unit tests). */
export function testOpener(desktop: DesktopPublicKey, kind: DesktopMessageKind, workerId: string, now: () => number): (signed: string) => Promise<DesktopEnvelope | undefined> {
  return async (signed) => {
    const check = await verifyDesktopMessage(signed, desktop, { kind, workerId, now: now() });
    return check.ok ? check.envelope : undefined;
  };
}
