import { randomBytes } from 'node:crypto';
import type { Disposable, QuestionAnswer, QuestionView, UserView } from '../common/contract.js';
import { ListenerSet } from '../common/listener-set.js';
import { supervisorError } from '../error-catalogue.js';
import type { Clock } from '../ports/clock.js';
import { cleanQuestionText, questionLimits } from './question-text.js';

/** What the bot sent: checked by the broker for shape, cleaned and bounded here (S59). */
export interface QuestionRequest {
  question: string;
  choices?: string[];
  fields?: { name: string; label?: string; multiline?: boolean }[];
  timeoutMs: number;
}

/** Who the question is about, from the run. */
export interface QuestionContext {
  runId: string;
  botId: string;
  botName: string;
  profileId: string;
  profileName: string;
  company?: string;
  /** Fleet mode: the worker the bot runs on (docs/fleet.md, "Questions"). */
  workerName?: string;
}

/**
 * How a question ends, as the bot hears it (docs/bots.md, "Ask the supervisor"): answered, or
 * one of three distinct reasons it never will be.
 */
export type QuestionOutcome =
  | { kind: 'answered'; answer: QuestionAnswer; answeredBy: UserView; answeredAt: number }
  | { kind: 'timedOut' }
  | { kind: 'runFinished' }
  | { kind: 'signedOut' }
  /** The bot hung up on its question (its process ended, or its HTTP client gave up): nobody would read an answer. */
  | { kind: 'botLeft' }
  /** Refused before it was shown: the run already has `questionLimits.openPerRun` questions open. */
  | { kind: 'tooMany'; open: number };

/**
 * `recorded`: an answer as the audit trail may keep it: the choice as the page showed it, typed
 * text redacted like the question (the bot gets the answer as given).
 */
export type QuestionEvent =
  | { type: 'asked'; question: QuestionView }
  | { type: 'closed'; question: QuestionView; outcome: QuestionOutcome; recorded?: QuestionAnswer };

interface Open {
  view: QuestionView;
  /** The bot's own choices, index for index with the view's redacted ones: the bot gets what it offered. */
  choices: string[];
  /** The bot's own field names, index for index with the view's redacted ones. */
  fieldNames: string[];
  settle: (outcome: QuestionOutcome) => void;
  timer: Disposable;
  /** Stops listening for the bot hanging up. */
  unlisten: () => void;
}

/**
 * Redacts what a bot or a person wrote for the profile's patient-data settings and the known
 * secrets, as a run's output is (docs/bots.md, "Ask the supervisor").
 */
export type RedactText = (profileId: string, text: string) => string;

/** The longest a bot may wait for an answer to one question. */
export const maxQuestionTimeoutMs = 60 * 60_000;

/** Bots' open questions, each answered once by the page, or closed by time, the run's end, sign-out or the bot hanging up. */
export class QuestionBoard {
  readonly #clock: Clock;
  readonly #open = new Map<string, Open>();
  readonly #events: ListenerSet<QuestionEvent>;
  readonly #redact: RedactText;

  /**
   * `redact`: a question is bot output, shown and audited, so it passes the same redaction as the
   * run's log before anyone sees it (secrets, and patient identifiers per the profile).
   */
  constructor(options: { clock: Clock; redact?: RedactText; onListenerError?: (error: unknown) => void }) {
    this.#clock = options.clock;
    this.#redact = options.redact ?? ((_profileId, text) => text);
    this.#events = new ListenerSet(options.onListenerError);
  }

