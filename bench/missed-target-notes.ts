/**
 * Where the time goes, for rows that missed their target, keyed by row id. docs/benchmarks.md shows
 * a note only when its row missed in that run. The notes come from profiling (CPU profiles of the
 * core with BENCH_CPU_PROF_DIR, Chromium's CDP profiler, bench/prototypes/) on 2026-11-22; re-check
 * them when the code they describe changes.
 */

const sdkTransport = `The client, not the broker, is the bottleneck. The SDK's \`getAccessToken()\` uses the global
\`fetch\` (undici). It does keep connections alive (the row shows the floor's count: a few hundred
requests per connection; undici's default keep-alive is 4 s, the broker's 30 s), but each call costs ~0.3–0.5 ms, most of it client CPU: a WHATWG
\`Request\`/\`Headers\`/\`Response\` and body stream, an \`AbortSignal.timeout()\` timer, a \`URL\` with
\`searchParams\`, then \`response.json()\`. On 2 cores shared by the load process and the server, that
caps one load process at 900–3,700 fetches/s in our runs (3,200 on the quietest), against the broker
and the floor alike (the ratio stays near 1.0). The same requests over \`node:http\` with a
keep-alive \`Agent\` (row "node:http keep-alive client") triple it against the same broker: 9,400/s
on the quietest run (floor 10,500/s), which meets the 8,000/s target.
**Proposed change (bots/sdk/index.mjs, owned by the SDK's author):** since the broker is always plain
http on 127.0.0.1, send the token request with \`http.request\` and one module-level
\`new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: Infinity })\`; replace
\`AbortSignal.timeout(waitMs + 30_000)\` with \`request.setTimeout(waitMs + 30_000, () => request.destroy(...))\`;
build the path as a string (\`/v1/token?minValidityMs=…\`) instead of a \`URL\`; read the body with
\`Buffer.concat\` + \`JSON.parse\`. Error mapping (\`broker_unreachable\`, denial bodies, the supervisor-died
rule) stays as it is. \`authorizedFetch\` may keep \`fetch\` for the bot's own API calls.`;

const floodCapture = `The core is CPU-bound in the per-line capture path, and it does a whole turn's worth of it
without yielding. A CPU profile of the core during the flood (BENCH_CPU_PROF_DIR) shows ~25 % of
its time in \`BotProcess\`'s 'data' handler → \`LineSplitter.push\` → \`RunLog.write\`, 12 % in garbage
collection, and, per line: two \`TextDecoder.decode\` calls (a streamed one and a flush) in
\`LineSplitter\`, \`sanitizeLogText\` (three regex passes plus \`Buffer.from\` just to count bytes),
\`Redactor.redact\` (one \`includes\` per live secret: with 50 runs that is 50+ scans of every line,
~5 % of the core's time on its own), \`formatLogLine\` (\`new Date(at).toISOString()\` per line) and a
\`Buffer.from\` per line in \`RotatingLogFile.append\`. A micro-benchmark of that path on one core gives
~8–17 µs per line, i.e. 60–120 k lines/s — before the WebSocket broadcast, Chromium and 50 writers
take their share of the two cores.
**Proposed changes (app/bots/, owned by the bot-supervision author):** decode each chunk once and
split the string (0x0A never occurs inside a UTF-8 sequence; count bytes only for lines longer than
\`keepBytes / 3\` characters); in \`sanitizeLogText\` test one combined control-character regex before
running the ANSI/CR/control replacements, and skip the byte count when \`text.length * 3 <= maxLineBytes\`;
in \`Redactor\` match run secrets with one pass (all are 43-character base64url: find candidates
with \`/[A-Za-z0-9_-]{43}/g\` and look them up in the Map) instead of one \`includes\` per secret;
cache the ISO timestamp per distinct \`at\` in \`formatLogLine\`; let \`RotatingLogFile\` queue strings
and encode once per 256 KB write.`;

const latencyNoise = `With a median ratio near 1, a miss is a p99 spike: a burst of other work on the
machine (see the load average) landing in one server's 0.5 s round. Broker and floor answer in the
same few hundred microseconds when the machine is quiet; at 16 and 64 clients the latency is
queueing in a load client that is CPU-bound (see the throughput rows), and both servers queue alike.
Re-run on a quiet machine before reading anything into it.`;

