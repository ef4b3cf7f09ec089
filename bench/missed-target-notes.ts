import { coldStartNote } from './cold-start-note.js';

/**
 * Where the time goes, for rows that missed their target, keyed by row id. docs/benchmarks.md shows
 * a note only when its row missed in that run. The notes come from profiling (CPU profiles of the
 * core with BENCH_CPU_PROF_DIR, Chromium's CDP profiler, bench/prototypes/) on 2026-11-22; re-check
 * them when the code they describe changes.
 */

const sdkTransport = `Since 2026-11-22 the SDK's \`getAccessToken()\` sends its request with \`node:http\` and one
module-level keep-alive \`http.Agent\` (\`request.setTimeout\` instead of \`AbortSignal.timeout\`, a string
path instead of a \`URL\`, \`Buffer.concat\` + \`JSON.parse\` for the body; errors and the long-poll
unchanged). Before, with \`fetch\` (undici), each call cost ~0.3–0.5 ms of client CPU and one load
process topped out at 900–3,700 fetches/s; with \`node:http\` the SDK row tracks the bare
"node:http keep-alive client" row and the floor (ratio ≈ 1), e.g. 5,052/s against a floor of 5,453/s
on a run at load average ~3 (3,159/s before, at 2.5). What is left is two cores shared by the load
process (64 loops), the server and whatever else runs (see the load average): on a quiet machine the
same client reaches ~9,500 fetches/s against a bare server.`;

const floodCapture = `The per-line capture path was made cheaper on 2026-11-22 (app/bots/): \`LineSplitter\` decodes each
chunk once and splits the string (bytes are counted only for lines that might pass the limit);
\`sanitizeLogText\` runs its ANSI/CR/control replacements only when one combined control-character
test matches, and counts bytes only when \`text.length * 3\` could pass the limit; \`Redactor\` finds
every live secret with one regex scan for runs of token characters at least as long as the shortest
secret (then set look-ups), instead of one \`includes\` per secret; \`formatLogLine\` formats each
millisecond once; \`RotatingLogFile\` queues strings and encodes once per 64 KB write. Before, a
micro-benchmark of that path gave ~8–17 µs per line (60–120 k lines/s on one core).`;

const latencyNoise = `With a median ratio near 1, a miss is a p99 spike: a burst of other work on the
machine (see the load average) landing in one server's 0.5 s round. Broker and floor answer in the
same few hundred microseconds when the machine is quiet; at 16 and 64 clients the latency is
queueing in a load client that is CPU-bound (see the throughput rows), and both servers queue alike.
Re-run on a quiet machine before reading anything into it.`;

/**
 * Rows whose ratio or size sits on their target, so that one run meets it and the next does not:
 * docs/benchmarks.md shows their note either way, so a lucky run does not hide the analysis.
 */
export const nearTheLineRows: ReadonlySet<string> = new Set(['redaction-throughput', 'idle-rss', 'idle-rss-embedded-sandbox']);

