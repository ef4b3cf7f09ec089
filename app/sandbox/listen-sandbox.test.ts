import { createServer, type Server } from 'node:http';
import { afterEach, expect, test } from 'vitest';
import { listenSandbox } from './listen-sandbox.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

test('S114 a server error once the sandbox listens (an accept failing for want of file handles) is logged by its code, not thrown through the whole app', async () => {
  const logged: unknown[] = [];
  server = createServer();
  await listenSandbox(server, 0, '127.0.0.1', { info: () => undefined, warn: () => undefined, error: (message, fields) => void logged.push({ message, fields }) });
  // What Node's net.Server does when accept() fails: an 'error' event, which throws without a listener.
  const acceptFailed = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
  expect(() => server?.emit('error', acceptFailed)).not.toThrow();
  expect(logged).toEqual([{ message: 'The Local sandbox could not accept a connection.', fields: { code: 'EMFILE' } }]);
  // It still answers.
  const { port } = server.address() as { port: number };
  server.on('request', (_req, res) => res.end('ok'));
  expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
});
