// @ts-check
/**
 * Pause, safe stop and questions for bots (docs/bots.md, "Pause and safe points", "Ask the
 * supervisor"). Both go to the run's broker with the run secret, like getAccessToken().
 */
import process from 'node:process';
import { brokerTarget, requestText } from './broker-request.mjs';
// A cycle (index.mjs re-exports this file); BotSdkError is only used once both have loaded.
import { BotSdkError } from './index.mjs';
import { brokerUnreachable } from './supervisor-gone.mjs';

/** One held checkpoint request lasts at most this long; checkpoint() chains them while paused. */
const HOLD_CHUNK_MS = 60_000;

/** The longest a question may wait for its answer (docs/bots.md, "Ask the supervisor"). */
const MAX_QUESTION_MS = 3_600_000;

/**
 * Thrown by checkpoint() when the operator clicked "Stop at next safe point", or once the run has
 * ended some other way (stopped, signed out, the supervisor closed). Clean up (close what you
 * opened, leave records consistent) and exit.
 */
export class StopRequestedError extends Error {
  /** @param {boolean} [runEnded] the broker said `run_finished`: nobody asked, the run is over. */
  constructor(runEnded = false) {
    super(runEnded ? 'This run has already ended (stopped, signed out, or RPA Supervisor closed), so it must not go on.' : 'The operator asked this run to stop at its next safe point.');
    this.name = 'StopRequestedError';
    /** @readonly */
    this.code = 'stop_requested';
  }
}

/** @param {string} code @param {string} message @param {number} [status] */
function sdkError(code, message, status) {
  return new BotSdkError(code, message, status === undefined ? {} : { status });
}

function runTarget() {
  const brokerUrl = process.env.RPA_BROKER_URL;
  const secret = process.env.RPA_RUN_SECRET;
  if (!brokerUrl || !secret) throw sdkError('not_supervised', 'RPA_BROKER_URL and RPA_RUN_SECRET are not set; start this bot from RPA Supervisor.');
  return { broker: brokerTarget(brokerUrl), authorization: `RunSecret ${secret}` };
}

/**
 * One request to the broker; a broker that can't be reached is `broker_unreachable`, or the end of
 * the bot after watchSupervisor() (docs/bots.md §6).
 * @param {{ broker: { url: URL }; authorization: string }} target
 * @param {string} path
 * @param {number} timeoutMs
 * @param {string} [body]
 */
async function send(target, path, timeoutMs, body) {
  try {
    return await requestText(target.broker, path, target.authorization, timeoutMs, body);
  } catch (error) {
    brokerUnreachable();
    throw new BotSdkError('broker_unreachable', `The RPA Supervisor token broker at ${target.broker.url.origin} did not answer.`, { cause: error });
  }
}

/** @param {string} text */
function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A safe point: call it between steps. Returns at once while the run may go on; waits while the
 * operator has paused the run (or the supervisor is away); throws StopRequestedError when the
 * operator asked for a stop at the next safe point, or the run has already ended: either way the
 * bot cleans up and exits. Any other refusal is a BotSdkError with the broker's code (asking again
 * would only be refused again). Outside RPA Supervisor it returns at once.
 * @returns {Promise<void>}
 */
export async function checkpoint() {
  if (!process.env.RPA_BROKER_URL || !process.env.RPA_RUN_SECRET) return;
  const target = runTarget();
  for (;;) {
    const response = await send(target, `/v1/checkpoint?waitMs=${HOLD_CHUNK_MS}`, HOLD_CHUNK_MS + 30_000);
    const body = parse(response.text);
    if (response.status === 200 && body?.action === 'continue') return;
    if (response.status === 200 && body?.action === 'hold') continue;
    if (body?.error === 'stop_requested' || body?.error === 'run_finished') throw new StopRequestedError(body.error === 'run_finished');
    // An older supervisor without checkpoints (404) never pauses: carry on.
    if (response.status === 404) return;
    const code = typeof body?.error === 'string' ? body.error : 'broker_error';
    throw sdkError(code, typeof body?.message === 'string' ? body.message : `The broker answered HTTP ${response.status}.`, response.status);
  }
}

/**
 * Asks the supervisor a question and waits for the answer. The page shows it as an attention item
 * with the bot, the run, the profile and the time left. Plain text only; long text is cut.
 * @param {{ question: string; choices?: string[]; fields?: { name: string; label?: string; multiline?: boolean }[]; timeoutMs: number }} request
 * @returns {Promise<{ answer: { choice?: string; fields?: Record<string, string>; text?: string }; answeredBy: { subject: string; name?: string }; answeredAt: number }>}
 *   Rejects with a BotSdkError whose `code` is `question_timed_out` (nobody answered
 *   in time), `run_finished` (the run ended), or `signed_out` (the supervisor signed out).
 */
export async function ask(request) {
  const target = runTarget();
  const body = JSON.stringify({
    question: request.question,
    timeoutMs: Math.floor(request.timeoutMs),
    ...(request.choices ? { choices: request.choices } : {}),
    ...(request.fields ? { fields: request.fields } : {}),
  });
  // The broker holds the question at most its longest time-out; a missing or bad timeoutMs is its
  // invalid_request to give, not a socket that can't be timed.
  const asked = Math.floor(request.timeoutMs);
  const held = Number.isFinite(asked) ? Math.min(Math.max(0, asked), MAX_QUESTION_MS) : 0;
  const response = await send(target, '/v1/ask', held + 30_000, body);
  const answer = parse(response.text);
  if (response.status === 200 && answer && typeof answer.answer === 'object') return answer;
  const code = typeof answer?.error === 'string' ? answer.error : 'broker_error';
  throw sdkError(code, typeof answer?.message === 'string' ? answer.message : `The broker answered HTTP ${response.status}.`, response.status);
}
