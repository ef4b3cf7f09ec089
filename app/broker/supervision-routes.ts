import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Disposable } from '../common/contract.js';
import type { Clock } from '../ports/clock.js';
import { maxQuestionTimeoutMs, type QuestionOutcome, type QuestionRequest } from '../supervision/question-board.js';
import { deny, runFinished, type DenyAnswer } from './broker-denial.js';
import type { SecretLookup } from './run-secrets.js';
import type { SupervisionGate } from './supervision-gate.js';

/** What a parked request waits for; the run's view shows it (waiting for sign-in, for the supervisor, paused). */
export type ParkReason = 'signIn' | 'company' | 'approval' | 'presence' | 'answer' | 'checkpoint';

/** The broker's side the routes use: answers, refusals and the park registry. */
export interface RouteContext {
  gate: SupervisionGate;
  clock: Clock;
  maxWaitMs: number;
  sendJson(res: ServerResponse, status: number, body: unknown): void;
  deny(res: ServerResponse, answer: DenyAnswer, closeConnection?: boolean, runId?: string): void;
  park(runId: string, reason: ParkReason): () => void;
  /** A run's secret was revoked (its run ended, or was halted: the session ended, the supervisor left). */
  onRunRevoked(listener: (runId: string) => void): Disposable;
  lookup(authorization: string | undefined): SecretLookup;
  suspicious(message: string): void;
}

/**
 * The routes that are not plain GETs: the page-only paths (refused, S57) and `POST /v1/ask`.
 * Returns true when it answered the request.
 */
export function routeSupervisionPost(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (pageOnlyPath.test(path)) {
    // S57: answers, approvals and attestations come only from the page; the try is audited.
    const found = ctx.lookup(req.headers.authorization);
    ctx.suspicious('Token broker refused a bot acting for the supervisor');
    ctx.deny(res, deny(403, 'supervisor_only', 'Only the supervisor, in RPA Supervisor, can answer, approve or attest.'), true, found.kind === 'invalid' ? undefined : found.runId);
    return true;
  }
  if (path !== '/v1/ask') return false;
  if (req.method !== 'POST') {
    ctx.deny(res, deny(405, 'method_not_allowed', 'Ask with POST.'), true);
    return true;
  }
  const found = ctx.lookup(req.headers.authorization);
  if (found.kind === 'invalid') ctx.deny(res, deny(401, 'invalid_secret', 'Missing or unknown run secret.'), true);
  else if (found.kind === 'finished') ctx.deny(res, runFinished(), true, found.runId);
  else void handleAsk(ctx, req, res, found);
  return true;
}

/**
 * Paths only the page may act on. A bot (or anything holding a run secret) that tries them is
 * refused with `supervisor_only`, and the refusal is audited (S57): answers, approvals and
 * attestations travel only as contract commands over the page's authenticated transport.
 */
export const pageOnlyPath = /^\/v1\/(?:answer|answers|approve|approval|approvals|refuse|attest|attestation|presence|questions\/[^/]+\/answer)(?:\/.*)?$/;

/** Bodies of `/v1/ask` larger than this are refused; text inside is bounded by the question board. */
export const maxAskBodyBytes = 2 * 1024 * 1024;

/**
 * `GET /v1/checkpoint?waitMs=N`: `200 {"action":"continue"}` at once; while the run is paused
 * (or the supervisor is away) the request is held up to `waitMs`, then `200 {"action":"hold"}`;
 * a requested safe stop answers `409 {"error":"stop_requested"}` once. A held request whose run's
 * secret is revoked meanwhile (a sign-out halts a paused run) is answered `401 run_finished` then,
 * so the bot hears it is over instead of holding on until its wait ends.
 */
export function handleCheckpoint(ctx: RouteContext, res: ServerResponse, run: { runId: string; profileId: string }, waitMs: number): void {
  const answer = () => ctx.gate.checkpoint(run.runId, run.profileId);
  const send = (action: ReturnType<typeof answer>) => {
    if (res.writableEnded || res.destroyed) return;
    if (action === 'stop') return ctx.deny(res, deny(409, 'stop_requested', 'The operator asked this run to stop at its next safe point: clean up and exit.'), false, run.runId);
    ctx.sendJson(res, 200, { action });
  };
  const first = answer();
  if (first !== 'hold' || waitMs === 0) return send(first);
  const unpark = ctx.park(run.runId, 'checkpoint');
  let done = false;
  const release = (): boolean => {
    if (done) return false;
    done = true;
    subscription.dispose();
    revocation.dispose();
    timer.dispose();
    unpark();
    return true;
  };
  const finish = (action: ReturnType<typeof answer>) => {
    if (release()) send(action);
  };
  const subscription = ctx.gate.onDidChange(() => {
    const next = answer();
    if (next !== 'hold') finish(next);
  });
  const revocation = ctx.onRunRevoked((runId) => {
    if (runId === run.runId && release() && !res.writableEnded && !res.destroyed) ctx.deny(res, runFinished(), false, run.runId);
  });
  const timer = ctx.clock.setTimer(() => finish(answer()), Math.min(waitMs, ctx.maxWaitMs));
  res.once('close', release);
}

