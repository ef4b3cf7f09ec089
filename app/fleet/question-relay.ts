import type { Redis } from 'ioredis';
import type { Disposable } from '../common/contract.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { QuestionBoard, QuestionContext, QuestionOutcome } from '../supervision/question-board.js';
import { fleetChannels, parseMessage } from './fleet-channels.js';
import type { DesktopSigner } from './desktop-key.js';
import type { FleetCoordinator } from './fleet-coordinator.js';
import { checkFleetQuestion, questionSignatureLifetimeMs, sealQuestionOutcome, type AnswerMessage, type QuestionMessage } from './fleet-question.js';
import type { RemoteRuns } from './remote-runs.js';
import { within, type StopIntent } from './remote-run.js';
import type { ApprovedWorker } from './run-claim.js';

export interface QuestionRelayDeps {
  /** Commands (PUBLISH). */
  redis: Pick<Redis, 'publish'>;
  /** A connection used only for SUBSCRIBE. */
  subscriber: Redis;
  /** The desktop's own question board: a remote bot's question is answered there like a local one. */
  board: Pick<QuestionBoard, 'ask' | 'closeForRun'>;
  approved: (workerId: string) => ApprovedWorker | undefined;
  coordinator: Pick<FleetCoordinator, 'workerOf' | 'onDidChange'>;
  runs: Pick<RemoteRuns, 'isLive' | 'get' | 'ticket' | 'onDidRunEvent'>;
  profileName: (profileId: string) => string;
  clock: Clock;
  logger: Logger;
  /** Signs each outcome, so a worker takes answers from this desktop only. */
  desktopKey: DesktopSigner;
}

interface Relayed {
  runId: string;
  /** Resolves once the outcome has been published to the worker. */
  replied: Promise<void>;
}

/**
 * The supervisor's side of bots' questions on workers (docs/fleet.md, "Questions"): a question
 * signed by an approved worker that holds the run opens on the same question board as a local
 * one, with the worker's name; how it ends goes back signed by the desktop key and sealed to that
 * worker's key, so an answer is never in Redis in clear and cannot be made up by someone writing Redis. Anything forged, stale, replayed or about a run the worker does not
 * hold is dropped and logged with `fleet_question_refused`, never shown.
 */
export class QuestionRelay {
  readonly #deps: QuestionRelayDeps;
  /** Ask ids already opened, with when: a replayed message opens nothing (pruned after the signature's lifetime). */
  readonly #seen = new Map<string, number>();
  readonly #relayed = new Map<string, Relayed>();
  readonly #subscriptions: Disposable[] = [];
  #closed = false;

  constructor(deps: QuestionRelayDeps) {
    this.#deps = deps;
  }

  async start(): Promise<void> {
    const { subscriber, coordinator, runs, board } = this.#deps;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel === fleetChannels.questions) void this.#onQuestion(text);
    });
    await subscriber.subscribe(fleetChannels.questions);
    this.#subscriptions.push(
      // Sign-out, expiry, removal and the kill switch withdraw the lease: nobody will answer for that run.
      // A lease withdrawn while the supervisor is away comes back with them, and so may the answer.
      coordinator.onDidChange((event) => {
        if (event.kind === 'revoked' && event.suspended !== true) for (const runId of event.runIds) board.closeForRun(runId, 'signedOut');
      }),
      runs.onDidRunEvent((event) => {
        if (event.type === 'ended') board.closeForRun(event.run.id, 'runFinished');
      }),
    );
  }

  /**
   * A claimed run is about to be told to stop: its questions close first, and their outcomes are
   * published before the stop, so the bot hears why (the worker reads its channels in order).
   * Bounded: with Redis away the stop is not held back by it.
   */
  async beforeStop(runId: string, intent: StopIntent): Promise<void> {
    const supervisionEnded = intent.haltedBy === 'signOut' || intent.haltedBy === 'expiry';
    this.#deps.board.closeForRun(runId, supervisionEnded ? 'signedOut' : 'runFinished');
    const replies = [...this.#relayed.values()].filter((relayed) => relayed.runId === runId).map((relayed) => relayed.replied);
    if (replies.length > 0) await within(Promise.all(replies), 2000, this.#deps.clock);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const subscription of this.#subscriptions.splice(0)) subscription.dispose();
    await this.#deps.subscriber.unsubscribe(fleetChannels.questions).catch(() => undefined);
  }

  async #onQuestion(text: string): Promise<void> {
    const message = parseMessage<QuestionMessage>(text);
    if (message === undefined || typeof message.runId !== 'string' || typeof message.askId !== 'string' || typeof message.signed !== 'string') return this.#drop(undefined, 'the message is not a question');
    const now = this.#deps.clock.now();
    const check = await checkFleetQuestion(message, this.#deps.approved, now);
    if (!check.ok) return this.#drop(message.runId, check.detail);
    const { worker, runId, askId } = check;
    this.#prune(now);
    if (this.#seen.has(askId)) return this.#drop(runId, 'the question was sent before (a replay)');
    if (this.#deps.coordinator.workerOf(runId)?.workerId !== worker.workerId) return this.#drop(runId, `${worker.name} does not hold this run`);
    const context = this.#context(runId);
    if (context === undefined || this.#closed) return this.#drop(runId, 'the run is not live on this supervisor');
    this.#seen.set(askId, now);
    const { outcome } = this.#deps.board.ask({ ...context, workerName: worker.name }, check.request);
    const replied = outcome.then((ended) => this.#reply(worker, runId, askId, ended)).finally(() => this.#relayed.delete(askId));
    this.#relayed.set(askId, { runId, replied });
    await replied;
  }

  async #reply(worker: ApprovedWorker, runId: string, askId: string, outcome: QuestionOutcome): Promise<void> {
    try {
      const sealed = await sealQuestionOutcome({ workerId: worker.workerId, runId, askId, outcome }, worker.leasePublicKeyPem, this.#deps.desktopKey, this.#deps.clock.now());
      const message: AnswerMessage = { runId, askId, workerId: worker.workerId, sealed };
      await this.#deps.redis.publish(fleetChannels.answers, JSON.stringify(message));
    } catch (error) {
      // The worker's own timer answers the bot (`timedOut`) if this never arrives.
      this.#deps.logger.warn('A question outcome could not be sent to its worker', { runId, worker: worker.workerId, error: String(error) });
    }
  }

  #context(runId: string): QuestionContext | undefined {
    const { runs } = this.#deps;
    const view = runs.isLive(runId) ? runs.get(runId) : undefined;
    if (view === undefined) return undefined;
    const company = runs.ticket(runId)?.company;
    return { runId, botId: view.botId, botName: view.botName, profileId: view.profileId, profileName: this.#deps.profileName(view.profileId), ...(company ? { company } : {}) };
  }

  #drop(runId: string | undefined, detail: string): void {
    const error = supervisorError('fleet_question_refused', detail);
    this.#deps.logger.warn('A question from a worker was dropped', { code: error.code, runId, detail });
  }

  #prune(now: number): void {
    for (const [askId, at] of this.#seen) if (now - at > questionSignatureLifetimeMs * 2) this.#seen.delete(askId);
  }
}
