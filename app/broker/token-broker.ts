import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Disposable } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import type { SessionAccess } from '../bots/session-access.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { listenForBots } from './listen-for-bots.js';
import { deny, runFinished, statusForTokenDenial, supervisionDenials, type BrokerDenial, type DenyAnswer } from './broker-denial.js';
import { uploadArtifact, type ArtifactIntake } from './artifact-upload.js';
import { parseMs, parseRunSecret, sendGrant, sendJson } from './broker-http.js';
import { ParkedRequests } from './parked-requests.js';
import { isFinalRefusal, TokenWaiters, type BrokerAnswer } from './token-waiters.js';
import type { SupervisionGate } from './supervision-gate.js';
import { handleCheckpoint, routeSupervisionPost, type ParkReason, type RouteContext } from './supervision-routes.js';
import { RunSecrets } from './run-secrets.js';
import { defaultRefusedBodyLimits, sendJsonThenDiscardBody, type RefusedBodyLimits } from './refused-body.js';

export type { ArtifactIntake } from './artifact-upload.js';

export interface TokenBrokerDeps {
  sessions: SessionAccess;
  clock: Clock;
  logger: Logger;
  /** Upper bound for `waitMs`; larger requests are capped. */
  maxWaitMs?: number;
  /** Where `POST /v1/artifacts` stores a run's files (docs/bots.md, `attach`); without it the path is unknown. */
  artifacts?: ArtifactIntake;
  /** Approvals, presence, questions, pause (app/supervision/); without it tokens are served on the session alone. */
  gate?: SupervisionGate;
  /** How much of a refused request's body is read and thrown away so the refusal arrives (refused-body.ts). */
  refusedBodies?: RefusedBodyLimits;
}