  /**
   * Opens a question; resolves when it is answered or closed. `hungUp`: aborted when the bot stops
   * waiting, which closes the question at once (`botLeft`), so nobody answers into the void.
   */
  ask(context: QuestionContext, request: QuestionRequest, hungUp?: AbortSignal): { id: string; outcome: Promise<QuestionOutcome> } {
    if (hungUp?.aborted) return { id: '', outcome: Promise.resolve({ kind: 'botLeft' }) };
    const open = [...this.#open.values()].filter((question) => question.view.runId === context.runId).length;
    // Never shown, notified or audited as asked: the bot hears why at once.
    if (open >= questionLimits.openPerRun) return { id: '', outcome: Promise.resolve({ kind: 'tooMany', open }) };
    const now = this.#clock.now();
    const id = `q-${randomBytes(8).toString('hex')}`;
    const timeoutMs = Math.min(Math.max(1000, request.timeoutMs), maxQuestionTimeoutMs);
    // Redacted as it will be shown: control characters between digit groups become spaces first,
    // so the redactor sees the number the page would show; bounded once redacted.
    const shown = (text: string, max: number, options: { multiline?: boolean } = {}) =>
      cleanQuestionText(this.#redact(context.profileId, cleanQuestionText(text, Number.POSITIVE_INFINITY, options)), max, options);
    const asked = (request.fields ?? []).slice(0, questionLimits.fields);
    // A name is the answer's key, the page's control id and part of the audit record: a bot that
    // names a box by patient has it redacted like a label, and names redaction made the same apart.
    const names = distinctFieldNames(asked.map((field) => shown(field.name, 64)));
    const fields = asked.map((field, index) => ({
      name: names[index] ?? '',
      label: shown(field.label ?? field.name, questionLimits.labelChars),
      ...(field.multiline ? { multiline: true } : {}),
    }));
    const choices = (request.choices ?? []).slice(0, questionLimits.choices).map((choice) => cleanQuestionText(choice, questionLimits.choiceChars));
    const view: QuestionView = {
      id,
      ...context,
      text: shown(request.question, questionLimits.textChars, { multiline: true }),
      choices: distinctChoices(choices.map((choice) => shown(choice, questionLimits.choiceChars))),
      fields,
      askedAt: now,
      expiresAt: now + timeoutMs,
    };
    const leave = () => this.#close(id, { kind: 'botLeft' });
    const unlisten = () => hungUp?.removeEventListener('abort', leave);
    const outcome = new Promise<QuestionOutcome>((resolve) => {
      const timer = this.#clock.setTimer(() => this.#close(id, { kind: 'timedOut' }), timeoutMs);
      this.#open.set(id, { view, choices, fieldNames: asked.map((field) => field.name), timer, unlisten, settle: resolve });
    });
    hungUp?.addEventListener('abort', leave, { once: true });
    this.#events.emit({ type: 'asked', question: view });
    return { id, outcome };
  }

  /** The page's answer, given by `answeredBy`. Throws `unknown_question` or `answer_invalid`. */
  answer(questionId: string, answer: QuestionAnswer, answeredBy: UserView): QuestionView {
    const open = this.#open.get(questionId);
    if (!open) throw supervisorError('unknown_question');
    const checked = checkAnswer(open.view, answer);
    const { profileId } = open.view;
    const recorded: QuestionAnswer =
      checked.choice !== undefined
        ? checked
        : checked.fields !== undefined
          ? { fields: Object.fromEntries(Object.entries(checked.fields).map(([name, value]) => [name, this.#redact(profileId, value)])) }
          : { text: this.#redact(profileId, checked.text ?? '') };
    // The bot offered its own words; the page chose among their redacted forms, index for index.
    const given: QuestionAnswer =
      checked.choice !== undefined
        ? { choice: open.choices[open.view.choices.indexOf(checked.choice)] ?? checked.choice }
        : checked.fields !== undefined
          ? { fields: Object.fromEntries(open.view.fields.map((field, index) => [open.fieldNames[index] ?? field.name, checked.fields?.[field.name] ?? ''])) }
          : checked;
    this.#close(questionId, { kind: 'answered', answer: given, answeredBy, answeredAt: this.#clock.now() }, recorded);
    return open.view;
  }

  get(questionId: string): QuestionView | undefined {
    return this.#open.get(questionId)?.view;
  }

  list(): QuestionView[] {
    return [...this.#open.values()].map((open) => open.view);
  }

  /** The run ended: its questions close with `runFinished` (or `signedOut`, when its supervision ended first). */
  closeForRun(runId: string, kind: 'runFinished' | 'signedOut' = 'runFinished'): void {
    for (const open of [...this.#open.values()]) if (open.view.runId === runId) this.#close(open.view.id, { kind });
  }

  /** The profile's supervisor signed out: nobody may answer for them. */
  closeForProfile(profileId: string): void {
    for (const open of [...this.#open.values()]) if (open.view.profileId === profileId) this.#close(open.view.id, { kind: 'signedOut' });
  }

  onDidEvent(listener: (event: QuestionEvent) => void): Disposable {
    return this.#events.add(listener);
  }

  dispose(): void {
    for (const id of [...this.#open.keys()]) this.#close(id, { kind: 'runFinished' });
    this.#events.clear();
  }

  #close(id: string, outcome: QuestionOutcome, recorded?: QuestionAnswer): void {
    const open = this.#open.get(id);
    if (!open) return;
    this.#open.delete(id);
    open.timer.dispose();
    open.unlisten();
    open.settle(outcome);
    this.#events.emit({ type: 'closed', question: open.view, outcome, ...(recorded ? { recorded } : {}) });
  }
}

/**
 * Choices made the same by redaction ("Post for [NHS number]" twice) are numbered, so the person
 * picks one of them knowingly and the answer maps back to one of the bot's own choices.
 */
export function distinctChoices(choices: string[]): string[] {
  return distinctTexts(choices, 'choice');
}

/** Field names made the same by redaction, numbered: a name is the answer's key. */
export function distinctFieldNames(names: string[]): string[] {
  return distinctTexts(names, 'field');
}

function distinctTexts(texts: string[], word: 'choice' | 'field'): string[] {
  return texts.map((text, index) => (texts.indexOf(text) === index && texts.lastIndexOf(text) === index ? text : `${text} (${word} ${index + 1})`));
}

/** The answer must fit the question: one of its choices, its fields, or free text. */
function checkAnswer(question: QuestionView, answer: QuestionAnswer): QuestionAnswer {
  const max = questionLimits.answerChars;
  if (question.choices.length > 0) {
    if (answer.choice === undefined || !question.choices.includes(answer.choice)) throw supervisorError('answer_invalid', 'choose one of the offered answers');
    return { choice: answer.choice };
  }
  if (question.fields.length > 0) {
    const fields: Record<string, string> = {};
    for (const field of question.fields) {
      const value = answer.fields?.[field.name];
      // A blank box is no answer: the bot would act on "" as if someone had decided.
      if (value === undefined || value.trim() === '') throw supervisorError('answer_invalid', `fill in "${field.label}"`);
      fields[field.name] = cleanQuestionText(value, max, { multiline: field.multiline });
    }
    return { fields };
  }
  if (answer.text === undefined || answer.text.trim() === '') throw supervisorError('answer_invalid', 'type an answer');
  return { text: cleanQuestionText(answer.text, max, { multiline: true }) };
}
