import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { SyslogFailure } from './syslog-failure.js';

export interface SyslogTarget {
  host: string;
  port: number;
  tls: boolean;
  /** Extra CA certificates (PEM) for a collector whose certificate the system does not trust. */
  ca?: string;
}

/**
 * Sends one batch of frames on a fresh connection and resolves only when the collector has
 * closed the connection in order after reading the end of our stream.
 *
 * Why this is the acknowledgement: plain syslog over TCP has no application-level acks. A
 * collector (rsyslog, syslog-ng) closes its side when it reads end-of-stream, which comes after
 * every byte we sent, so an orderly close (FIN, no reset) means it read the whole batch. If it
 * stops first with bytes unread, the kernel answers with a reset, the batch counts as not
 * delivered and is sent again. The one gap: a collector that read the batch and then crashed
 * before storing it (or before closing). See docs/providers.md, "Audit forwarding".
 *
 * A collector never closes first, so our end of stream waits `holdMs` after the frames: a peer
 * that closes in that time (a TLS-only port spoken to in plain TCP, a port that accepts and drops
 * every connection) did not read them, although its close would otherwise look orderly.
 */
export function sendBatch(target: SyslogTarget, frames: Buffer[], timeoutMs: number, holdMs = 300): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let connected = false;
    let ending = false;
    let ended = false;
    let hold: NodeJS.Timeout | undefined;
    const socket: Socket = target.tls
      ? tlsConnect({ host: target.host, port: target.port, servername: isIp(target.host) ? undefined : target.host, ...(target.ca ? { ca: target.ca } : {}) })
      : netConnect({ host: target.host, port: target.port });
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(hold);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new SyslogFailure(target.tls && !connected ? 'tlsHandshakeTimeout' : 'timeout')), timeoutMs);
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      connected = true;
      // Nobody listening on a loopback port in the ephemeral range can mean TCP connected the
      // socket to itself; it would read its own batch back and close in order.
      if (socket.localPort === socket.remotePort && socket.localAddress === socket.remoteAddress) {
        finish(new SyslogFailure('selfConnected'));
        return;
      }
      socket.write(Buffer.concat(frames), () => {
        hold = setTimeout(() => {
          ending = true;
          socket.end();
        }, holdMs);
      });
    });
    // A syslog collector never answers: bytes back mean this is not one (or not only one).
    socket.on('data', () => finish(new SyslogFailure('answered')));
    socket.on('end', () => {
      if (!ending) finish(new SyslogFailure('closedEarly'));
      ended = true;
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', (hadError) => {
      if (hadError || !ended || !ending) finish(new SyslogFailure('closedEarly'));
      else finish();
    });
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
