import { afterEach, describe, expect, it } from 'vitest';
import type { Disposable } from '../../app/common/contract.js';
import { joinSecretExchange, type SecretChannel } from './browser-host-secret-exchange.js';
import type { ConnectionMonitor, ConnectionStatus } from './connection-monitor.js';

/** A page's connection whose status the test sets, as the WebSocket transport would. */
function connectionAt(initial: ConnectionStatus) {
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const monitor = {
    status: initial,
    onDidChangeStatus(listener: (status: ConnectionStatus) => void): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    set(status: ConnectionStatus) {
      monitor.status = status;
      for (const listener of [...listeners]) listener(status);
    },
  };
  return monitor satisfies ConnectionMonitor;
}

// Node's BroadcastChannel is the browser's: channels of one name in one process reach each other.
const channelName = `test-${Math.random().toString(36).slice(2)}`;
const open: Disposable[] = [];
afterEach(() => {
  for (const each of open.splice(0)) each.dispose();
});

function page(secret: string, status: ConnectionStatus) {
  const connection = connectionAt(status);
  const rejoined: string[] = [];
  const channel = new BroadcastChannel(channelName) as unknown as SecretChannel;
  open.push(joinSecretExchange({ channel, secret, connection, rejoin: (fresh) => rejoined.push(fresh) }));
  return { connection, rejoined };
}

const oldSecret = 'old-secret-0123456789abcdef';
const newSecret = 'new-secret-0123456789abcdef';

describe('joinSecretExchange', () => {
  it('S92 a page whose host has gone rejoins with the secret of the restarted host’s new page', async () => {
    const stale = page(oldSecret, 'open');
    stale.connection.set('gone');
    const fresh = page(newSecret, 'connecting');
    fresh.connection.set('open');
    await expect.poll(() => stale.rejoined).toEqual([newSecret]);
    expect(fresh.rejoined).toEqual([]);
  });

  it('a page that loses its host after the new page opened asks for, and gets, the new secret', async () => {
    page(newSecret, 'open');
    const stale = page(oldSecret, 'open');
    stale.connection.set('gone');
    await expect.poll(() => stale.rejoined).toEqual([newSecret]);
  });

  it('a reloaded page refused with a stale secret rejoins too', async () => {
    page(newSecret, 'open');
    const reloaded = page(oldSecret, 'rejected');
    await expect.poll(() => reloaded.rejoined).toEqual([newSecret]);
  });

  it('S92 a connected page takes no other secret, and a page that cannot connect never reuses its own', async () => {
    const connected = page(oldSecret, 'open');
    const gone = page(newSecret, 'gone');
    // Another gone page asks; the only answer is the connected page's secret, which both gone pages lack.
    const asker = page('third-secret-0123456789ab', 'gone');
    await expect.poll(() => asker.rejoined).toEqual([oldSecret]);
    await expect.poll(() => gone.rejoined).toEqual([oldSecret]);
    expect(connected.rejoined).toEqual([]);
  });

  it('S92 ignores messages that are not the exchange’s', async () => {
    const gone = page(oldSecret, 'gone');
    const other = new BroadcastChannel(channelName);
    other.postMessage({ kind: 'secret', secret: 'short' });
    other.postMessage({ kind: 'secret', secret: 42 });
    other.postMessage('secret');
    other.postMessage({ kind: 'secret', secret: newSecret });
    await expect.poll(() => gone.rejoined).toEqual([newSecret]);
    other.close();
  });
});
