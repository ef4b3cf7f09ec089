import type { ServerResponse } from 'node:http';
import type { Clock } from '../ports/clock.js';
import { writeJsonHead } from './broker-http.js';

/** How much of a refused request's body the broker reads and throws away, and for how long. */
export interface RefusedBodyLimits {
  maxBytes: number;
  maxMs: number;
}

/**
 * Past the default run cap (50 MB) with room, so a whole refused file is read rather than cut;
 * a few seconds, which a bot on loopback needs for that many bytes many times over.
 */
export const defaultRefusedBodyLimits: RefusedBodyLimits = { maxBytes: 64 * 1024 * 1024, maxMs: 5000 };

/**
 * Answers at once on a connection that then closes, but closes it only once the rest of the
 * request's body has been read and thrown away.
 *
 * A socket closed with unread bytes makes the kernel send a reset, and the reset throws away what
 * the client has not read yet: a bot that reads the answer once its body is sent (Python's
 * `requests`, PowerShell, the SDK when its loop is busy) would get "connection reset" instead of
 * the refusal (S120). The reading is bounded in bytes and time, so a bot can neither hold the
 * connection nor make the broker read for ever; past either bound the socket is destroyed, by
 * then long after the answer went out.
 */
export function sendJsonThenDiscardBody(res: ServerResponse, status: number, body: unknown, limits: RefusedBodyLimits, clock: Clock): void {
  const req = res.req;
  const payload = JSON.stringify(body);
  res.setHeader('Connection', 'close');
  writeJsonHead(res, status, payload);
  if (req.complete || req.destroyed) {
    res.end(payload);
    return;
  }
  // The whole answer now: with its length declared, the client has it all before the end closes the socket.
  res.write(payload);
  let left = limits.maxBytes;
  const stop = () => {
    timer.dispose();
    req.off('data', count);
    req.off('end', finish);
    req.off('close', finish);
  };
  const finish = () => {
    stop();
    if (!res.writableEnded && !res.destroyed) res.end();
  };
  const cut = () => {
    stop();
    res.destroy();
  };
  const count = (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) cut();
  };
  const timer = clock.setTimer(cut, limits.maxMs);
  req.on('data', count);
  req.once('end', finish);
  // A bot that hangs up part-way: its connection is gone, nothing is left to read.
  req.once('close', finish);
  req.on('error', () => undefined);
  req.resume();
}
