import type { PingEnvelope, PongEnvelope } from '../../app/common/host-liveness.js';

/**
 * Answers a page's liveness ping (`PingEnvelope`) at once, before the core sees anything: true when
 * `raw` was one. Only a finite number echoes back, so a page cannot make the host send it text.
 */
export function answerPing(raw: unknown, send: (text: string) => void): boolean {
  if (typeof raw !== 'object' || raw === null || (raw as { kind?: unknown }).kind !== 'ping') return false;
  const at = (raw as Partial<PingEnvelope>).at;
  const pong: PongEnvelope = { kind: 'pong', at: typeof at === 'number' && Number.isFinite(at) ? at : 0 };
  send(JSON.stringify(pong));
  return true;
}
