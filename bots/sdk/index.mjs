// @ts-check
/**
 * RPA Supervisor bot SDK: plain ESM, no dependencies, no build step. Bots run with plain `node`.
 *
 * The supervisor starts each bot with RPA_BROKER_URL and RPA_RUN_SECRET in its environment. The
 * SDK asks the broker for the signed-in supervisor's access token every time it needs one, so a
 * re-authentication (a new token) reaches running bots without a restart. See docs/bots.md.
 *
 * Nothing here ever prints or throws the token: it is a non-enumerable property of the object
 * getAccessToken() returns, so console.log() and JSON.stringify() of that object leave it out.
 */
import { environmentFetch } from './proxy-fetch.mjs';
import process from 'node:process';
import { brokerTarget, requestText } from './broker-request.mjs';
import { brokerUnreachable, exitOnUnreachableBroker, supervisorGone } from './supervisor-gone.mjs';
export { ask, checkpoint, StopRequestedError } from './supervision.mjs';
export { SUPERVISOR_GONE_EXIT_CODE } from './supervisor-gone.mjs';

/** One long-poll is kept short (a proxy or idle timeout could cut a longer one); waitForSession chains them. */
const MAX_WAIT_CHUNK_MS = 120_000;

/**
 * Broker answers that mean "not now, wait": no usable session (re-authentication), the supervisor
 * is away, the run waits for approval, or (HCSS partner bots) its company's token is on its way or
 * refused until a person acts. waitForSession waits them out.
 */
const SESSION_CODES = new Set(['signed_out', 'session_expired', 'insufficient_validity', 'supervisor_absent', 'approval_pending', 'company_token_pending', 'company_unavailable']);

/** The codes above, for bots that catch a BotSdkError and decide to wait (see api-loop-bot). */
export const WAIT_CODES = Object.freeze([...SESSION_CODES]);

/** An SDK failure with a stable `code` (see docs/bots.md for the list). */
export class BotSdkError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{ status?: number; expiresAt?: number; reason?: string; cause?: unknown }} [details]
   */
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BotSdkError';
    /** @readonly */
    this.code = code;
    /** @readonly HTTP status from the broker, when there was one. */
    this.status = details.status;
    /** @readonly When the session's token expires (or expired), when the broker said. */
    this.expiresAt = details.expiresAt;
    /** @readonly `company_unavailable`: what HCSS answered (`company_consent_withdrawn`…), when the broker said. */
    this.reason = details.reason;
  }
}

/**
 * The run this process belongs to, from the environment the supervisor set.
 * @returns {{ runId: string | undefined; profileId: string | undefined; brokerUrl: string | undefined; supervised: boolean }}
 */
export function getRunContext() {
  const brokerUrl = process.env.RPA_BROKER_URL;
  return {
    runId: process.env.RPA_RUN_ID,
    profileId: process.env.RPA_PROFILE_ID,
    brokerUrl,
    supervised: Boolean(brokerUrl && process.env.RPA_RUN_SECRET),
  };
}

/**
 * Asks the broker for the current access token. Never cached: call it each time you need one.
 * @param {{ minValidityMs?: number; waitMs?: number }} [options]
 *   minValidityMs: refuse (code `insufficient_validity`) if less than this remains.
 *   waitMs: if there is no usable session, wait up to this long (max 5 min) for one.
 * @returns {Promise<import('./index.d.mts').AccessToken>}
 */
export async function getAccessToken(options = {}) {
  const brokerUrl = process.env.RPA_BROKER_URL;
  const secret = process.env.RPA_RUN_SECRET;
  if (!brokerUrl || !secret) {
    throw new BotSdkError('not_supervised', 'RPA_BROKER_URL and RPA_RUN_SECRET are not set; start this bot from RPA Supervisor.');
  }
  const minValidityMs = wholeMs(options.minValidityMs);
  const waitMs = wholeMs(options.waitMs);
  const broker = brokerTarget(brokerUrl);
  const path = `/v1/token?minValidityMs=${minValidityMs}${waitMs > 0 ? `&waitMs=${waitMs}` : ''}`;

  /** @type {{ status: number; text: string }} */
  let response;
  try {
    response = await requestText(broker, path, `RunSecret ${secret}`, waitMs + 30_000);
  } catch (error) {
    brokerUnreachable();
    throw new BotSdkError('broker_unreachable', `The RPA Supervisor token broker at ${broker.url.origin} did not answer.`, { cause: error });
  }
  /** @type {any} */
  let body;
  try {
    body = JSON.parse(response.text);
  } catch {
    body = undefined;
  }
  const ok = response.status >= 200 && response.status < 300;
  if (ok && body && typeof body.access_token === 'string') return accessTokenFrom(body);
  const code = body && typeof body.error === 'string' ? body.error : 'broker_error';
  const message = body && typeof body.message === 'string' ? body.message : `The token broker answered HTTP ${response.status}.`;
  throw new BotSdkError(code, message, {
    status: response.status,
    expiresAt: body && typeof body.expiresAt === 'number' ? body.expiresAt : undefined,
    reason: body && typeof body.reason === 'string' ? body.reason : undefined,
  });
}

