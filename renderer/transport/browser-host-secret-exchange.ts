import type { Disposable } from '../../app/common/contract.js';
import type { ConnectionMonitor } from './connection-monitor.js';

/** The part of BroadcastChannel the exchange uses, so tests can hand it any channel. */
export interface SecretChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** The channel's name: one per origin, so only this host's own pages (same port) share it. */
export const secretChannelName = 'rpa-supervisor.browser-host';

type ExchangeMessage = { kind: 'secret'; secret: string } | { kind: 'ask' };

export interface SecretExchangeOptions {
  channel: SecretChannel;
  /** The secret this page connects with now. */
  secret: string;
  connection: ConnectionMonitor;
  /** Called with a secret another tab connects with, while this page cannot connect with its own. */
  rejoin(secret: string): void;
}

/**
 * Lets a page whose host restarted get back in without the new address. A restarted host keeps
 * its port (last-port.ts) and opens its new page with the new secret; that page tells the other
 * pages of its origin, and a page that was refused or whose host had gone connects again with it,
 * keeping what it shows and what the person typed. A page also asks when it loses its host, in
 * case the new page opened first.
 *
 * The secret goes only to pages of the same origin, which could read it anyway: this host serves
 * every page there, and a page can open another and share its sessionStorage.
 */
export function joinSecretExchange(options: SecretExchangeOptions): Disposable {
  const { channel, connection } = options;
  let secret = options.secret;
  const cannotConnect = () => connection.status === 'gone' || connection.status === 'rejected';
  const post = (message: ExchangeMessage) => channel.postMessage(message);

  channel.addEventListener('message', ({ data }) => {
    if (!isExchangeMessage(data)) return;
    if (data.kind === 'ask') {
      if (connection.status === 'open') post({ kind: 'secret', secret });
    } else if (cannotConnect() && data.secret !== secret) {
      secret = data.secret;
      options.rejoin(secret);
    }
  });
  const onStatus = (status: ConnectionMonitor['status']) => {
    if (status === 'open') post({ kind: 'secret', secret });
    else if (status === 'gone' || status === 'rejected') post({ kind: 'ask' });
  };
  const subscription = connection.onDidChangeStatus(onStatus);
  onStatus(connection.status);
  return {
    dispose: () => {
      subscription.dispose();
      channel.close();
    },
  };
}

function isExchangeMessage(value: unknown): value is ExchangeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  // The same bound the host's secrets fit: base64url, 43 characters for 32 bytes.
  return message.kind === 'ask' || (message.kind === 'secret' && typeof message.secret === 'string' && /^[\w-]{16,128}$/.test(message.secret));
}