/** Row id → analysis. */
export const missedTargetNotes: Readonly<Record<string, string>> = {
  'callback-to-session': `The app's path is the grant plus: parsing the callback, the one-shot pending-entry
lookup, token sanity and \`iat\` checks, verifying the access token against the provider's keys
(S53), \`SessionManager.establish\` (a SecretStore write), and one state snapshot delivered through
\`setImmediate\`. On 2026-11-22 that was 1.05× on a quiet run (4.03 ms against the bare grant's
3.89 ms). On 2026-12-05, on a machine about three times slower (the bare grant 8.6–9.5 ms), four
quiet runs gave 1.21–1.26×. Timed by phase (medians of 100): the grant itself 9.20 ms against the
bare 8.94; before the grant (taking the attempt, the \`exchanging\` event) ~0.4 ms; the access
token's signature check 0.77 ms (jose's \`jwtVerify\` with the remote key set: ~0.4 ms alone in a
micro-benchmark, ~0.2 ms with an imported key); \`establish\` 0.48 ms; the state event 0.2 ms.
Pacing the state snapshots is not the cause (the same with no pause). Later the same day, with the
machine back to about its 2026-11-22 speed (the bare grant 2.6–2.8 ms), three runs gave 1.35–1.48×:
the app's extra ~1–1.2 ms does not shrink with the grant, since much of it is waiting (WebCrypto's
thread pool for the signature check, promise turns, the snapshot's \`setImmediate\`) rather than
work that scales with the CPU. At that speed 1.15× leaves 0.4 ms for everything the app adds,
and the S53 signature check took 0.77 ms on the slower machine. **Next:** the signature check
is the largest new part and is required; a key resolver that hands jose an imported key per
\`kid\` (keeping the refetch-once rule of S54) would save ~0.2 ms, and the pre-grant steps ~0.3 ms.`,

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

  'flood-lines': `The capture path is CPU-bound per line (see the event-loop lag note for what was done). Since
the per-run log subscription (below), the page no longer costs a share of the two cores per run:
186 k lines/s before it, 290–310 k after, on the same machine. What is left is two cores shared by 50
writers, the core and Chromium.`,

  'flood-rss': `Bounded, and much smaller than it was: 267 MB per million lines at first (1.58 M lines),
90 MB after the memory work below (1.99 M lines), 48–51 MB after the per-run log subscription
(about 3.2 M lines), against a target of 50. What changed, in order: one \`LogMemoryBudget\` (16 M
units: characters of text plus 64 per line) shared by all runs' rings, evicting the oldest lines of
the largest rings first (the files keep everything; \`firstSeq\` tells \`readLog\` where the ring
starts); rings that grow as lines arrive instead of preallocating 10,000 slots; then
**\`followLogs\`**: each window or page names the runs whose live lines it shows, the transports
send \`log\` events per connection, and the core batches lines only for runs somebody follows
(\`SupervisorConnections\`), so a flood of 50 runs shown one at a time no longer builds and
serialises ~30 MB/s of JSON batches; finally a bot's pipes pause while its capture queue passes
64 KB or its file backlog 128 KB (was 256 KB each), and the log file is written in 64 KB chunks.
What is left is the working set of a process allocating ~100 MB/s: JS heap 110–140 MB at the end of
the window (mostly garbage awaiting the next mark-compact: ring lines live long enough to be promoted,
then die in the old generation) and 40–55 MB of Buffers. A larger young generation
(\`--max-semi-space-size=32\`) measured worse (71 MB). The per-million figure also falls as a flood
goes on: it counts the one-off growth to that working set. On 2026-12-05 a machine about three
times slower captured 2.57 M lines and measured 68.7 MB per million: 176.5 MB of growth from before
the flood (153.9 MB over 3.49 M lines on 2026-11-22), mostly that one-off growth, spread over fewer
lines.`,

  'flood-lag': `Before 2026-11-22, \`BotProcess\` split and wrote each chunk inside its 'data' handler, so one turn in
which 50 pipes were readable processed ~35,000 lines: p99 1,612 ms. Now 'data' handlers only queue
the chunk (\`CaptureScheduler\`, shared by all runs; a bot's pipes pause while its queue passes 64 KB
or its file backlog 128 KB); one drain task takes queued chunks round-robin across runs for at most
8 ms per turn, then yields with \`setImmediate\`; and bots start at \`PRIORITY_BELOW_NORMAL\`
(\`os.setPriority\`, nice 10), so the supervisor wins the CPU over the bots it supervises. That gave
p99 57–115 ms. Then the per-run log subscription (\`followLogs\`, see the RSS note) removed the
batching and JSON serialisation of every unfollowed run's lines: p99 65 ms before it, 32–37 ms after,
with the bare-pipe baseline at 25–44 ms. What remains in the long tail is garbage collection (see the
RSS note) and whatever else the two cores run (see the load average).

${floodCapture}`,

  'flood-frames': `The renderer is not the main cost: a Chromium CPU profile while following the tail at
10 bots showed the page ~70 % idle (the log list is virtualised; React render and layout ~8 %). Since
the per-run log subscription the page receives only the batches of the run it shows. Dropped frames
come from two cores saturated by the core process and 50 writers. **If it misses:** cap live lines
per run per batch for the UI at a few hundred (the UI shows ~50 rows; \`readLog\` fills any gap on
scroll), and apply batches in the renderer once per animation frame.`,

  'idle-rss': `The core host's idle footprint is Node itself (~44 MB, the baseline) plus the loaded code:
zod schemas, openid-client, jose, ws, conf, and the core's services. If this misses, take a heap
snapshot of the idle process (\`node --heapsnapshot-signal=SIGUSR2\`) to see which module grew.

On 2026-12-06 (a quiet machine) it measured 92–107 MB, and the build of the day before, alternated
with it, 92–106 MB: nothing grew, the row sits on the line from run to run. What moves with the run
is V8's young generation, which grows during the sign-in and is not given back while idle (see
the next row): with its semi-spaces capped at 4 MB (\`--max-semi-space-size=4\`, three runs
alternated) the row measured 83–95 MB against 100–106 MB. **Not done, and why:** a heap flag must be
given when the process starts (Node's command line; for Electron's main process, Electron's own
command line), and a smaller young generation means more frequent collections while bots flood
their logs, which the log-flood rows would have to show harmless first.`,

  'idle-rss-embedded-sandbox': `With the Local sandbox embedded, the same process also runs a whole OpenID
provider: oidc-provider, koa and their dependencies, the sandbox's signing keys, the demo API and
the portal — 15–25 MB more than the production-like set-up above. Across our runs it has measured
92–105 MB, so it sits on the line; the row above is the one the target is about (a clinic's core
signed in to Healthcode, whose provider is somebody else's server), and it meets it. A clinic
signed in to Healthcode never loads the sandbox (\`ProfileRegistry\` starts it only for the Local
sandbox profile). **Not done, and why:** running the Local sandbox in a child process would take it
out of this figure, but the packaged Electron app cannot start itself as Node (the RunAsNode fuse is
off), so it would need Electron's \`utilityProcess\` in the shell and a child process in the
browser host: two ways to start one demo provider. If the demo set-up must meet the target, that
is the change to make (\`app/sandbox/sandbox-cli.ts\` already runs it stand-alone). Where the rest
goes, measured on 2026-11-22 by importing one package into a bare \`node\` (39 MB RSS): the first
ESM import of anything costs ~8 MB; on top of that zod ~6 MB, conf (it loads ajv) ~8 MB and
oidc-provider with koa ~21 MB. The core's own heap is small: ~19 MB used after a full GC, signed in.
On 2026-12-05 it measured 104–112 MB (the external row 96–97 MB). V8's own figures at the end of
the sample: the young generation had grown to its largest (32 MB reserved, 7.4 MB used) during the
in-process sign-in, against 16 MB with the provider outside; the old generation was 21 MB. It did
not shrink after 14 s idle either: V8 gives young-generation memory back only on a memory-reducing
collection, which an idle Node process does not start. npm undici (loaded at the first provider
request) and Node's own fetch measured the same ~20 MB each, so the harness's login through
Node's fetch is not the difference.`,

  'redaction-throughput': `Measured on 2026-12-05 at load averages 2–5 (15-minute 8–12), interleaved with the
code before the last changes: 0.71–0.78×, median 0.74× (232–280 k vs 307–359 k lines per CPU second);
before them 0.71–0.74×, median 0.72× (214–232 k vs 300–326 k). Both sides got 7–10% faster, because
every run's own secret is scanned on both sides, so the faster secret scan helped the baseline too.
A profile of the whole bench process, one side at a time: redaction adds about 1.2 µs a line over
3.4 µs. Of that, the prefilter scan is 0.31 µs, candidate lines' JavaScript and regex calls 0.24 +
0.08 µs, and garbage collection 0.14 µs (13% of the process). What is left is about 100–150 ns per
regex call, a few per identifier, plus the prefilter's scan of every character: 0.8× needs about
0.35 µs a line less, which probably means one pass for the prefilter and the full pattern together.
Single pairs still spread 0.62–0.91×, so read medians of several runs. The full run of 2026-12-05
13:20 gave 0.73× (median of 7 pairs, 0.71–0.85×). A JavaScript character loop in place of the
prefilter's regular expression was tried in a micro-benchmark: it scans about three times slower than
V8's compiled regex (a plain \`charCodeAt\` loop alone costs more than the whole prefilter), so the
prefilter stays a regex; running the full pattern over the rest of a candidate line, instead of
going back to the prefilter after each match, saved only ~0.09 µs a line.

On 2026-12-06 (load about 1–2): a base and a changed clone alternated, five runs each, gave medians
of 0.72× and 0.75×, single runs 0.65–0.84×: this row cannot tell apart changes of a few per cent.
A CPU profile of each side alone (six floods of 400,000 lines) puts what redaction adds at about
0.30 µs a line: the prefilter's scan 0.10, the candidate lines' JavaScript 0.085 (a third of it the
\`exec\` calls' match objects), the full pattern 0.04, garbage collection 0.06; the 50 known secrets
cost nothing measurable. The prefilter is near the floor of any scan that stops at a class of
characters: a regex that never matches but must look at every digit and every 'b' and 'd' costs
108 ns a line against the prefilter's 119, and merely walking the text with a one-letter class
costs 46. Changed: the full pattern for a digit chain's fragment now starts one character before
the chain (a phone number's '+' or '('), not eight, unless the line holds an '@' (\`digitReach\`;
25–50 ns an NHS number in a micro-benchmark, too little to see here). Tried and not adopted: one
scan for control characters and fragments together, instead of the control check that both sides
run and then the prefilter (slower: 216 against 186 ns a line for the two scans apart, V8's regex
handles the merged class worse); flattening each rewritten line at once (no change). What is left
would need a scan that skips characters (as the secret scan does), which short identifiers such as
postcodes rule out.

On 2026-12-06 (after the changes above, no redaction change since): the full run gave 0.81× (median
of 7 pairs, 0.69–0.89×) and three runs of the row alone right after it 0.75×, 0.78× and 0.76×. The
target is met in some runs and not in most; the issue stays open on it.

On 2026-12-06 (a quieter machine, 490–560 k against 620–790 k lines per CPU second): 0.73–0.81×
over eleven runs. Per thread, over one flood of 400,000 lines, redaction adds about 13 clock ticks
(130 ms) on the main thread and 4–5 on V8's and libuv's helper threads (garbage collection: 33
scavenges and two full collections on the redaction side against 28 and one), which the main
thread's CPU profile never shows: together about 0.45 µs a line against 0.30 in the profile.
Tried and not adopted: sticky regexes for the NHS and phone alternatives at a digit chain
instead of the full pattern's \`exec\` (half the allocation of the \`exec\` calls, but no faster:
220 against 221 ns a line for the whole scan in a micro-benchmark, and 0.72–0.79× against
0.72–0.78× in the row, alternated); returning each chunk rebuilt as one string instead of the
rewritten lines alone (worse, 0.72–0.76× against 0.78–0.81×: a 128 KB string per chunk goes to
V8's large-object space and brings full collections sooner).

On 2026-12-06, later (a quiet machine), a scratch copy of the row with other sides against
redaction off, medians of seven pairs each: every pattern and the 50 secrets 0.72–0.80×; every
pattern without the secrets 0.73–0.81×; the secrets alone 0.97×; NHS numbers alone 0.82×; every
pattern but one of date of birth, postcode or email 0.79–0.81×. The cost is spread over every
kind's share of the prefilter's scan and the candidate lines' work; no one kind or step is large
enough alone. Throwing the rewritten lines away after the scan, so nothing downstream holds a new
string, did not move it (0.74–0.82× against 0.73–0.81×), nor did a larger young generation
(\`--max-semi-space-size=32\`). Both sides read the same chunks (median 64 KB, mean about 62 KB),
so the spread of single pairs (0.58–1.05×) is not the pipe's chunking.

On 2026-12-07 (load 5–22), tried and not adopted, because the row's median stayed under 0.8×:
shortcuts in \`rewriteLines\` for the commonest fragments in a line without an '@', exact
against the full pattern (checked against \`redact\` on about 730,000 random lines of edge
cases under five settings each, every shortcut taken and declined many times: no difference):
ten plain digits alone in their run, with no '+' or '(' before, decided in JavaScript (check
digit, then \`looksLikePhone\`) with no regex call; an inward code's postcode found by a sticky postcode-only \`test\` at each
letter with no letter before it, from where the full pattern would start; a "DOB" label by two
sticky \`test\`s (label and separators, then the date), the full pattern only where they fail.
Also the two full patterns picked once per redactor with one \`indexOf('@')\` per chunk instead of
\`maskFor\` on every candidate line, and rewritten lines without a CR handed on without
\`lastRedraw\`, whose \`indexOf('\\r')\` flattened each one. In a scratch driver of the capture
path (split, prepare, write, ring; no pipe, no file; CPU per line, medians of eight floods)
redaction's cost fell from 314–321 to 216–235 ns a line, \`rewriteLines\` on the flood's chunks
from 244–250 to 206 (the prefilter's scan 125–131 of it; candidate lines 113–119 → 81). The row,
alternated with the code before (19 runs of it: 0.73–0.82×, median 0.77×): the NHS shortcut
alone 0.78–0.84× (median 0.795×, six runs); with the postcode and DOB shortcuts 0.80–0.83×
(0.80×, four); with the CR change as well 0.76–0.84× (0.78×, nine). Probes of the row in a
scratch copy (three runs each, load 12–18): patient redaction a no-op with the 50 secrets on
0.94–1.03×; the prefilter's scan and nothing more 0.90–0.95×; the shortcuts with the rewritten
lines thrown away after the scan 0.83–0.89×. So of the row's gap to 1× (0.22× with the
shortcuts), the prefilter's scan is about 0.09×, the candidate lines' work about 0.06× and what
their new strings cost downstream (held in the ring, written, collected) about 0.07×: cutting
the candidate work by a third moved the row by about 0.02×, less than one run's noise. Unlike the earlier note, throwing
the rewritten lines away moved it here (0.85× against 0.78×), so what a rewritten line costs
after it is made (the ring, the file, the collector) is the next thing to measure; handing it on
unflattened or flattened made no difference the row could see.

On 2026-12-07 (no redaction change since; quiet machine, load 1–2): the full run 0.81×, then six
runs of the row alone 0.78×, 0.80×, 0.78×, 0.78×, 0.78×, 0.80× (single pairs 0.72–0.88×): the row
sits on the target and meets it in about half the runs, so issue 14 stays open on it. A
function-level measure of the chunk path (\`redactWholeLines\` over the flood's 64 KB chunks,
CPU per line, medians of fifteen passes) puts patient redaction at about 210 ns a line (the
prefilter's scan 105, the candidate lines' work about 90; the 50 known secrets nothing), against
about 420 ns a line that the row charges to redaction: the other half is garbage collection on
V8's helper threads and what the rewritten lines cost downstream. Tried and not adopted: the
date-of-birth fragment keyed on its 'b' alone, with a lookbehind for "d.o.", so that no 'd' of
ordinary text starts an attempt (the scan 110 against 107 ns a line).`,

  'cold-start': coldStartNote,

  'many-bots-lag': `Measured on 2026-12-05 right after the fleet rows (load 1 → 12 over the run, far higher
while the 200 bots print): p99 470 ms against 7,722 ms for the same bots spawned bare (0.06×), so the
ratio target holds and the absolute 50 ms does not. Two hundred bots that each print every 10 ms ask
for more than two cores; the core's lag is the time it waits for a core, since its own work per line is
small (see the flood rows). The bare side is worse because bare bots run at normal priority. The
full run of 2026-12-05 13:20 (after the autogroup change, load 4.7 at its start): p99 308 ms against
3,995 ms bare (0.08×), median 35 ms.`,

  'many-bots-frames': `Two hundred bots that each print every 10 ms need more than the machine's two cores, so
the page's frames wait for the CPU, not for the page's own work (its main thread uses about the same
CPU per second with 200 bots as with none). On Linux each detached bot is a scheduling autogroup of its
own, and a group's share does not depend on the nice values inside it: until 2026-12-05 every bot
weighed as much as the whole supervisor or Chromium, whatever its nice 10. Bots' groups now get the
bots' nice value (app/bots/autogroup-priority.ts): in a test with 20 busy bots, a 3 ms-per-frame loop
in a normal-priority process went from a 40 ms to a 20 ms median frame and its event-loop lag p99
from 73 to 34 ms. The row itself, on 2026-12-05, four runs back to back (each starting in the load
the previous one's 200 bots left): with the change p95 817 ms (load 12 → 50) and 100 ms (46 → 52),
without it 300 ms (50 → 41) and 183 ms (38 → 46). That spread is the machine, not the page: re-run on
a quiet machine, one row at a time, before reading anything into it. The full run of 2026-12-05
13:20, with the change, started at load 4.7 after the other rows: p95 50 ms, median 16.7 ms (62 of
480 frames over 33 ms), the closest yet.`,
};
