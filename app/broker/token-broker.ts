import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { SessionAccess, TokenGrant } from '../bots/session-access.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { deny, runFinished, statusForTokenDenial, type BrokerDenial, type DenyAnswer } from './broker-denial.js';
import { RunSecrets } from './run-secrets.js';

export interface TokenBrokerDeps {
  sessions: SessionAccess;
  clock: Clock;
  logger: Logger;
  /** Upper bound for `waitMs`; larger requests are capped. */
  maxWaitMs?: number;
  /** Where `POST /v1/artifacts` stores a run's files (docs/bots.md, `attach`); without it the path is unknown. */
  artifacts?: ArtifactIntake;
}

/** The broker's view of the artifact store: a run's upload, and the catalogue code when it is refused. */
export interface ArtifactIntake {
  attach(request: { runId: string; profileId: string; name: string; kind: 'screenshot' | 'file' }, body: AsyncIterable<Uint8Array>): Promise<{ id: string; name: string; bytes: number }>;
}

/** The longest a bot may long-poll for re-authentication in one request. */
export const defaultMaxWaitMs = 5 * 60 * 1000;
/** A bot may not ask for more validity than a token can have (24 h) plus slack. */
const maxMinValidityMs = 48 * 60 * 60 * 1000;

interface Waiter {
  runId: string;
  profileId: string;
  company: string | undefined;
  minValidityMs: number;
  settle: (answer: Answer) => void;
}

type Answer = { kind: 'grant'; grant: Extract<TokenGrant, { ok: true }> } | DenyAnswer;

/**
 * Hands the signed-in supervisor's access token to the bots it started, over HTTP on 127.0.0.1.
 *
 * TCP loopback rather than a Unix socket or named pipe: every language a bot might be written in
 * (Node, Python, PowerShell, curl) speaks HTTP over TCP out of the box, and loopback is not
 * reachable from other machines. What TCP loses — any local process can connect — is covered by
 * the per-run secret; what a browser could do is covered by the Host check (DNS rebinding), the
 * refusal of any Origin header or non-GET method (CSRF), and never sending CORS headers.
 *
 * Protocol (docs/bots.md): `GET /v1/token?minValidityMs=N&waitMs=M` with
 * `Authorization: RunSecret <secret>`.
 */
export class TokenBroker {
  readonly #deps: TokenBrokerDeps;
  readonly #secrets = new RunSecrets();
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #maxWaitMs: number;
  #server: Server | undefined;
  #port: number | undefined;
  #sessionSubscription: Disposable | undefined;
  // The logger is read when a listener throws, long after construction.
  readonly #denials = new ListenerSet<BrokerDenial>((error) => this.#deps.logger.error('Broker denial listener failed', { error: String(error) }));

  constructor(deps: TokenBrokerDeps) {
    this.#deps = deps;
    this.#maxWaitMs = deps.maxWaitMs ?? defaultMaxWaitMs;
  }

