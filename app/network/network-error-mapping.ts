import { supervisorError } from '../error-catalogue.js';
import type { SupervisorError } from '../errors.js';
import { findNetworkError } from './network-error.js';

/**
 * The catalogue error for a proxy or certificate failure anywhere in `error`'s cause chain
 * (S51, S52), naming the host and the proxy; undefined for anything else, which the caller maps
 * as before (timeouts, unreachable providers, answers it did not like).
 */
export function networkSupervisorError(error: unknown): SupervisorError | undefined {
  const failure = findNetworkError(error);
  if (!failure) return undefined;
  const proxy = failure.proxy ?? 'the proxy';
  switch (failure.kind) {
    case 'tlsUntrusted':
      return supervisorError('tls_untrusted', failure.host, { cause: error });
    case 'tlsInvalid':
      return supervisorError('tls_certificate_invalid', failure.host, failure.detail ?? 'the certificate was refused', { cause: error });
    case 'proxyUnreachable':
      return supervisorError('proxy_unreachable', proxy, failure.host, { cause: error });
    case 'proxyRefused':
      return supervisorError('proxy_refused', proxy, failure.host, failure.detail ?? 'it gave no reason', { cause: error });
  }
}
