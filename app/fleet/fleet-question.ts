import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { maxQuestionTimeoutMs, type QuestionOutcome, type QuestionRequest } from '../supervision/question-board.js';
import type { DesktopSigner } from './desktop-key.js';
import { signDesktopMessage, type DesktopEnvelope } from './desktop-message.js';
import type { ApprovedWorker } from './run-claim.js';
import { openSealedText, sealTo } from './sealed-box.js';

/** Worker → supervisor on `fleetChannels.questions`. */
export interface QuestionMessage {
  runId: string;
  askId: string;
  /** EdDSA JWS by the worker's key: the run, the ask id and the question. */
  signed: string;
}

/** Supervisor → worker on `fleetChannels.answers`. */
export interface AnswerMessage {
  runId: string;
  askId: string;
  workerId: string;
  /** JWE to the worker's X25519 key around a JWS by the desktop key: how the question ended, the answer inside. */
  sealed: string;
}

/** A signed question is good for this long: a copy replayed later opens nothing. */
export const questionSignatureLifetimeMs = 60_000;

/** The JWS `typ`, so a claim (same key, same algorithm) can never pass for a question. */
const questionType = 'rpa-fleet-question+jwt';

export const askIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

// Generous bounds for the wire; the question board cleans and bounds the text itself (S59).
const questionPayload = z.object({
  runId: z.string().min(1).max(200),
  askId: z.string().regex(askIdPattern),
  question: z.string().min(1).max(20_000),
  choices: z.array(z.string().max(2000)).max(50).optional(),
  fields: z.array(z.object({ name: z.string().max(200), label: z.string().max(2000).optional(), multiline: z.boolean().optional() })).max(50).optional(),
  timeoutMs: z.number().int().min(1000).max(maxQuestionTimeoutMs),
});

const user = z.object({ subject: z.string(), name: z.string().optional() });
const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('answered'),
    answer: z.object({ choice: z.string().optional(), fields: z.record(z.string(), z.string()).optional(), text: z.string().optional() }),
    answeredBy: user,
    answeredAt: z.number(),
  }),
  z.object({ kind: z.literal('timedOut') }),
  z.object({ kind: z.literal('runFinished') }),
  z.object({ kind: z.literal('signedOut') }),
  z.object({ kind: z.literal('tooMany'), open: z.number().int().nonnegative() }),
]);
const answerBody = z.object({ askId: z.string(), outcome: outcomeSchema });

export type QuestionCheck =
  | { ok: true; worker: ApprovedWorker; runId: string; askId: string; request: QuestionRequest }
  | { ok: false; reason: 'unknown_worker' | 'bad_signature' | 'stale' | 'malformed' | 'wrong_run'; detail: string };

/** Signs a bot's question with the worker's Ed25519 key (the key its claims are signed with). */
export async function signFleetQuestion(question: { workerId: string; runId: string; askId: string; request: QuestionRequest; issuedAt: number }, privateKey: KeyObject): Promise<string> {
  const { request } = question;
  return new SignJWT({
    runId: question.runId,
    askId: question.askId,
    question: request.question,
    timeoutMs: request.timeoutMs,
    ...(request.choices ? { choices: request.choices } : {}),
    ...(request.fields ? { fields: request.fields } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: question.workerId, typ: questionType })
    .setSubject(question.workerId)
    .setIssuedAt(Math.floor(question.issuedAt / 1000))
    .setExpirationTime(Math.floor((question.issuedAt + questionSignatureLifetimeMs) / 1000))
    .sign(privateKey);
}

/**
 * Checks a question against the approved workers: known worker, signed by its own key, fresh, and
 * naming the run and ask id the message names. Nothing in it is trusted before the signature.
 */
export async function checkFleetQuestion(message: QuestionMessage, approved: (workerId: string) => ApprovedWorker | undefined, now: number): Promise<QuestionCheck> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(message.signed).kid;
  } catch {
    return { ok: false, reason: 'bad_signature', detail: 'the question is not a signed token' };
  }
  const worker = kid === undefined ? undefined : approved(kid);
  if (worker === undefined) return { ok: false, reason: 'unknown_worker', detail: `worker ${kid ?? '(unnamed)'} is not approved` };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(message.signed, createPublicKey(worker.publicKeyPem), { algorithms: ['EdDSA'], subject: worker.workerId, typ: questionType, currentDate: new Date(now) }));
  } catch (error) {
    const stale = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED';
    return stale ? { ok: false, reason: 'stale', detail: 'the question has expired' } : { ok: false, reason: 'bad_signature', detail: `the question is not signed by ${worker.name}'s key` };
  }
  const parsed = questionPayload.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: 'malformed', detail: 'the question does not have the expected shape' };
  const { runId, askId, question, choices, fields, timeoutMs } = parsed.data;
  if (runId !== message.runId || askId !== message.askId) return { ok: false, reason: 'wrong_run', detail: 'the signed question names another run or question' };
  return { ok: true, worker, runId, askId, request: { question, timeoutMs, ...(choices ? { choices } : {}), ...(fields ? { fields } : {}) } };
}

/**
 * How a question ended, signed by the desktop key and then sealed to the asking worker's X25519
 * key: Redis and other workers see ciphertext, and the worker takes it only from the desktop it
 * pinned (someone who can write Redis has the worker's public key, never the desktop's private one).
 */
export async function sealQuestionOutcome(sealed: { workerId: string; runId: string; askId: string; outcome: QuestionOutcome }, workerLeasePublicKeyPem: string, desktop: DesktopSigner, now: number): Promise<string> {
  const signed = await signDesktopMessage(desktop, { kind: 'answer', workerId: sealed.workerId, runId: sealed.runId, body: { askId: sealed.askId, outcome: sealed.outcome } }, now);
  return sealTo(signed, workerLeasePublicKeyPem, sealed.workerId);
}

/** Opens an outcome on the worker; undefined unless it is signed by the pinned desktop, for this worker, this run and this question. */
export async function openQuestionOutcome(
  sealed: string,
  own: { workerId: string; leasePrivateKey: KeyObject },
  expected: { runId: string; askId: string },
  openSigned: (signed: string) => Promise<DesktopEnvelope | undefined>,
): Promise<QuestionOutcome | undefined> {
  const signed = await openSealedText(sealed, own.leasePrivateKey);
  if (signed === undefined) return undefined;
  const envelope = await openSigned(signed);
  if (envelope === undefined || envelope.workerId !== own.workerId || envelope.runId !== expected.runId) return undefined;
  const parsed = answerBody.safeParse(envelope.body);
  if (!parsed.success || parsed.data.askId !== expected.askId) return undefined;
  return parsed.data.outcome as QuestionOutcome;
}
