/**
 * Connection errors of the fleet's Redis clients, BullMQ Queues, event streams and Workers,
 * collapsed into one line per outage. While Redis restarts every client retries on its own and
 * each retry fails with ECONNREFUSED: the operator needs to know once that Redis is away, not
 * read a line per client per retry. Other errors are passed on one by one.
 */
export interface OutageLog {
  /** Any error a fleet client or BullMQ object emitted. */
  report(error: unknown): void;
  /** A client answers again: the next connection error starts a new outage (and a new line). */
  recovered(): void;
}

export interface OutageLogOptions {
  now: () => number;
  /** While an outage lasts, a reminder line at most this often (default 60 s). */
  everyMs?: number;
  /** The outage's line: its first error, and how many were left out since the last line. */
  unreachable: (error: Error, leftOut: number) => void;
  /** Anything that is not a connection error. */
  other: (error: unknown) => void;
}

const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

/** A socket-level failure to reach Redis (refused, reset, unreachable, untrusted TLS), not a failed command. */
export function isConnectionError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (connectionCodes.has(code) || isTlsTrustCode(code))) return true;
  return /Connection is closed|connect ECONNREFUSED|Stream isn't writeable|socket/i.test(error.message);
}

/** Node's codes for a server certificate this computer does not trust (or that names another host). */
export function isTlsTrustCode(code: string): boolean {
  return /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|ERR_TLS_CERT_ALTNAME_INVALID)$/.test(code);
}

export function outageLog(options: OutageLogOptions): OutageLog {
  const everyMs = options.everyMs ?? 60_000;
  let lastLineAt: number | undefined;
  let leftOut = 0;
  return {
    report(error) {
      if (!isConnectionError(error)) return options.other(error);
      const now = options.now();
      if (lastLineAt !== undefined && now - lastLineAt < everyMs) {
        leftOut += 1;
        return undefined;
      }
      options.unreachable(error, leftOut);
      lastLineAt = now;
      leftOut = 0;
      return undefined;
    },
    recovered() {
      lastLineAt = undefined;
      leftOut = 0;
    },
  };
}