/**
 * fetch() with `Authorization: Bearer <token>`. If the target answers 401, asks the broker for a
 * fresh token once and retries once (a re-authentication may have swapped the token). A body that
 * is a stream cannot be sent twice, so such requests are not retried.
 * @param {string | URL | Request} input
 * @param {RequestInit} [init]
 * @param {{ minValidityMs?: number }} [options]
 * @returns {Promise<Response>}
 */
export async function authorizedFetch(input, init = {}, options = {}) {
  const first = await fetchWithBearer(input, init, (await getAccessToken(options)).accessToken);
  if (first.status !== 401 || !isReplayable(input, init)) return first;
  await first.body?.cancel().catch(() => undefined);
  return fetchWithBearer(input, init, (await getAccessToken(options)).accessToken);
}

/**
 * Waits until the supervisor has a usable session (signed in, or re-authenticated after expiry),
 * using the broker's long-poll rather than polling. Throws `session_wait_timeout` after timeoutMs.
 * @param {{ timeoutMs?: number; minValidityMs?: number }} [options]
 * @returns {Promise<import('./index.d.mts').AccessToken>}
 */
export async function waitForSession(options = {}) {
  const timeoutMs = wholeMs(options.timeoutMs ?? 15 * 60_000);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = Math.max(0, deadline - Date.now());
    try {
      return await getAccessToken({ minValidityMs: options.minValidityMs, waitMs: Math.min(remaining, MAX_WAIT_CHUNK_MS) });
    } catch (error) {
      if (!(error instanceof BotSdkError) || !SESSION_CODES.has(error.code)) throw error;
      if (Date.now() >= deadline) {
        const why = error.reason === undefined ? error.code : `${error.code}: ${error.reason}`;
        throw new BotSdkError('session_wait_timeout', `No usable session within ${Math.round(timeoutMs / 1000)} s (${why}).`, {
          status: error.status,
          expiresAt: error.expiresAt,
          reason: error.reason,
          cause: error,
        });
      }
    }
  }
}

/**
 * The "supervisor died" rule: when RPA Supervisor goes away, the bot must stop. The supervisor
 * keeps the bot's stdin open as a pipe; if the supervisor dies, the OS closes it and we see EOF.
 * After this call, an unreachable broker also ends the process. Exits with code 75 and a message
 * on stderr. On stdin EOF (POSIX), it first kills its own process group, so the bot's children go
 * too; the bot then ends by SIGKILL rather than code 75, which nobody is left to read anyway.
 * Does nothing when the bot was not started by RPA Supervisor.
 * @param {{ onGone?: (reason: string) => void }} [options] onGone runs (synchronously) just before exit.
 * @returns {{ dispose(): void }}
 */
export function watchSupervisor(options = {}) {
  if (!getRunContext().supervised) return { dispose() {} };
  exitOnUnreachableBroker(true);
  const stdin = process.stdin;
  const onEnd = () => supervisorGone('stdin was closed', options.onGone, true);
  stdin.on('end', onEnd);
  stdin.on('close', onEnd);
  stdin.on('error', onEnd);
  // Reading is what lets 'end' arrive; the data itself is ignored.
  stdin.on('data', ignore);
  stdin.resume();
  // Watching must not keep an otherwise finished bot alive.
  /** @type {{ unref?: () => void }} */ (/** @type {unknown} */ (stdin)).unref?.();
  return {
    dispose() {
      exitOnUnreachableBroker(false);
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      stdin.off('error', onEnd);
      stdin.off('data', ignore);
      stdin.pause();
    },
  };
}

function ignore() {}

/**
 * @param {any} body
 * @returns {import('./index.d.mts').AccessToken}
 */
function accessTokenFrom(body) {
  const token = {
    tokenType: /** @type {'Bearer'} */ ('Bearer'),
    expiresAt: Number(body.expiresAt),
    profile: String(body.profile),
    company: typeof body.company === 'string' ? body.company : undefined,
    supervisor: body.supervisor && typeof body.supervisor.subject === 'string' ? body.supervisor : undefined,
  };
  // Non-enumerable: left out of console.log, util.inspect and JSON.stringify.
  Object.defineProperty(token, 'accessToken', { value: String(body.access_token), enumerable: false });
  return /** @type {import('./index.d.mts').AccessToken} */ (Object.freeze(token));
}

/**
 * @param {string | URL | Request} input
 * @param {RequestInit} init
 * @param {string} accessToken
 */
function fetchWithBearer(input, init, accessToken) {
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init.headers).forEach((value, name) => headers.set(name, value));
  headers.set('authorization', `Bearer ${accessToken}`);
  // Through the clinic's proxy when the supervisor passed one on (proxy-fetch.mjs).
  return environmentFetch().then((send) => send(input instanceof Request ? input.clone() : input, { ...init, headers }));
}

/**
 * @param {string | URL | Request} input
 * @param {RequestInit} init
 */
function isReplayable(input, init) {
  const body = init.body ?? (input instanceof Request ? input.body : null);
  return body === null || body === undefined || typeof body === 'string' || body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof Blob || body instanceof FormData;
}

/** @param {number | undefined} value */
function wholeMs(value) {
  return value === undefined || !Number.isFinite(value) || value < 0 ? 0 : Math.floor(value);
}

export { attach } from './attach.mjs';
export { withScreenshotOnFailure } from './screenshot-on-failure.mjs';
