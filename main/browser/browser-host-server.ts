import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { rendererContentSecurityPolicy } from '../../app/common/content-security-policy.js';
import type { EventEnvelope, EventName, SupervisorEvents } from '../../app/common/contract.js';
import { parseDeepLink } from '../../app/deep-link/parse-deep-link.js';
import type { Logger } from '../../app/ports/logger.js';
import type { Supervisor } from '../../app/supervisor.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import { answerPing } from './answer-ping.js';
import { defaultMaxBufferedBytes, maxPageMessageBytes, sendUnlessStalled } from './page-socket-limits.js';
import { sendHardened } from './hardened-response.js';
import { readBody } from './read-body.js';
import { RendererFiles, type RendererFile } from './renderer-files.js';
import { requestUrl } from './request-url.js';
import { safeJson } from './safe-json.js';
import { isOwnHost, isOwnOrigin, secretsMatch } from './request-guards.js';

// The link's own size limit (8 KB, in bytes) is the parser's; this only bounds the envelope.
// zod loads with the first hand-off: it is not needed to serve the first page.
const handoffBodySchema = async () => {
  const { z } = await import('zod');
  return z.object({ url: z.string().min(1) }).strict();
};
const maxHandoffBytes = 16 * 1024;

export interface BrowserHostServerOptions {
  /**
   * The core, or the promise of it: the page is served while the core is still being composed,
   * and its requests (and any hand-off) wait for it.
   */
  supervisor: Supervisor | Promise<Supervisor>;
  rendererDir: string;
  logger: Logger;
  /** Exactly this port; starting fails when it is taken. */
  port?: number;
  /**
   * The port to try first, when `port` is not given: the one the host used last time, so the
   * page keeps its origin and the browser's cache of it (renderer-files.ts).
   */
  preferredPort?: number;
  /** Bytes queued for one page beyond which it is dropped (tests lower it). */
  maxBufferedBytes?: number;
}

/**
 * The browser host's transport: serves the built renderer and carries the same typed contract as
 * Electron IPC over a WebSocket, on 127.0.0.1 only. The page secret travels in the URL fragment
 * (never sent in HTTP requests or Referer) and then on the WebSocket handshake; the hand-off
 * secret lets a second launcher forward a deep link, as a second Electron instance would.
 */
