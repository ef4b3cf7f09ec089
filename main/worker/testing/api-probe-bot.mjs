// A test bot for the fleet fault tests: asks its worker's broker for a token, calls the sandbox's
// protected API with it, and writes what happened, with the time, to stdout and to its own file
// (the file can be read while the worker is cut off from Redis). Each line carries the moment its
// request was sent, so "served at t" means the broker decided at or after t. It never exits by
// itself and survives its broker going away, so a test can see who stops it.
import { appendFileSync } from 'node:fs';

const tokenUrl = `${process.env.RPA_BROKER_URL}/v1/token?minValidityMs=0`;
const headers = { Authorization: `RunSecret ${process.env.RPA_RUN_SECRET}` };
const file = process.env.RPA_PROBE_FILE;
const intervalMs = Number(process.env.RPA_PROBE_INTERVAL_MS ?? '50');
let served = 0;
// With its worker gone, stdout is a pipe nobody reads: writing to it fails (EPIPE), which would end
// this bot on its own. It keeps going, as an orphan whose output goes nowhere would, so only the
// worker's reaper stops it.
process.stdout.on('error', () => undefined);

function say(line, at) {
  const text = `${line} at ${at}`;
  console.log(text);
  if (file) appendFileSync(file, `${process.env.RPA_RUN_ID} ${text}\n`);
}

for (;;) {
  let at = Date.now();
  try {
    const response = await fetch(tokenUrl, { headers, signal: AbortSignal.timeout(2000) });
    const body = await response.json();
    if (response.ok) {
      served += 1;
      say(`served ${served}`, at);
      at = Date.now();
      const api = await fetch(`${process.env.RPA_PROBE_API}/whoami`, { headers: { authorization: `Bearer ${body.access_token}` }, signal: AbortSignal.timeout(1000) });
      const who = await api.json();
      say(api.ok ? `api ok ${who.subject}` : `api refused ${api.status}`, at);
    } else {
      say(`denied ${body.error}`, at);
    }
  } catch (error) {
    say(`unreachable ${error?.name ?? 'error'}`, at);
  }
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
}
