import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Disposable } from '../../app/common/contract.js';
import { fleetChannels, parseMessage } from '../../app/fleet/fleet-channels.js';
import { openQuestionOutcome, signFleetQuestion, type AnswerMessage, type QuestionMessage } from '../../app/fleet/fleet-question.js';
import type { DesktopEnvelope } from '../../app/fleet/desktop-message.js';
import type { LeaseSessionAccess } from '../../app/fleet/lease-session-access.js';
import type { WorkerIdentity } from '../../app/fleet/worker-identity.js';
import type { Clock } from '../../app/ports/clock.js';
import type { Logger } from '../../app/ports/logger.js';
import { distinctChoices, distinctFieldNames, maxQuestionTimeoutMs, type QuestionOutcome, type QuestionRequest } from '../../app/supervision/question-board.js';
import { cleanQuestionText, questionLimits } from '../../app/supervision/question-text.js';

/**
 * How long past the bot's own timeout the worker waits for the supervisor's word before it
 * answers `timedOut` itself: the supervisor's timer starts a moment later, and an answer given in
 * its last second should still reach the bot.
 */
export const questionGraceMs = 2000;

export interface WorkerQuestionsDeps {
  identity: Pick<WorkerIdentity, 'fingerprint' | 'privateKey' | 'leasePrivateKey'>;
  /** Commands (PUBLISH). */
  redis: Pick<Redis, 'publish'>;
  /** The worker's pub/sub connection: the answers channel is added to it. */
  subscriber: Redis;
  /** A question is sent only while the run holds a live lease; one asked without waits for the next. */
  leases: Pick<LeaseSessionAccess, 'has' | 'onDidChange'>;
  clock: Clock;
  logger: Logger;
  /**
   * Secrets and the run's patient identifiers out of what a bot wrote: neither leaves the worker
   * (a question is signed, not sealed, so every Redis subscriber could read it).
   */
  redact: (runId: string, text: string) => string;
  /** Checks an outcome's signature against the pinned desktop key (DesktopTrust): a made-up answer never reaches the bot. */
  openSigned: (signed: string) => Promise<DesktopEnvelope | undefined>;
}

interface Pending {
  runId: string;
  askId: string;
  request: QuestionRequest;
  /** The bot's own choices and field names, index for index with the redacted ones sent. */
  offered: readonly string[];
  offeredFields: readonly string[];
  /** When the bot's own timeout ends. */
  expiresAt: number;
  sent: boolean;
  settle: (outcome: QuestionOutcome) => void;
}

/**
 * The worker's side of bots' questions (docs/fleet.md, "Questions"). A bot's `ask()` reaches the
 * worker's broker as on the desktop; here it is signed with the worker's key and published for
 * the supervisor, and the bot hears the outcome that comes back signed by the desktop key this
 * worker pinned and sealed to this worker (a forged one is refused; the real one still counts). The worker
 * keeps its own deadline, so a silent or dead supervisor never holds a bot past its timeout.
 */
export class WorkerQuestions {
  readonly #deps: WorkerQuestionsDeps;
  readonly #pending = new Map<string, Pending>();
  readonly #leaseSubscription: Disposable;

  constructor(deps: WorkerQuestionsDeps) {
    this.#deps = deps;
    this.#leaseSubscription = deps.leases.onDidChange((runId) => this.#sendWaiting(runId));
  }

