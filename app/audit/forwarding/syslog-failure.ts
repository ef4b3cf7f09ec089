import { untrustedCertificateCodes } from '../../network/node-network-errors.js';

/** Why a batch did not reach the collector, as the connection saw it (syslog-connection.ts). */
export type SyslogFailureKind =
  /** No answer in time; `tlsHandshake` when the TLS handshake itself got none. */
  | 'timeout'
  | 'tlsHandshakeTimeout'
  /** The collector closed before our end of stream: it did not read the records. */
  | 'closedEarly'
  /** Bytes came back: whatever listens there is not (only) a syslog collector. */
  | 'answered'
  /** TCP connected the socket to itself: nothing listens on that loopback port. */
  | 'selfConnected';

export class SyslogFailure extends Error {
  readonly kind: SyslogFailureKind;

  constructor(kind: SyslogFailureKind) {
    super(kind);
    this.name = 'SyslogFailure';
    this.kind = kind;
  }
}

/**
 * What went wrong, in words a clinic's IT admin can act on, for the ‹2› of `audit_forwarding_failed`
 * (docs/providers.md, "Audit forwarding"). The admin sees this in Settings and in the notice, so
 * each names the likely cause and the fix rather than an OpenSSL or errno code alone.
 */
export function describeSyslogFailure(error: unknown, target: { host: string; port: number; tls: boolean }): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // A reset before our end of stream is the same early close, seen after the records arrived unread.
  const kind = error instanceof SyslogFailure ? error.kind : code === 'ECONNRESET' || code === 'EPIPE' ? 'closedEarly' : undefined;
  if (kind !== undefined) {
    switch (kind) {
      case 'timeout':
        return 'it did not answer in time; check the address and that no firewall blocks the port';
      case 'tlsHandshakeTimeout':
        return `it did not answer the TLS handshake, so port ${target.port} may not use TLS: turn TLS off, or use the collector's TLS port (usually 6514)`;
      case 'closedEarly':
        return target.tls
          ? 'it closed the connection without reading the records; check that it is running and accepts connections from this computer'
          : 'it closed the connection without reading the records, as a TLS-only port does with plain TCP: turn TLS on if the collector expects it, otherwise check that it is running and accepts connections from this computer';
      case 'answered':
        return 'the port answered with data, so it is not a syslog collector: check the port';
      case 'selfConnected':
        return `nothing is listening on port ${target.port}: check the port and that the collector is running`;
    }
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return `the name ${target.host} could not be found: check its spelling and this computer's DNS`;
  if (code === 'ECONNREFUSED') return `nothing is listening on port ${target.port}: check the port and that the collector is running`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') return 'the network cannot reach it: check the address and the network between';
  if (code !== undefined && untrustedCertificateCodes.has(code)) {
    return "its certificate is not signed by an authority this computer trusts: put the clinic's CA certificate (PEM) in the machine policy, auditForwarding.ca";
  }
  if (code === 'CERT_HAS_EXPIRED') return "its certificate has expired: check this computer's date and time, otherwise renew the collector's certificate";
  if (code === 'CERT_NOT_YET_VALID') return "its certificate is not valid yet: check this computer's date and time";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return `its certificate was issued for another name than ${target.host}: enter the name the certificate was issued for`;
  }
  if (code === 'CERT_REVOKED') return "its certificate has been revoked: renew the collector's certificate";
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return `it does not speak TLS on port ${target.port}: turn TLS off, or use the collector's TLS port (usually 6514)`;
  }
  return code ?? (error instanceof Error ? error.message : String(error));
}
