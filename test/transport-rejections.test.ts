import { describe, expect, it } from 'vitest';
import type { ResponseEnvelope, SupervisorApi } from '../app/common/contract.js';
import { errorMessage } from '../app/common/error-catalogue.js';
import { createSupervisorBridge } from '../main/electron/preload-bridge.js';
import { WebSocketSupervisorApi, type SocketHandlers } from '../renderer/transport/web-socket-supervisor-api.js';

/**
 * The renderer runs on either transport and must not be able to tell them apart: the Electron
 * preload (IPC) and the browser host's WebSocket reject a failed command with the same plain
 * `ErrorView`, given the same answer from the core.
 */
type WireError = Extract<ResponseEnvelope, { ok: false }>['error'] | Record<string, unknown>;

function overIpc(error: WireError): SupervisorApi {
  return createSupervisorBridge({
    invoke: async (_channel, request) => ({ kind: 'result', requestId: (request as { requestId: number }).requestId, ok: false, error }),
    on: () => undefined,
    removeListener: () => undefined,
  });
}

function overWebSocket(error: WireError): SupervisorApi {
  let handlers: SocketHandlers | undefined;
  const api = new WebSocketSupervisorApi({
    url: 'ws://127.0.0.1:1/ws',
    connect: (_url, socketHandlers) => {
      handlers = socketHandlers;
      return {
        send: (data) => {
          const { requestId } = JSON.parse(data) as { requestId: number };
          queueMicrotask(() => handlers?.message(JSON.stringify({ kind: 'result', requestId, ok: false, error })));
        },
        close: () => undefined,
      };
    },
  });
  api.start();
  handlers?.open();
  return api;
}

async function rejection(api: SupervisorApi): Promise<unknown> {
  return api.invoke('startRun', { botId: 'demo' }).then(
    () => {
      throw new Error('the command should have failed');
    },
    (reason: unknown) => reason,
  );
}

const cases: Array<{ name: string; wire: WireError; expected: unknown }> = [
  {
    name: 'a core error',
    wire: { code: 'not_signed_in', message: 'Sign in to Local sandbox first.' },
    expected: { code: 'not_signed_in', message: 'Sign in to Local sandbox first.' },
  },
  {
    name: 'a core error with field problems (only text fields kept)',
    wire: { code: 'profile_invalid', message: 'The profile was not saved.', fields: { clientId: 'is required', bad: 7 } },
    expected: { code: 'profile_invalid', message: 'The profile was not saved.', fields: { clientId: 'is required' } },
  },
  {
    name: 'a code this window does not know (a newer core)',
    wire: { code: 'from_the_future', message: 'Something new.' },
    expected: { code: 'response_unreadable', message: errorMessage('response_unreadable') },
  },
  {
    name: 'an error without a message',
    wire: { code: 'not_signed_in' },
    expected: { code: 'response_unreadable', message: errorMessage('response_unreadable') },
  },
];

describe('both transports reject a failed command with the same plain ErrorView', () => {
  for (const { name, wire, expected } of cases) {
    it(name, async () => {
      const viaIpc = await rejection(overIpc(wire));
      const viaWebSocket = await rejection(overWebSocket(wire));
      expect(viaIpc).toStrictEqual(expected);
      expect(viaWebSocket).toStrictEqual(expected);
      for (const reason of [viaIpc, viaWebSocket]) {
        expect(reason).not.toBeInstanceOf(Error);
        expect(Object.getPrototypeOf(reason)).toBe(Object.prototype);
      }
    });
  }
});
