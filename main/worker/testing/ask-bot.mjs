// A test bot for questions on a worker: it asks its supervisor with the SDK's ask(), exactly as a
// bot on the desktop would, and says how the question ended. `choice` offers two answers; `text`
// asks for free text and prints only a SHA-256 of the answer, so the answer itself never reaches
// a log line (the test proves it never reaches Redis either); `patient` asks about patients by NHS number. SIGTERM does not end it: a stopped
// run's bot should hear why its question closed, then exit.
import { createHash } from 'node:crypto';
import { ask, getAccessToken } from '../../../bots/sdk/index.mjs';

const [mode = 'choice', timeoutArg = '60000'] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg);
process.on('SIGTERM', () => console.log('got SIGTERM'));

// `patient` names patients by NHS number, as a real bot's question may, and prints a SHA-256 of the choice it got back.
const request =
  mode === 'text'
    ? { question: 'Type the payer reference for batch 42.', timeoutMs }
    : mode === 'patient'
      ? { question: 'Post the claim for 943 476 5919 or for 401 023 2137?', choices: ['Post for 943 476 5919', 'Post for 401 023 2137'], timeoutMs }
      : { question: 'Post batch 42?', choices: ['Post it', 'Skip it'], timeoutMs };
const digest = (text) => createHash('sha256').update(text).digest('hex');
await getAccessToken();
console.log(`asking (${mode})`);
try {
  const reply = await ask(request);
  const who = reply.answeredBy.name ?? reply.answeredBy.subject;
  if (reply.answer.choice !== undefined && mode === 'patient') console.log(`answered choice sha256 ${digest(reply.answer.choice)} by ${who}`);
  else if (reply.answer.choice !== undefined) console.log(`answered choice ${reply.answer.choice} by ${who}`);
  else console.log(`answered text sha256 ${digest(reply.answer.text ?? '')} by ${who}`);
  await getAccessToken();
  console.log('continued after the answer');
} catch (error) {
  console.log(`ask ended ${error?.code ?? String(error)}`);
}
process.exit(0);
