// @ts-check
/**
 * Sample bot that outlives a session: it calls the sandbox API's /whoami every few seconds. When
 * the supervisor's session expires (or is signed out), the broker says so; the bot pauses with
 * waitForSession() and carries on with the new token once someone re-authenticates. This is the
 * default "wait" expiry policy seen from the bot's side.
 *
 *   API_LOOP_CALLS        successful calls to make before exiting (default 20)
 *   API_LOOP_INTERVAL_MS  pause between calls (default 3000)
 *   API_LOOP_WAIT_MS      how long to wait for a re-authentication before giving up (default 15 min)
 */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { authorizedFetch, BotSdkError, checkpoint, StopRequestedError, waitForSession, WAIT_CODES, watchSupervisor } from '../sdk/index.mjs';

/** Broker answers that mean "not now": no usable session, the supervisor away, approval pending. */
const sessionCodes = new Set(WAIT_CODES);
/**
 * The API may refuse a token the supervisor still serves (its clock is ahead, or the token was
 * revoked): retry a few times, one interval apart, so the broker can catch up, then give up.
 */
const maxRefusals = 5;

watchSupervisor();

const calls = positive(process.env.API_LOOP_CALLS, 20);
const intervalMs = positive(process.env.API_LOOP_INTERVAL_MS, 3000);
const waitMs = positive(process.env.API_LOOP_WAIT_MS, 15 * 60_000);

let done = 0;
try {
  const baseUrl = process.env.RPA_SANDBOX_API_URL;
  if (!baseUrl) throw Object.assign(new Error('RPA_SANDBOX_API_URL is not set; check the bot manifest.'), { code: 'config_missing' });
  const whoami = `${baseUrl.replace(/\/+$/, '')}/whoami`;

  let pauses = 0;
  let refusals = 0;
  while (done < calls) {
    // A safe point between calls: Pause holds here, "Stop at next safe point" ends here.
    await checkpoint();
    let response;
    try {
      response = await authorizedFetch(whoami, { headers: { accept: 'application/json' } });
    } catch (error) {
      if (!(error instanceof BotSdkError) || !sessionCodes.has(error.code)) throw error;
      pauses += 1;
      console.log(`Paused after ${done} calls: the broker answered ${error.code}; waiting for re-authentication.`);
      const token = await waitForSession({ timeoutMs: waitMs });
      const who = token.supervisor ? (token.supervisor.name ?? token.supervisor.subject) : 'someone';
      console.log(`Resumed: ${who} re-authenticated; the new token is valid for ${Math.round((token.expiresAt - Date.now()) / 1000)} s.`);
      continue;
    }
    if (response.status === 401 && refusals < maxRefusals) {
      refusals += 1;
      await response.body?.cancel();
      console.log(`The API refused the token (HTTP 401); asking RPA Supervisor again in ${intervalMs} ms.`);
      await sleep(intervalMs);
      continue;
    }
    if (!response.ok) throw Object.assign(new Error(`The API answered HTTP ${response.status}.`), { code: 'api_error' });
    refusals = 0;
    const me = /** @type {{ name?: string; subject?: string }} */ (await response.json());
    done += 1;
    console.log(`Call ${done}/${calls}: authorised as ${me.name ?? me.subject ?? '(unknown)'}.`);
    if (done < calls) await sleep(intervalMs);
  }
  console.log(`Finished ${calls} calls with ${pauses} pause${pauses === 1 ? '' : 's'} for re-authentication.`);
} catch (error) {
  // "Stop at next safe point" (or the run ending meanwhile): the operator's choice, not a failure.
  if (error instanceof StopRequestedError) {
    console.log(`Stopped at a safe point after ${done} call${done === 1 ? '' : 's'}, as asked.`);
    process.exit(0);
  }
  const { code, message } = /** @type {{ code?: string; message?: string }} */ (error);
  console.error(`api-loop-bot failed: ${code ?? 'error'}: ${message ?? String(error)}`);
  process.exitCode = 1;
}

/**
 * @param {string | undefined} value
 * @param {number} fallback
 */
function positive(value, fallback) {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? Math.floor(parsed) : fallback;
}
