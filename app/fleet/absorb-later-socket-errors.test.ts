import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePrivateCa, type PrivateCa } from '../network/test-support/private-ca.js';
import { prerequisiteMissing } from '../test-support/prerequisites.js';
import { absorbLaterSocketErrors } from './absorb-later-socket-errors.js';
import { until } from './testing/until.js';

const skip = prerequisiteMissing('openssl', existsSync('/usr/bin/openssl'), 'apt-get install openssl');

/**
 * A rediss:// address whose certificate this computer does not trust: ioredis hears the
 * connection's first error once, and a second one from the same socket (the server's alert
 * arriving after the handshake failed) must not become an uncaught exception.
 */
describe.skipIf(skip)('absorbLaterSocketErrors with a real ioredis client and an untrusted TLS server', () => {
  let ca: PrivateCa;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    ca = makePrivateCa('localhost');
    server = createServer({ cert: ca.cert, key: ca.key }, (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    ca.dispose();
  });

  /** A client that fails its first handshake, and what its 'error' listener saw. */
  async function failedClient(absorb: boolean): Promise<{ client: Redis; errors: Error[] }> {
    const client = new Redis(`rediss://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: () => null, tls: {} });
    const errors: Error[] = [];
    client.on('error', (error: Error) => {
      if (absorb) absorbLaterSocketErrors(client);
      errors.push(error);
    });
    await client.connect().catch(() => undefined);
    await until(() => (errors.length > 0 ? true : undefined));
    return { client, errors };
  }

  it('S83 a second error on the failed socket is absorbed; the first reached the client once', async () => {
    const { client, errors } = await failedClient(true);
    expect(errors).toHaveLength(1);
    expect((errors[0] as { code?: string }).code).toMatch(/CERT|SELF_SIGNED|UNABLE/);
    expect(() => client.stream.emit('error', new Error('tlsv1 alert decode error'))).not.toThrow();
    absorbLaterSocketErrors(client);
    expect(client.stream.listenerCount('error')).toBe(1);
    client.disconnect();
  });

  it('without it, the same second error has no listener left and would be thrown', async () => {
    const { client } = await failedClient(false);
    expect(client.stream.listenerCount('error')).toBe(0);
    expect(() => client.stream.emit('error', new Error('tlsv1 alert decode error'))).toThrow(/alert decode error/);
    client.disconnect();
  });
});

describe('absorbLaterSocketErrors', () => {
  it('does nothing for a client that has no socket yet', () => {
    expect(() => absorbLaterSocketErrors({ stream: undefined as unknown as Redis['stream'] })).not.toThrow();
  });
});
