import type { Page, WebSocketRoute } from '@playwright/test';
import type { CommandName } from '../../app/common/contract.js';

/**
 * Sits on the page's WebSocket to the real browser host and holds the page's invocations of the
 * commands it is told to, so a test can see a button while its command is on its way for as long
 * as it needs, instead of racing a loopback round trip. Everything else passes straight through.
 */
export interface CommandGate {
  /** From now on, keep the page's invocations of `command` from the host. */
  hold(command: CommandName): void;
  /** Send the held invocations of `command` on to the host, and let later ones through. */
  release(command: CommandName): void;
  /** How many times the page has invoked `command`, held or not. */
  invoked(command: CommandName): number;
  /** How many invocations of `command` are held now. */
  held(command: CommandName): number;
}

interface Invocation {
  kind?: unknown;
  command?: unknown;
}

/** Installs the gate; call before the page opens the app, so it sits on every socket the page opens. */
export async function gateCommands(page: Page): Promise<CommandGate> {
  const holding = new Set<CommandName>();
  const waiting = new Map<CommandName, (() => void)[]>();
  const counts = new Map<CommandName, number>();
  await page.routeWebSocket(/\/ws\?/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as Invocation;
      if (message.kind === 'invoke' && typeof message.command === 'string') {
        const command = message.command as CommandName;
        counts.set(command, (counts.get(command) ?? 0) + 1);
        if (holding.has(command)) {
          waiting.set(command, [...(waiting.get(command) ?? []), () => server.send(raw)]);
          return;
        }
      }
      server.send(raw);
    });
  });
  return {
    hold: (command) => {
      holding.add(command);
    },
    release: (command) => {
      holding.delete(command);
      const sends = waiting.get(command) ?? [];
      waiting.delete(command);
      for (const send of sends) send();
    },
    invoked: (command) => counts.get(command) ?? 0,
    held: (command) => waiting.get(command)?.length ?? 0,
  };
}