export class BrowserHostServer {
  readonly pageSecret = randomBytes(32).toString('base64url');
  readonly handoffSecret = randomBytes(32).toString('base64url');
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: maxPageMessageBytes });
  readonly #sockets = new Set<Socket>();
  /** The page whose request is being handled, through every await of its handling. */
  readonly #requester = new AsyncLocalStorage<WebSocket>();
  /** One serialisation per event, however many pages are open. */
  readonly #serialised = new WeakMap<object, string>();
  #port = 0;
  #pageLoaded!: () => void;
  readonly #files: RendererFiles;
  readonly #sentPinned = new Set<string>();
  /**
   * Settles once a page has its script (its files sent, or a WebSocket opened): from then on
   * the browser is busy running it, and the core can load without holding up the page's files.
   */
  readonly pageLoaded = new Promise<void>((resolve) => (this.#pageLoaded = resolve));
  #pageAnswered!: () => void;
  /** Settles once a page has had its first answer over its WebSocket (its first state, as a rule). */
  readonly pageAnswered = new Promise<void>((resolve) => (this.#pageAnswered = resolve));
  readonly #supervisor: Promise<Supervisor>;
  /** The request dispatcher loads its command schemas after the first page is sent. */
  #dispatch: Promise<typeof import('../../app/transport/dispatch-request.js')> | undefined;

  private constructor(private readonly options: BrowserHostServerOptions) {
    this.#supervisor = Promise.resolve(options.supervisor);
    this.#files = new RendererFiles(options.rendererDir);
    // A core that fails to start is reported by whoever composes it; pages see their socket close.
    this.#supervisor.catch(() => undefined);
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        options.logger.error('browser host request failed', { error: error instanceof Error ? error.name : typeof error });
        if (!res.headersSent) sendHardened(res, 500, 'text/plain; charset=utf-8', 'Internal error');
        else res.destroy();
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    this.#server.on('upgrade', (req, socket, head) => this.#upgrade(req, socket as Socket, head));
  }

  static async start(options: BrowserHostServerOptions): Promise<BrowserHostServer> {
    const host = new BrowserHostServer(options);
    host.#port = await listenOnLoopback(host.#server, options);
    return host;
  }

  get port(): number {
    return this.#port;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** The URL to open: the secret sits in the fragment, which browsers never send to servers. */
  get pageUrl(): string {
    return `${this.origin}/#k=${this.pageSecret}`;
  }

  /** Sends an event to every open page; the core's events go per connection instead (#serve). */
  broadcast<E extends EventName>(event: E, payload: SupervisorEvents[E]): void {
    const text = this.#serialise(event, payload);
    for (const client of this.#wss.clients) this.#send(client, text);
  }

  /** Opens a tab from the page whose request led here (two tabs, one provider tab), else every page's. */
  askPageToOpenTab(url: string): void {
    const requester = this.#requester.getStore();
    if (requester && requester.readyState === requester.OPEN) this.#send(requester, this.#serialise('openExternal', { url }));
    else this.broadcast('openExternal', { url });
  }

  #send(ws: WebSocket, text: string): void {
    sendUnlessStalled(ws, text, this.options.maxBufferedBytes ?? defaultMaxBufferedBytes, this.options.logger);
  }

  #serialise<E extends EventName>(event: E, payload: SupervisorEvents[E]): string {
    const cached = this.#serialised.get(payload);
    if (cached !== undefined) return cached;
    const envelope: EventEnvelope<E> = { kind: 'event', event, payload };
    const text = JSON.stringify(envelope);
    this.#serialised.set(payload, text);
    return text;
  }

  get connectedClients(): number {
    return this.#wss.clients.size;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, this.#port)) {
      sendHardened(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
      return;
    }
    const url = requestUrl(req, this.origin);
    if (!url) {
      sendHardened(res, 400, 'text/plain; charset=utf-8', 'Bad request');
      return;
    }
    if (url.pathname === '/handoff') {
      await this.#handoff(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendHardened(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    await this.#serveStatic(url.pathname, req, res);
  }

  async #serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = await this.#files.read(pathname, req.headers.cookie);
    if (!file) {
      sendHardened(res, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    res.once('finish', () => this.#sent(file));
    sendHardened(res, 200, file.contentType, file.body, {
      'Content-Security-Policy': rendererContentSecurityPolicy({ kind: 'browserHost', port: this.#port }),
      'Cache-Control': file.cacheControl,
      ...file.headers,
    });
  }

  /**
   * The page has its script once every file it pins was sent, or any other script was, or at
   * once when its browser has them cached. The request dispatcher loads after the page is sent.
   */
  #sent({ path, pinnedFilesCached }: RendererFile): void {
    if (path === 'index.html') this.#dispatch ??= import('../../app/transport/dispatch-request.js');
    if (pinnedFilesCached) this.#pageLoaded();
    const pinned = this.#files.pinnedPaths;
    if (pinned.has(path)) {
      this.#sentPinned.add(path);
      if ([...pinned].every((each) => this.#sentPinned.has(each))) this.#pageLoaded();
    } else if (path.endsWith('.js')) this.#pageLoaded();
  }

  /**
   * Second-instance hand-off: the hand-off launcher (hand-off.ts) posts the deep link here, where
   * it is parsed, once. The answer waits for the outcome, so the launcher can say "Signed in as …"
   * or why the link was refused: 200 with the result, or 400 with a refusal (an unknown link
   * still reaches the core, which logs it without the link and tells the page).
   */
  async #handoff(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const validSecret = secretsMatch(header(req, 'x-rpa-handoff-secret'), this.handoffSecret);
    const isJson = (req.headers['content-type'] ?? '').split(';')[0]?.trim() === 'application/json';
    if (req.method !== 'POST' || req.headers.origin !== undefined || !isJson || !validSecret) {
      sendHardened(res, validSecret ? 400 : 401, 'application/json', JSON.stringify({ error: 'handoff_refused' }));
      return;
    }
    const body = await readBody(req, maxHandoffBytes);
    const parsed = body === undefined ? undefined : (await handoffBodySchema()).safeParse(safeJson(body));
    if (!parsed?.success) {
      sendHardened(res, 400, 'application/json', JSON.stringify({ error: 'invalid_handoff' }));
      return;
    }
    const supervisor = await this.#supervisor;
    const link = parseDeepLink(parsed.data.url, { scheme: supervisor.scheme });
    const result = await supervisor.openDeepLink(link);
    sendHardened(res, result.kind === 'refused' ? 400 : 200, 'application/json', JSON.stringify({ result }));
  }

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    // Until ws owns the socket nothing else listens for its errors; a reset must not stop the host.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req, this.origin);
    const ownPage = url?.pathname === '/ws' && isOwnHost(req.headers.host, this.#port) && isOwnOrigin(req.headers.origin, this.#port);
    if (!ownPage) {
      // Another site, or a rebinding attack: refuse before any WebSocket exists.
      this.options.logger.warn('refused a WebSocket connection', { path: url?.pathname ?? 'unreadable', reason: 'host_or_origin' });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!secretsMatch(url?.searchParams.get('k'), this.pageSecret)) {
      // Our own page with a stale link (the host restarted): close with 4401 so it can say so,
      // instead of retrying a handshake that can never succeed. No message is ever read.
      this.options.logger.warn('refused a WebSocket connection', { path: '/ws', reason: 'secret' });
      this.#wss.handleUpgrade(req, socket, head, (ws) => ws.on('error', () => ws.terminate()).close(4401, 'link out of date'));
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#serve(ws));
  }

  #serve(ws: WebSocket): void {
    this.#pageLoaded();
    // Each page is its own connection: it gets live log lines only for the runs it follows.
    this.#dispatch ??= import('../../app/transport/dispatch-request.js');
    const dispatchModule = this.#dispatch;
    const opened = this.#supervisor.then((supervisor) => {
      if (ws.readyState !== ws.OPEN) return undefined;
      const connection = supervisor.openConnection();
      const forward = <E extends 'state' | 'log'>(event: E) =>
        connection.api.on(event, (payload) => this.#send(ws, this.#serialise(event, payload)));
      forward('state');
      forward('log');
      return connection;
    });
    opened.catch(() => ws.close(1011, 'the supervisor could not start'));
    const ready = Promise.all([opened, dispatchModule]);
    ready.catch(() => undefined);
    // A protocol fault (an oversized or malformed frame): ws closes the socket; it must not throw.
    ws.on('error', (error) => this.options.logger.warn('closed a page after a WebSocket error', { code: (error as { code?: unknown }).code ?? error.name }));
    ws.on('close', () => void opened.then((connection) => connection?.dispose(), () => undefined));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.options.logger.warn('rejected a binary WebSocket message');
        return;
      }
      const raw = safeJson(data.toString());
      if (answerPing(raw, (text) => ws.readyState === ws.OPEN && ws.send(text))) return;
      // Reactions run in registration order, so requests are dispatched in the order they came.
      void ready.then(
        ([connection, { dispatchRequest }]) => {
          if (!connection) return;
          void this.#requester.run(ws, () => dispatchRequest(connection.api, raw, this.options.logger)).then((response) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
            this.#pageAnswered();
          });
        },
        () => undefined,
      );
    });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
