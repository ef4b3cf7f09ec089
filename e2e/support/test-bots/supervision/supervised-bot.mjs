// @ts-check
/**
 * The e2e bots for supervision (e2e/supervision-journeys.spec.ts), one script, by SUPERVISED_MODE:
 *   ask      asks the supervisor a question with choices, prints the answer and who gave it
 *   askText  asks a long free-text question (over the 200 characters a toast shows), prints the answer
 *   steps    SDK: a checkpoint (announced) and a token before each step, every 300 ms, until stopped
 *   plain    no SDK: prints its pid, then a tick every 300 ms until stopped (paused by SIGSTOP)
 *   token    waits for a token (approval, presence, sign-in), prints who it acts for, exits 0
 */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ask, BotSdkError, checkpoint, getAccessToken, StopRequestedError, waitForSession, WAIT_CODES, watchSupervisor } from '../../../../bots/sdk/index.mjs';

const mode = process.env.SUPERVISED_MODE ?? 'plain';
/** Longer than any spec: an axe check in light and dark on a loaded machine must not outlast the question. */
const questionTimeoutMs = 10 * 60_000;

/** A token now, or after waiting out whatever the broker says to wait for. */
async function token() {
  try {
    return await getAccessToken();
  } catch (error) {
    if (!(error instanceof BotSdkError) || !WAIT_CODES.includes(error.code)) throw error;
    console.log(`waiting: ${error.code}`);
    return waitForSession({ timeoutMs: 10 * 60_000 });
  }
}

if (mode === 'plain') {
  // The spec reads the process state from /proc/<pid>/stat to see the pause, rather than waiting.
  console.log(`pid ${process.pid} (this bot)`);
  for (let tick = 1; ; tick += 1) {
    console.log(`tick ${tick}`);
    await sleep(300);
  }
}

watchSupervisor();
try {
  if (mode === 'ask') {
    console.log('asking the supervisor');
    const reply = await ask({ question: 'Post the <b>remittance</b> for batch 42?', choices: ['Post it', 'Skip it'], timeoutMs: questionTimeoutMs });
    console.log(`answer: ${reply.answer.choice} (from ${reply.answeredBy.name ?? reply.answeredBy.subject})`);
  } else if (mode === 'askText') {
    const question = `Which batch number should I post? ${'The payer’s file and the statement differ by £12.40 and line 17 names a ward we do not know. '.repeat(3)}Reply with the batch number only.`;
    const reply = await ask({ question, timeoutMs: questionTimeoutMs });
    console.log(`answer: ${reply.answer.text} (from ${reply.answeredBy.name ?? reply.answeredBy.subject})`);
  } else if (mode === 'token') {
    const granted = await token();
    console.log(`token served for ${granted.supervisor?.name ?? 'someone'}`);
  } else {
    for (let step = 1; ; step += 1) {
      console.log(`checkpoint ${step}`);
      await checkpoint();
      await token();
      console.log(`step ${step}`);
      await sleep(300);
    }
  }
} catch (error) {
  if (error instanceof StopRequestedError) {
    console.log('stop requested: cleaning up at a safe point');
    process.exit(0);
  }
  console.error(`failed: ${error instanceof BotSdkError ? error.code : String(error)}`);
  process.exit(2);
}
