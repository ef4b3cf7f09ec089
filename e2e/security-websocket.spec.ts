import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { WebSocket as NodeWebSocket } from 'ws';
import { findSecrets } from '../app/test-support/find-secrets.js';
import type { BrowserHostProcess } from './support/browser-host-process.js';
import { secretsOf, useSupervisedPage, type SupervisedPage } from './support/supervised-page.js';

/**
 * S46 through the browser host (e2e/support/supervised-page.ts): the WebSocket answers invalid
 * payloads with an error, refuses a foreign Origin and a missing page secret, and logs each.
 */
let supervised: SupervisedPage;
let host: BrowserHostProcess;
let page: Page;
useSupervisedPage((opened) => {
  supervised = opened;
  ({ host, page } = opened);
});

function supervisorLog(): string {
  try {
    return readFileSync(join(host.dataDir, 'logs', 'supervisor.log'), 'utf8');
  } catch {
    return '';
  }
}

/** The per-launch page secret, from the address the launcher printed (the page hides it). */
function pageSecret(): string {
  return decodeURIComponent(new URL(host.pageUrl).hash.replace(/^#k=/, ''));
}

test('S46 invalid payloads on an authenticated socket are answered with an error and logged', async () => {
  const answers = await page.evaluate(
    async ({ url }) => {
      const socket = new WebSocket(url);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const replies: Array<{ requestId: number }> = [];
      const wanted = 5;
      const done = new Promise<void>((resolve) => {
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { kind?: string; requestId: number };
          if (message.kind !== 'result') return;
          replies.push(message);
          if (replies.length === wanted) resolve();
        };
      });
      socket.send('not json');
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'deleteEverything', input: {} }));
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 2, command: 'startRun', input: { botId: '../../etc/passwd' } }));
      socket.send(new Uint8Array([1, 2, 3]));
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 3, command: 'signIn', input: { profileId: 'sandbox', extra: '<script>' } }));
      socket.send(JSON.stringify({ kind: 'invoke', requestId: 4, command: 'getState', input: {} }));
      await done;
      socket.close();
      return replies.sort((a, b) => a.requestId - b.requestId);
    },
    { url: `ws://${new URL(host.pageUrl).host}/ws?k=${encodeURIComponent(pageSecret())}` },
  );
  expect(answers).toEqual([
    expect.objectContaining({ requestId: -1, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    expect.objectContaining({ requestId: 1, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    expect.objectContaining({ requestId: 2, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    expect.objectContaining({ requestId: 3, ok: false, error: expect.objectContaining({ code: 'invalid_request' }) }),
    // The socket still works for valid requests; the binary frame got no answer at all.
    expect.objectContaining({ requestId: 4, ok: true }),
  ]);
  expect(findSecrets([{ where: 'the answers', text: JSON.stringify(answers) }], secretsOf(supervised))).toEqual([]);
  await expect.poll(supervisorLog).toContain('rejected a binary WebSocket message');
  const log = supervisorLog();
  expect(log).toContain('rejected malformed request');
  expect(log).toMatch(/rejected invalid command input.*"command":"startRun"/);
  expect(log).not.toContain('etc/passwd');
});

test('S46 a WebSocket from a foreign Origin is refused before it opens, and logged', async () => {
  const url = `ws://${new URL(host.pageUrl).host}/ws?k=${encodeURIComponent(pageSecret())}`;
  const status = await new Promise<number | undefined>((resolveStatus) => {
    const socket = new NodeWebSocket(url, { origin: 'http://evil.example' });
    socket.on('unexpected-response', (_request, response) => resolveStatus(response.statusCode));
    socket.on('open', () => {
      socket.close();
      resolveStatus(undefined);
    });
    socket.on('error', () => undefined);
  });
  expect(status).toBe(403);
  await expect.poll(supervisorLog).toMatch(/refused a WebSocket connection.*"reason":"host_or_origin"/);
});

test('S46 a WebSocket without the page secret is closed unread, and logged', async () => {
  const origin = new URL(host.pageUrl).origin;
  const closed = await new Promise<{ code: number; answered: boolean }>((resolveClose) => {
    let answered = false;
    const socket = new NodeWebSocket(`ws://${new URL(host.pageUrl).host}/ws?k=wrong-secret`, { origin });
    socket.on('open', () => socket.send(JSON.stringify({ kind: 'invoke', requestId: 1, command: 'getState', input: {} })));
    socket.on('message', () => (answered = true));
    socket.on('close', (code) => resolveClose({ code, answered }));
    socket.on('error', () => undefined);
  });
  expect(closed).toEqual({ code: 4401, answered: false });
  await expect.poll(supervisorLog).toMatch(/refused a WebSocket connection.*"reason":"secret"/);
});
