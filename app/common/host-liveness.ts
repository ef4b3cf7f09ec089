/**
 * The browser host's liveness check: a page sends `ping` every few seconds and the host answers
 * `pong` at once, from its own event loop, whatever the core is doing (renderer/transport/host-silence-watch.ts).
 */
export interface PingEnvelope {
  kind: 'ping';
  at: number;
}

export interface PongEnvelope {
  kind: 'pong';
  at: number;
}