/**
 * `POST /v1/ask` with a JSON body `{ question, choices?, fields?, timeoutMs }`: held until the
 * supervisor answers in the page, then `200 { answer, answeredBy, answeredAt }`; or
 * `408 question_timed_out`, `410 run_finished`, `409 signed_out`, or at once `429 too_many_questions`
 * when the run already has its limit of questions open (docs/bots.md).
 */
export async function handleAsk(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, run: { runId: string }): Promise<void> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) return ctx.deny(res, deny(415, 'invalid_request', 'Send the question as application/json.'), true, run.runId);
  const body = await readBody(req, maxAskBodyBytes);
  if (body === undefined) return ctx.deny(res, deny(413, 'invalid_request', `The question is larger than ${maxAskBodyBytes} bytes.`), true, run.runId);
  const request = parseQuestion(body);
  if (typeof request === 'string') return ctx.deny(res, deny(400, 'invalid_request', request), false, run.runId);
  // A bot that hangs up (its process ended, its client gave up) closes its question at once: an
  // answer given after that would reach nobody, yet be audited as if the bot had acted on it.
  const hungUp = new AbortController();
  const hangUp = () => hungUp.abort();
  res.once('close', hangUp);
  if (res.destroyed) hungUp.abort();
  const outcome = ctx.gate.ask(run.runId, request, hungUp.signal);
  if (!outcome) {
    res.off('close', hangUp);
    return ctx.deny(res, deny(410, 'run_finished', 'This run has finished; nobody will answer.'), false, run.runId);
  }
  const unpark = ctx.park(run.runId, 'answer');
  let result: QuestionOutcome;
  try {
    result = await outcome;
  } finally {
    res.off('close', hangUp);
    unpark();
  }
  if (res.writableEnded || res.destroyed) return;
  switch (result.kind) {
    case 'answered':
      return ctx.sendJson(res, 200, { answer: result.answer, answeredBy: result.answeredBy, answeredAt: result.answeredAt });
    case 'timedOut':
      return unanswered(ctx, res, deny(408, 'question_timed_out', 'Nobody answered within the time the bot allowed.'));
    case 'signedOut':
      return unanswered(ctx, res, deny(409, 'signed_out', 'The supervisor signed out before answering.'));
    case 'runFinished':
      return unanswered(ctx, res, deny(410, 'run_finished', 'This run has finished; nobody will answer.'));
    case 'botLeft':
      return;
    case 'tooMany':
      // Refused, never asked: audited as a refusal (bursts rolled up), not as a question.
      return ctx.deny(res, deny(429, 'too_many_questions', `This run already has ${result.open} questions waiting for the supervisor: wait for an answer before asking again.`), false, run.runId);
  }
}

/**
 * A question that closed unanswered: the same body as a refusal, but not reported as one. The
 * question board already audits "closed unanswered" with the reason; a broker denial would add a
 * "Token request refused" record in the supervisor's name for a request nobody refused.
 */
function unanswered(ctx: RouteContext, res: ServerResponse, answer: DenyAnswer): void {
  ctx.sendJson(res, answer.status, { error: answer.code, message: answer.message });
}

/** The body, or undefined past `limit`: reading stops there, and the refusal reads the rest (bounded). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (text: string | undefined) => {
      req.off('data', take);
      req.off('end', ended);
      resolve(text);
    };
    const take = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= limit) return;
      req.pause();
      settle(undefined);
    };
    const ended = () => settle(Buffer.concat(chunks).toString('utf8'));
    req.on('data', take);
    req.on('end', ended);
    req.on('error', () => settle(undefined));
  });
}

function parseQuestion(text: string): QuestionRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'The body is not JSON.';
  }
  if (typeof value !== 'object' || value === null) return 'The body must be a JSON object.';
  const body = value as Record<string, unknown>;
  if (typeof body.question !== 'string' || body.question.trim() === '') return '`question` must be a non-empty string.';
  if (typeof body.timeoutMs !== 'number' || !Number.isInteger(body.timeoutMs) || body.timeoutMs < 1000 || body.timeoutMs > maxQuestionTimeoutMs) {
    return `\`timeoutMs\` must be a whole number of milliseconds from 1000 to ${maxQuestionTimeoutMs}.`;
  }
  const choices = body.choices;
  if (choices !== undefined && (!Array.isArray(choices) || choices.some((choice) => typeof choice !== 'string'))) return '`choices` must be an array of strings.';
  const fields = body.fields;
  if (fields !== undefined && (!Array.isArray(fields) || fields.some((field) => typeof field !== 'object' || field === null || typeof (field as { name?: unknown }).name !== 'string'))) {
    return '`fields` must be an array of { name, label?, multiline? }.';
  }
  return {
    question: body.question,
    timeoutMs: body.timeoutMs,
    ...(choices === undefined ? {} : { choices: choices as string[] }),
    ...(fields === undefined
      ? {}
      : {
          fields: (fields as Record<string, unknown>[]).map((field) => ({
            name: String(field.name),
            ...(typeof field.label === 'string' ? { label: field.label } : {}),
            ...(field.multiline === true ? { multiline: true } : {}),
          })),
        }),
  };
}