  async start(): Promise<void> {
    if (this.#server) return;
    // requireHostHeader off: a request without Host reaches our own check and is audited as a 403.
    const server = createServer({ requireHostHeader: false }, (req, res) => this.#handle(req, res));
    // Bots reconnect often; keep their sockets open between requests.
    server.keepAliveTimeout = 30_000;
    server.headersTimeout = 35_000;
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      // A large backlog so a burst of bots connecting at once is queued, not refused.
      server.listen({ host: '127.0.0.1', port: 0, backlog: 2048 }, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    this.#sessionSubscription = this.#deps.sessions.onDidChange((profileId) => this.#onSessionChange(profileId));
    this.#deps.logger.info('Token broker listening', { url: this.url });
  }

  /** Every refused request, for the audit trail. Never given the secret. */
  onDidDeny(listener: (denial: BrokerDenial) => void): Disposable {
    return this.#denials.add(listener);
  }

  get url(): string {
    if (this.#port === undefined) throw new Error('The token broker has not been started.');
    return `http://127.0.0.1:${this.#port}`;
  }

  /**
   * Issues the run's secret. The run may fetch tokens for `profileId` (for HCSS partner bots, the
   * `company` token) until `revokeRun`.
   */
  registerRun(runId: string, profileId: string, company?: string): string {
    return this.#secrets.issue(runId, profileId, company);
  }

  /** The secret stops working at once; a bot long-polling on it is answered `run_finished`. */
  revokeRun(runId: string): void {
    if (!this.#secrets.revoke(runId)) return;
    for (const waiters of this.#waiters.values()) {
      for (const waiter of [...waiters]) {
        if (waiter.runId === runId) waiter.settle(runFinished());
      }
    }
  }

  /** Requests parked in a `waitMs` long-poll right now (for diagnostics and tests). */
  get waitingCount(): number {
    let count = 0;
    for (const waiters of this.#waiters.values()) count += waiters.size;
    return count;
  }

  isRunLive(runId: string): boolean {
    return this.#secrets.isLive(runId);
  }

  async close(): Promise<void> {
    this.#sessionSubscription?.dispose();
    this.#sessionSubscription = undefined;
    for (const runId of this.#secrets.liveRunIds()) this.revokeRun(runId);
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    await new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      server.closeAllConnections();
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.#route(req, res);
    } catch (error) {
      this.#deps.logger.error('Token broker request failed', { error: error instanceof Error ? error.name : 'unknown' });
      this.#deny(res, { kind: 'deny', status: 500, code: 'internal_error', message: 'The broker failed; see the supervisor log.' });
    }
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends Host: evil.example.
    if (req.headers.host !== `127.0.0.1:${this.#port}`) {
      this.#suspicious('Token broker refused a request with a foreign Host header');
      return this.#deny(res, deny(403, 'forbidden_host', 'Use the broker URL exactly as given in RPA_BROKER_URL.'));
    }
    // Bots are not browsers; any Origin means a web page is trying to reach us.
    if (req.headers.origin !== undefined) {
      this.#suspicious('Token broker refused a request with an Origin header');
      return this.#deny(res, deny(403, 'origin_not_allowed', 'Browser requests are not allowed.'));
    }
    if (pathOf(req.url) === '/v1/artifacts' && this.#deps.artifacts) return void this.#upload(req, res, this.#deps.artifacts);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.#suspicious('Token broker refused a non-GET request');
      res.setHeader('Allow', 'GET, HEAD');
      return this.#deny(res, deny(405, 'method_not_allowed', 'Only GET is supported.'), true);
    }
    const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
    if (hasBody) return this.#deny(res, deny(400, 'body_not_allowed', 'Requests must not have a body.'), true);

    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    if (path !== '/v1/token') return this.#deny(res, deny(404, 'not_found', 'Unknown path; use /v1/token.'));

    const query = new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1));
    const minValidityMs = parseMs(query.get('minValidityMs'), maxMinValidityMs);
    const waitMs = parseMs(query.get('waitMs'), Number.MAX_SAFE_INTEGER);
    if (minValidityMs === undefined || waitMs === undefined) {
      return this.#deny(res, deny(400, 'invalid_request', 'minValidityMs and waitMs must be whole numbers of milliseconds.'));
    }

    const found = this.#secrets.lookup(parseRunSecret(req.headers.authorization));
    if (found.kind === 'invalid') {
      res.setHeader('WWW-Authenticate', 'RunSecret');
      return this.#deny(res, deny(401, 'invalid_secret', 'Missing or unknown run secret.'));
    }
    if (found.kind === 'finished') return this.#deny(res, runFinished(), false, found.runId);

    const answer = this.#ask(found.profileId, minValidityMs, found.company);
    const boundedWaitMs = Math.min(waitMs, this.#maxWaitMs);
    if (answer.kind === 'grant' || boundedWaitMs === 0) return this.#answer(res, answer, found.runId);
    this.#wait(res, found.runId, found.profileId, found.company, minValidityMs, boundedWaitMs);
  }

  /**
   * Long-poll: park the request until the session becomes usable (sign-in, re-authentication),
   * the run is revoked, or the bound passes. Driven by `onDidChange`, never by polling.
   */
  #wait(res: ServerResponse, runId: string, profileId: string, company: string | undefined, minValidityMs: number, waitMs: number): void {
    let settled = false;
    let waiters = this.#waiters.get(profileId);
    if (!waiters) {
      waiters = new Set();
      this.#waiters.set(profileId, waiters);
    }
    const set = waiters;
    const cleanup = () => {
      settled = true;
      timer.dispose();
      set.delete(waiter);
      if (set.size === 0 && this.#waiters.get(profileId) === set) this.#waiters.delete(profileId);
    };
    const waiter: Waiter = {
      runId,
      profileId,
      company,
      minValidityMs,
      settle: (answer) => {
        if (settled) return;
        cleanup();
        this.#answer(res, answer, runId);
      },
    };
    const timer = this.#deps.clock.setTimer(() => waiter.settle(this.#ask(profileId, minValidityMs, company)), waitMs);
    set.add(waiter);
    // The bot gave up (or died): forget it without answering.
    res.once('close', () => {
      if (!settled) cleanup();
    });
  }

  #onSessionChange(profileId: string): void {
    const waiters = this.#waiters.get(profileId);
    if (!waiters) return;
    for (const waiter of [...waiters]) {
      const answer = this.#ask(profileId, waiter.minValidityMs, waiter.company);
      if (answer.kind === 'grant') waiter.settle(answer);
    }
  }

  #ask(profileId: string, minValidityMs: number, company?: string): Answer {
    const grant = this.#deps.sessions.tokenFor(profileId, minValidityMs, company);
    if (grant.ok) return { kind: 'grant', grant };
    return { kind: 'deny', status: statusForTokenDenial[grant.code] ?? 401, code: grant.code, message: grant.message, expiresAt: grant.expiresAt };
  }

  #answer(res: ServerResponse, answer: Answer, runId: string): void {
    if (answer.kind === 'deny') return this.#deny(res, answer, false, runId);
    const { grant } = answer;
    sendJson(res, 200, {
      access_token: grant.accessToken,
      token_type: 'Bearer',
      expiresAt: grant.expiresAt,
      expires_in: Math.max(0, Math.floor((grant.expiresAt - this.#deps.clock.now()) / 1000)),
      profile: grant.profileId,
      ...(grant.company === undefined ? {} : { company: grant.company }),
      supervisor: grant.supervisor,
    });
  }

  #deny(res: ServerResponse, answer: DenyAnswer, closeConnection = false, runId?: string): void {
    this.#denials.emit(runId === undefined ? { code: answer.code } : { runId, code: answer.code });
    if (res.headersSent || res.writableEnded || res.destroyed) return;
    // Unread request bodies would otherwise be parsed as the next request on this socket.
    if (closeConnection) res.setHeader('Connection', 'close');
    sendJson(res, answer.status, {
      error: answer.code,
      message: answer.message,
      ...(answer.expiresAt === undefined ? {} : { expiresAt: answer.expiresAt }),
    });
  }

  /**
   * `POST /v1/artifacts?name=…&kind=screenshot|file` with the file as an `application/octet-stream`
   * body and the run secret: stored under the run (RunArtifacts checks the caps and screenshots).
   * A web page cannot send this: it has an Origin (refused above) and the content type needs a
   * CORS preflight, which gets no CORS headers.
   */
  async #upload(req: IncomingMessage, res: ServerResponse, artifacts: ArtifactIntake): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return this.#deny(res, deny(405, 'method_not_allowed', 'Use POST to attach a file.'), true);
    }
    if (req.headers['content-type'] !== 'application/octet-stream') {
      return this.#deny(res, deny(400, 'invalid_request', 'Send the file as application/octet-stream.'), true);
    }
    const found = this.#secrets.lookup(parseRunSecret(req.headers.authorization));
    if (found.kind === 'invalid') {
      res.setHeader('WWW-Authenticate', 'RunSecret');
      return this.#deny(res, deny(401, 'invalid_secret', 'Missing or unknown run secret.'), true);
    }
    if (found.kind === 'finished') return this.#deny(res, runFinished(), true, found.runId);
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const name = query.get('name') ?? '';
    const kind = query.get('kind') ?? 'file';
    if (name.length === 0 || name.length > 200 || (kind !== 'screenshot' && kind !== 'file')) {
      return this.#deny(res, deny(400, 'invalid_request', 'Give a name (up to 200 characters) and kind=screenshot or kind=file.'), true, found.runId);
    }
    try {
      const stored = await artifacts.attach({ runId: found.runId, profileId: found.profileId, name, kind }, req);
      sendJson(res, 201, { id: stored.id, name: stored.name, bytes: stored.bytes });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : 'The file was not kept.';
      if (code === 'screenshots_not_allowed') return this.#deny(res, deny(403, 'screenshots_not_allowed', message), true, found.runId);
      if (code === 'artifact_too_large') return this.#deny(res, deny(413, 'artifact_too_large', message), true, found.runId);
      this.#deps.logger.error('Storing an artifact failed', { runId: found.runId, error: error instanceof Error ? error.name : 'unknown' });
      this.#deny(res, deny(500, 'internal_error', 'The file could not be stored; see the supervisor log.'), true, found.runId);
    }
  }

  #suspicious(message: string): void {
    this.#deps.logger.warn(message);
  }
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const queryAt = raw.indexOf('?');
  return queryAt === -1 ? raw : raw.slice(0, queryAt);
}

function parseRunSecret(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^RunSecret +(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function parseMs(value: string | null, max: number): number | undefined {
  if (value === null || value === '') return 0;
  if (!/^\d{1,15}$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed <= max ? parsed : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  // For HEAD, Node sends the headers only.
  res.end(payload);
}