  async start(): Promise<void> {
    const { subscriber } = this.#deps;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === fleetChannels.answers) void this.#onAnswer(text);
    });
    await subscriber.subscribe(fleetChannels.answers);
  }

  /** The broker's `POST /v1/ask` for a run this worker runs; resolves with how the question ended. */
  ask(runId: string, request: QuestionRequest): Promise<QuestionOutcome> {
    const askId = randomBytes(18).toString('base64url');
    const timeoutMs = Math.min(Math.max(1000, request.timeoutMs), maxQuestionTimeoutMs);
    const expiresAt = this.#deps.clock.now() + timeoutMs;
    return new Promise<QuestionOutcome>((resolve) => {
      const timer = this.#deps.clock.setTimer(() => pending.settle({ kind: 'timedOut' }), timeoutMs + questionGraceMs);
      const pending: Pending = {
        runId,
        askId,
        request: this.#forWire(runId, request),
        offered: request.choices?.slice(0, questionLimits.choices) ?? [],
        offeredFields: request.fields?.slice(0, questionLimits.fields).map((field) => field.name) ?? [],
        expiresAt,
        sent: false,
        settle: (outcome) => {
          if (!this.#pending.delete(askId)) return;
          timer.dispose();
          resolve(outcome);
        },
      };
      this.#pending.set(askId, pending);
      if (this.#deps.leases.has(runId)) void this.#send(pending);
    });
  }

  /** The run ended on this worker: its questions end with it. */
  runEnded(runId: string): void {
    for (const pending of [...this.#pending.values()]) if (pending.runId === runId) pending.settle({ kind: 'runFinished' });
  }

  close(): void {
    this.#leaseSubscription.dispose();
    for (const pending of [...this.#pending.values()]) pending.settle({ kind: 'runFinished' });
  }

  /** Bounded and redacted before it leaves: the board bounds it again, and nothing secret goes out. */
  #forWire(runId: string, request: QuestionRequest): QuestionRequest {
    const redact = (value: string) => this.#deps.redact(runId, value);
    const text = (value: string, max: number, multiline = false) => redact(cleanQuestionText(value, max, { multiline }));
    return {
      question: text(request.question, questionLimits.textChars, true),
      timeoutMs: request.timeoutMs,
      ...(request.choices ? { choices: distinctChoices(request.choices.slice(0, questionLimits.choices).map((choice) => text(choice, questionLimits.choiceChars))) } : {}),
      ...(request.fields ? { fields: wireFields(request.fields.slice(0, questionLimits.fields), text) } : {}),
    };
  }

  #sendWaiting(runId: string): void {
    if (!this.#deps.leases.has(runId)) return;
    for (const pending of this.#pending.values()) if (pending.runId === runId && !pending.sent) void this.#send(pending);
  }

  async #send(pending: Pending): Promise<void> {
    pending.sent = true;
    const { identity, clock } = this.#deps;
    const now = clock.now();
    // Sent late (the lease came back): the supervisor gets only the time the bot has left.
    const request = { ...pending.request, timeoutMs: Math.max(1000, pending.expiresAt - now) };
    try {
      const signed = await signFleetQuestion({ workerId: identity.fingerprint, runId: pending.runId, askId: pending.askId, request, issuedAt: now }, identity.privateKey);
      const message: QuestionMessage = { runId: pending.runId, askId: pending.askId, signed };
      await this.#deps.redis.publish(fleetChannels.questions, JSON.stringify(message));
    } catch (error) {
      // Redis away: the bot's own deadline still answers it.
      this.#deps.logger.warn('A bot question could not be sent to the supervisor', { runId: pending.runId, error: String(error) });
    }
  }

  async #onAnswer(text: string): Promise<void> {
    const message = parseMessage<AnswerMessage>(text);
    if (message === undefined || typeof message.askId !== 'string' || typeof message.sealed !== 'string') return;
    const pending = this.#pending.get(message.askId);
    // Other workers' answers pass by too; they are sealed to other keys.
    if (pending === undefined || message.workerId !== this.#deps.identity.fingerprint) return;
    const { identity } = this.#deps;
    const outcome = await openQuestionOutcome(message.sealed, { workerId: identity.fingerprint, leasePrivateKey: identity.leasePrivateKey }, { runId: pending.runId, askId: pending.askId }, this.#deps.openSigned);
    if (outcome === undefined) {
      this.#deps.logger.warn('An answer to a bot question could not be opened', { runId: pending.runId });
      return;
    }
    pending.settle(ownWords(outcome, pending));
  }
}

/**
 * Fields as they go out, redacted. Names that redaction made the same are numbered here, not left
 * to the board: the answer comes back keyed by the names sent, and maps to the bot's own by them.
 */
function wireFields(fields: NonNullable<QuestionRequest['fields']>, text: (value: string, max: number) => string): NonNullable<QuestionRequest['fields']> {
  const names = distinctFieldNames(fields.map((field) => text(field.name, 64)));
  return fields.map((field, index) => ({
    name: names[index] ?? '',
    ...(field.label === undefined ? {} : { label: text(field.label, questionLimits.labelChars) }),
    ...(field.multiline ? { multiline: true } : {}),
  }));
}

/** The supervisor answered the redacted question; the bot hears it in its own words: the choice it offered, its own field names. */
function ownWords(outcome: QuestionOutcome, pending: Pending): QuestionOutcome {
  if (outcome.kind !== 'answered') return outcome;
  const { choice, fields } = outcome.answer;
  if (choice !== undefined) {
    const picked = pending.offered[pending.request.choices?.indexOf(choice) ?? -1];
    return picked === undefined ? outcome : { ...outcome, answer: { ...outcome.answer, choice: picked } };
  }
  if (fields === undefined) return outcome;
  const sentNames = pending.request.fields?.map((field) => field.name) ?? [];
  const own = Object.entries(fields).map(([name, value]) => [pending.offeredFields[sentNames.indexOf(name)] ?? name, value]);
  return { ...outcome, answer: { ...outcome.answer, fields: Object.fromEntries(own) as typeof fields } };
}