/** Row id → analysis. */
export const missedTargetNotes: Readonly<Record<string, string>> = {
  'callback-to-session': `The app's path is the grant plus: parsing the callback, the one-shot pending-entry
lookup, token sanity and \`iat\` checks, \`SessionManager.establish\` (a SecretStore write), and one
state snapshot delivered through \`setImmediate\`. Timed separately on a quiet run (medians of 70):
\`deliverRedirect\` 4.03 ms against the bare grant's 3.89 ms, and 0.07 ms more until the state event —
about 1.05×. Whole runs on this shared machine have ranged from 1.02× to 1.14×; a miss has so far
been noise from other work (see the load average): re-run before reading anything into it.`,

  'broker-latency-1': latencyNoise,
  'broker-latency-16': latencyNoise,
  'broker-latency-64': latencyNoise,
  'broker-latency-64-http': latencyNoise,
  'broker-throughput-64': sdkTransport,
  'broker-throughput-64-http': `Here the client is lean, and the broker keeps up with the bare floor server (ratio ≈ 1):
what is left is two cores shared by the load process (64 loops), the server and anything else running
(see the load average). In a stand-alone test on a quiet moment the same client reached ~9,500
fetches/s against a bare server. Nothing in the broker stands out in a profile: per request it does the Host/Origin
checks, a SHA-256 of the presented secret, \`timingSafeEqual\`, \`SessionManager.tokenFor\` and one
\`JSON.stringify\`.`,

  'bot-first-call': `Breakdown on a quiet run (medians of 24, the bot printing its own milestones): the
app's bot process starts ~3 ms later than the baseline's (run history written with fsync twice
before the spawn — \`RunHistory.#save\` is synchronous by design — a state snapshot, the broker
secret, a detached spawn); module loading is the same (~86 ms, of which ~40 ms is Node reading
NODE_EXTRA_CA_CERTS, inherited by both); the SDK's broker request then costs what the baseline's
first fetch costs (~40 ms: undici's lazy initialisation and a connection), and the API call needs a
second connection (~5 ms more). That is ~1.05× — whole runs on this shared machine have ranged from
1.03× to 1.25×. If it misses: collapse \`queued\` → \`starting\` into one history write when a run
starts at once, and send the SDK's broker request over \`node:http\` (see the throughput note), which
is loaded with Node and needs no lazy initialisation.`,

  'flood-lines': `The capture path is CPU-bound per line; the event-loop lag note below says where the time
goes and what to change. A prototype with the app's own classes and 50 flood bots but no browser
(\`npx tsx bench/prototypes/time-sliced-capture.ts\`) captures 150–175 k lines/s on this machine as
shipped; in the full benchmark Chromium and the browser host's WebSocket broadcast take the rest of
the two cores: every run's batches go to the page (~7 MB/s of JSON at 10 bots), which shows one run.
**Proposed change:** forward log batches only for the runs a page follows (see the frame-time note),
plus the per-line savings below.`,

  'flood-rss': `Bounded, but large, and reached quickly. Each run keeps a ring of 10,000 \`LogLine\` objects
(\`defaultRunLogLimits\`; ~170 bytes each with the text) — 50 runs hold ~85 MB once the rings are
full, after ~500 k lines; each run's file queue may hold 1 MB before back-pressure (50 MB); the
batcher keeps up to 4,000 pending lines per run; and the browser host queues every run's batches for
a page that cannot keep up. At the end of the 10 s window the core held 175–300 MB of JS heap and
60–120 MB of Buffers outside it (the bench's progress output prints both). Per million lines the
number falls as a flood goes on, but the first million costs far more than 50 MB.
**Proposed changes:** one global budget for live rings across runs (e.g. 32 MB of text, oldest
runs trimmed first; older lines are read back from the log file by \`readLog\`), rings stored as
parallel arrays (texts, \`Float64Array\` of \`at\`, streams as bytes; \`seq\` implied) instead of one
object per line, and no log batches sent for runs no page follows (next note).`,

  'flood-lag': `What blocks the loop: \`BotProcess\` splits and writes each chunk inside its 'data' handler, so one
event-loop turn in which 50 pipes are readable processes 50 × 64 KB ≈ 35,000 lines (hundreds of ms)
before any timer, WebSocket message or broker request is served; the 50 ms \`LogBatcher\` flush then
serialises up to 2,000 lines per run in one callback.
**Proposed change (app/bots/bot-process.ts + run-manager.ts):** a shared capture scheduler: 'data'
handlers only queue the chunk (pause that stream while its queue exceeds 256 KB or its file backlog
1 MB); one drain task takes queued chunks round-robin across runs for at most 8 ms, then yields with
\`setImmediate\`. And start bots at a lower CPU priority (\`os.setPriority(pid, 10)\` right after the
spawn; \`PRIORITY_BELOW_NORMAL\` on Windows), so on a small machine the supervisor — its UI, broker
and capture — wins the CPU over the bots it supervises. Prototype (\`npx tsx
bench/prototypes/time-sliced-capture.ts --nice 10\`: 50 bots, the app's own classes, no browser, same
machine): event-loop lag p99 970–1,540 ms as shipped → 29–30 ms sliced (max 54–61 ms), at the same
150–175 k lines/s. Without the lower priority the sliced variant still gets p99 35–75 ms but loses
10–15 % of the lines/s.

${floodCapture}`,

  'flood-frames': `The renderer is not the main cost: a Chromium CPU profile while following the tail at
10 bots showed the page ~70 % idle (the log list is virtualised; React render and layout ~8 %). Frames
are dropped because the two cores are saturated by the core process and 50 writers, and because the
browser host broadcasts every run's log batches to the page (up to 2,000 lines per run every 50 ms,
~7 MB/s of JSON at 10 bots), which the page parses only to drop all but the run it shows.
**Proposed changes:** (1) per-run log subscription: the page says which run(s) it follows (a
\`followLogs({ runIds })\` command, or an optional run filter on the \`log\` event for the transport),
and the host forwards only those batches — an addition to app/contract.ts, main/browser and the
preload; (2) cap live lines per run per batch for the UI at a few hundred (the UI can show ~50 rows;
\`readLog\` fills any gap on scroll), and apply batches in the renderer once per animation frame.`,

  'idle-rss': `The core host's idle footprint is Node itself (~44 MB, the baseline) plus the loaded code:
zod schemas, openid-client, jose, ws, conf, and the core's services. If this misses, take a heap
snapshot of the idle process (\`node --heapsnapshot-signal=SIGUSR2\`) to see which module grew.`,

  'idle-rss-embedded-sandbox': `With the Local sandbox embedded, the same process also runs a whole OpenID
provider: oidc-provider, koa and their dependencies, the sandbox's signing keys, the demo API and
the portal — 8–23 MB more than the production-like set-up above (92–103 MB across our runs, so it
sits on the line), which meets the target. A
clinic signed in to Healthcode never loads the sandbox (\`ProfileRegistry\` starts it only for the
Local sandbox profile). **Proposed change, if the default install must meet it too:** run the
Local sandbox as a child process (\`app/sandbox/sandbox-cli.ts\` already exists) instead of in the
core's process, or load it only when the Local sandbox profile is first used.`,
};
