import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { finished } from 'node:stream';
import { parseDeepLink, unknownLinkReasons, type AuthCallback } from '../deep-link/parse-deep-link.js';
import { supervisorError } from '../error-catalogue.js';
import type { Logger } from '../ports/logger.js';
import { loopbackPageCsp, renderLoopbackPage } from './loopback-page.js';

export interface LoopbackListenerOptions {
  /** 0 = an ephemeral port chosen by the OS; otherwise the fixed port the provider registered. */
  port: number;
  path: string;
  /** The state of the sign-in this listener serves; any other state changes nothing. */
  expectedState: string;
  /** Hands the parsed answer to the sign-in step; true when the sign-in completed. */
  deliver: (link: AuthCallback) => Promise<boolean>;
  logger: Logger;
}

/**
 * Receives one authorization response on http://127.0.0.1 (RFC 8252 §7.3). It binds the IPv4
 * loopback address only, answers exactly one well-formed hit for its own sign-in, and closes
 * after that, or when the sign-in is cancelled, superseded or times out (S9). Anything else — a
 * wrong path, a wrong Host (DNS rebinding), another state, a second hit — gets a small error page
 * and changes nothing (S10). The URL is never logged, since it carries the authorization code.
 */
export class LoopbackListener {
  #used = false;
  #closing: Promise<void> | undefined;
  readonly #sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: LoopbackListenerOptions,
  ) {}

  static async open(options: LoopbackListenerOptions): Promise<LoopbackListener> {
    const server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? supervisorError('loopback_port_busy', options.port) : supervisorError('loopback_failed', { cause: error }));
      });
      server.listen({ port: options.port, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const listener = new LoopbackListener(server, port, options);
    server.on('connection', (socket) => {
      listener.#sockets.add(socket);
      socket.once('close', () => listener.#sockets.delete(socket));
    });
    server.on('request', (req, res) => void listener.#handle(req, res));
    // An error after binding (the handler above served the bind only, and only once) would
    // otherwise be an unhandled 'error' event, which ends the whole process: this sign-in's
    // listener closes instead, and the sign-in can be started again.
    server.on('error', (error: NodeJS.ErrnoException) => {
      options.logger.warn('The sign-in listener failed and was closed', { code: error.code ?? 'unknown' });
      void listener.close();
    });
    return listener;
  }

  /** The exact redirect URI of this sign-in, port included. */
  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${this.options.path}`;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Browsers keep connections alive; a closed listener must not keep answering on them.
      this.server.closeIdleConnections();
      for (const socket of this.#sockets) if (!socket.writableLength) socket.end();
    });
    return this.#closing;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refuse = (status: number, reason: string, body: string): void => {
      this.options.logger.warn('loopback sign-in hit refused', { reason });
      send(res, status, 'This link did not sign you in', body);
    };
    if (this.closed) return refuse(410, 'listener closed', 'This sign-in has already finished. Return to RPA Supervisor.');
    if (req.method !== 'GET') return refuse(405, 'method', 'Only the sign-in answer from your provider is accepted here.');
    if (req.headers.host !== `127.0.0.1:${this.port}`) return refuse(400, 'host', 'This address is not the one RPA Supervisor is listening on.');
    // Origin-form targets only; the one parse of the answer checks host, port and path exactly.
    const target = req.url ?? '';
    const link = target.startsWith('/') ? parseDeepLink(`http://127.0.0.1:${this.port}${target}`, { loopback: { port: this.port, path: this.options.path } }) : undefined;
    if (link === undefined || (link.kind === 'unknown' && link.reason === unknownLinkReasons.wrongPath)) return refuse(404, 'path', 'Nothing is served at this address.');
    if (link.kind !== 'authCallback') return refuse(400, 'shape', 'This is not a sign-in answer RPA Supervisor can use. Return to RPA Supervisor and start again.');
    if (this.#used) return refuse(410, 'second hit', 'This sign-in answer was already received. Return to RPA Supervisor.');
    if (link.state !== this.options.expectedState) {
      return refuse(400, 'state', 'This answer does not belong to the sign-in in progress. Return to RPA Supervisor and start again if needed.');
    }

    this.#used = true;
    let signedIn = false;
    try {
      signedIn = await this.options.deliver(link);
    } catch {
      signedIn = false;
    }
    if (signedIn) send(res, 200, 'You are signed in', 'You can close this tab and return to RPA Supervisor.');
    else send(res, 400, 'Sign-in did not complete', 'Return to RPA Supervisor to see what went wrong. You can close this tab.');
    // Whether the response was sent or the browser dropped the connection meanwhile (the tab was
    // closed during the exchange, when 'finish' never comes): the listener is done either way,
    // and a fixed port must be free for the next sign-in.
    finished(res, () => void this.close());
  }
}

function send(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': loopbackPageCsp,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(renderLoopbackPage(title, body));
}