/** The longest a bot may long-poll for re-authentication in one request. */
export const defaultMaxWaitMs = 5 * 60 * 1000;
/** A bot may not ask for more validity than a token can have (24 h) plus slack. */
const maxMinValidityMs = 48 * 60 * 60 * 1000;

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
  readonly #maxWaitMs: number;
  readonly #parked = new ParkedRequests();
  readonly #waiters: TokenWaiters;
  #server: Server | undefined;
  #port: number | undefined;
  #sessionSubscription: Disposable | undefined;
  // The logger is read when a listener throws, long after construction.
  readonly #denials = new ListenerSet<BrokerDenial>((error) => this.#deps.logger.error('Broker denial listener failed', { error: String(error) }));
  /** Held checkpoints listen here: a revoked run's is answered at once (supervision-routes.ts). */
  readonly #revoked = new ListenerSet<string>();

  constructor(deps: TokenBrokerDeps) {
    this.#deps = deps;
    this.#maxWaitMs = deps.maxWaitMs ?? defaultMaxWaitMs;
    this.#waiters = new TokenWaiters({ clock: deps.clock, parked: this.#parked, ask: this.#ask.bind(this), answer: this.#answer.bind(this) });
  }

  async start(): Promise<void> {
    if (this.#server) return;
    // requireHostHeader off: a request without Host reaches our own check and is audited as a 403.
    const server = createServer({ requireHostHeader: false }, (req, res) => this.#handle(req, res));
    // Bots reconnect often; keep their sockets open between requests.
    server.keepAliveTimeout = 30_000;
    server.headersTimeout = 35_000;
    await listenForBots(server, this.#deps.logger);
    server.on('clientError', (_error, socket) => socket.destroy());
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    const session = this.#deps.sessions.onDidChange((profileId) => this.#waiters.sessionChanged(profileId));
    const gate = this.#deps.gate?.onDidChange(() => this.#waiters.everythingChanged());
    this.#sessionSubscription = { dispose: () => (session.dispose(), gate?.dispose()) };
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
    this.#waiters.runRevoked(runId);
    this.#revoked.emit(runId);
  }

  /** Token requests parked in a `waitMs` long-poll right now (for diagnostics and tests). */
  get waitingCount(): number {
    return this.#waiters.count;
  }

  /** What the run's parked requests wait for, most telling first; undefined when none is parked. */
  parkedReason(runId: string): ParkReason | undefined {
    return this.#parked.reason(runId);
  }

  /** A run's parked requests changed (see `parkedReason`). */
  onDidParkChange(listener: (runId: string) => void): Disposable {
    return this.#parked.onDidChange(listener);
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
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const { artifacts } = this.#deps;
    if (path === '/v1/artifacts' && artifacts) {
      const lookup = (presented: string | undefined) => this.#secrets.lookup(presented);
      return void uploadArtifact({ deny: this.#deny.bind(this), lookup, logger: this.#deps.logger }, req, res, artifacts);
    }
    const gate = this.#deps.gate;
    if (gate && routeSupervisionPost(this.#routeContext(gate), req, res, path)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.#suspicious('Token broker refused a non-GET request');
      res.setHeader('Allow', 'GET, HEAD');
      return this.#deny(res, deny(405, 'method_not_allowed', 'Only GET is supported.'), true);
    }
    const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
    if (hasBody) return this.#deny(res, deny(400, 'body_not_allowed', 'Requests must not have a body.'), true);

    if (path !== '/v1/token' && !(path === '/v1/checkpoint' && gate)) return this.#deny(res, deny(404, 'not_found', 'Unknown path; use /v1/token.'));

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
    if (path === '/v1/checkpoint' && gate) return handleCheckpoint(this.#routeContext(gate), res, found, waitMs);

    const answer = this.#ask(found.runId, found.profileId, minValidityMs, found.company);
    const boundedWaitMs = Math.min(waitMs, this.#maxWaitMs);
    if (answer.kind === 'grant' || boundedWaitMs === 0 || isFinalRefusal(answer)) return this.#answer(res, answer, found.runId);
    this.#waiters.wait(res, found.runId, found.profileId, found.company, minValidityMs, boundedWaitMs);
  }

  #ask(runId: string, profileId: string, minValidityMs: number, company?: string): BrokerAnswer {
    const hold = this.#deps.gate?.hold(runId, profileId);
    if (hold) return supervisionDenials[hold]();
    const grant = this.#deps.sessions.tokenFor(profileId, minValidityMs, company);
    if (grant.ok) return { kind: 'grant', grant };
    const reason = grant.reason === undefined ? {} : { reason: grant.reason };
    return { kind: 'deny', status: statusForTokenDenial[grant.code] ?? 401, code: grant.code, message: grant.message, expiresAt: grant.expiresAt, ...reason };
  }

  #answer(res: ServerResponse, answer: BrokerAnswer, runId: string): void {
    if (answer.kind === 'deny') return this.#deny(res, answer, false, runId);
    sendGrant(res, answer.grant, this.#deps.clock.now());
  }

  #deny(res: ServerResponse, answer: DenyAnswer, closeConnection = false, runId?: string): void {
    this.#denials.emit(runId === undefined ? { code: answer.code } : { runId, code: answer.code });
    if (res.headersSent || res.writableEnded || res.destroyed) return;
    const body = {
      error: answer.code,
      message: answer.message,
      ...(answer.expiresAt === undefined ? {} : { expiresAt: answer.expiresAt }),
      ...(answer.reason === undefined ? {} : { reason: answer.reason }),
    };
    // A body left unread would be parsed as the next request: the connection ends, once the body is read.
    if (closeConnection) return sendJsonThenDiscardBody(res, answer.status, body, this.#deps.refusedBodies ?? defaultRefusedBodyLimits, this.#deps.clock);
    sendJson(res, answer.status, body);
  }

  #routeContext(gate: SupervisionGate): RouteContext {
    const { clock } = this.#deps;
    const deny = this.#deny.bind(this);
    const [parked, secrets] = [this.#parked, this.#secrets];
    const lookup = (authorization: string | undefined) => secrets.lookup(parseRunSecret(authorization));
    return { gate, clock, maxWaitMs: this.#maxWaitMs, sendJson, deny, park: parked.park.bind(parked), onRunRevoked: (listener) => this.#revoked.add(listener), lookup, suspicious: this.#suspicious.bind(this) };
  }

  #suspicious(message: string): void {
    this.#deps.logger.warn(message);
  }
}
