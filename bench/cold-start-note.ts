/**
 * Where the time goes in the cold-start row (bench/benchmarks/cold-start.ts), shown under that row
 * in docs/benchmarks.md when it misses; kept apart from the other notes for its length.
 */
export const coldStartNote = `Measured on 2026-12-06, five runs alternated with the code before (load 3–5): 1.64–1.75×
(338–381 ms against 202–218 ms) where it was 1.97–2.02×; see the fix history for the three changes
(the host's bundle through V8's code cache, the renderer as one classic script in Chromium's code
cache, the command schemas built on demand).

Where the time goes now (kept profile, process clock, from marks in a scratch build): the page is
sent about 135 ms after the process started; the request dispatcher (zod and its schemas) loads next,
20 ms of CPU that took 40–75 ms of wall time; the core then loads and composes in 50 ms of CPU and
about 65 ms of wall time; the first message follows about 15 ms after, and interactive 25–45 ms after
that. The host's own work after the page is sent is about 70 ms of CPU but about 140 ms of wall time:
on two cores it shares the machine with Chromium, which is running the page's script at the same
moment (DOMContentLoaded 230–260 ms). The page now waits for the core again, not for its own script.

Tried on 2026-12-06 and not adopted: starting the core as soon as the host listens, a module at a
time with a turn for I/O between (the page was sent 65–80 ms later, because one module's load
still held the thread, and interactive moved from about 345 to 375–450 ms); a larger young
generation for the host (\`--min-semi-space-size=16\`: no change); the instance lock's fsyncs
written while the core loads (they finish before the page's request arrives anyway).

Measured again on 2026-12-06 with the host's own CPU clock (\`process.cpuUsage\` at each step,
twelve starts): the host has used 75–86 ms of CPU when it prints the page address, which is what
a bare \`node\` uses to listen on this machine (84–96 ms, most of it reading
NODE_EXTRA_CA_CERTS), so nothing before the page is the host's own. After it, 70–80 ms of CPU in
150–170 ms of wall time: the request dispatcher with zod 25 ms (with the page's response and the
lock file), the core's modules 26 ms, the policy and profiles 4 ms, \`createSupervisor\` 20 ms
spread over many small steps (no one over 2 ms in a profile). Chromium's side, from a trace of the
page's main thread: about 150 ms busy against the static page's 45 ms (script 47 ms, style sheet
11 ms, layout 13 ms, style 7 ms). On two cores the two overlap at best: even perfectly, 190 ms
of the baseline plus about 100 ms of the page's own work leaves little under 1.5×, so the row
needs both sides smaller, not one step.

Changed on 2026-12-06: the page's first paint no longer calls Intl (fix history): Chromium spends
14–44 ms loading ICU's data at a page's first Intl call, and the Overview made that call for its
expiry time and counts. Within the row's noise (interactive 302–327 against 306–327 ms, five
runs each, alternated), but 5–10 ms less between the first message and interactive.

Tried on 2026-12-06 and not adopted: the core composed in a worker thread started with the
process (a worker's own bootstrap took 150–350 ms beside the page, and DOMContentLoaded moved from
about 220 to 320–360 ms: the two cores were already busy); the first state sent to the page as
soon as its socket opens, before the request dispatcher loads (no change: the core's modules load
zod anyway, and the page's request was already waiting for the core); a larger initial V8 heap
(\`--initial-old-space-size=64\`, \`--initial-heap-size=96\`: the start-up has only scavenges, about
10 ms in all, and the address came later); the request dispatcher (with zod) loaded as soon as the
page address is out, in the gap before the browser's request (the page's response then waited
behind it, 10–40 ms later, and the core was composed no sooner).

Looked at and not built: the core's zod schemas on first use, as the command schemas are. Nearly
all of them (profiles, run history, bot manifests, stored sessions, policies, preferences) are
parsed before the first state, so it would save next to nothing. What is left is a lighter first
paint (the Overview's script and style sheet) and a core that does less before its first state.

Measured later on 2026-12-06 with the host alone (a scratch driver: the host started, its page
fetched and its socket opened by a plain client, no browser; CPU of all the host's threads from
/proc at its first message, 30–40 starts of each build alternated, paired medians, where two
builds of the same code differ by about 1 ms): the host uses about 165 ms of CPU to its first
message, about 75 ms of it after the page address. Changed (fix history): the bundle without
comments and in ASCII, 6.3 ms less (a single character outside ASCII makes Node and V8 keep the
whole 580 KB file as two bytes a character); zod without generated code in the core, 3.7 ms
less; both 12.5 ms. With the browser, five and six alternated runs gave 1.63–1.72× against
1.71–1.72× before: within the row's noise. A high-resolution profile of the host alone puts what
is left after the address at: V8 reading code caches 10 ms, zod building schemas 8–10 ms, the
other modules' top level, the page's response and socket, and \`createSupervisor\` itself 4 ms.
Tried and not adopted: a user-land startup snapshot holding zod (deserialising it cost about as
much as loading zod from its code cache, and before the page is served); a code cache written by
a restoring start instead of the signing-in one (1 ms, within the noise); loading the network
stack a second after the first answer instead of at once (no change); holding the core until the
page's socket opens, so the page's script runs alone (DOMContentLoaded 20–25 ms sooner, the
first message no sooner: 1.74× against 1.67×). The host's cost is its modules' loading, which a
start can only make smaller by loading less before the first state.

In the full run after these changes the core was composed (276 ms, median) before the page's
socket opened (292 ms): the page's own start, 97 ms from its response to DOMContentLoaded and
30 ms more before its socket's open event runs, is now the later side as often as the core.
Tried then and not adopted: the first state pushed as the socket opens, without waiting for the
page's request (the first message 6 ms sooner, but the page then rendered twice, state and reply,
and was interactive no sooner: 1.69× against 1.63×); the renderer's files served without their
Subresource Integrity hashes, to see whether Chromium's check held the script back (no:
DOMContentLoaded 91 against 82 ms after the response, medians of five).
Measured later on 2026-12-06 from Chromium traces of ten kept-profile starts of each page (a
scratch driver, the host built as the row builds it): from its navigation's commit to
interactive the page's main thread is busy for 110–230 ms of wall time but runs for only 53–92 ms
of it (the static page: 25–36 ms in 37–65 ms); the rest it waits for a core. All of Chromium's
threads use about 225 ms of CPU in that window against about 90 ms for the static page: the
page's main thread 77 against 31 (React's renders about 10 ms of JavaScript, the script's top level
5, compiling functions the code cache does not hold about 5, layout and style 9 against 2, text
shaping 2), the browser's main thread 68 against 36 (frames for a page that takes longer, three
responses instead of one, the page's same-document history update), raster and compositor
threads about 20 more. The script itself is cheap: it comes from the HTTP cache and its compiled
code from the code cache (5 ms of CPU to evaluate, 1.2 ms to deserialise on a background thread).
Tried and not adopted: V8's explicit compile hint (\`//# allFunctionsCalledOnLoad\` as the
script's first line, so every function is compiled with the script and kept in its code cache):
the page's main thread used 13 ms less CPU, but the row did not move (1.49–1.75× against
1.57–1.77×, then 1.68–1.74× against 1.57–1.66×, alternated), and with a fresh profile, as the
Electron window's \`file://\` page always is, it was slower (688–770 ms against 549–704 ms):
compiling every function up front costs a browser that has no code cache. A
\`Link: rel=preload\` header for the script and style sheet on the page's response (Chromium then
asked for both before the page's body arrived; 1.55–1.71× against 1.61–1.72×, alternated).

Later on 2026-12-06 (a quiet machine), two runs of the row alone after the browser host stopped
resolving its playwright-core folder at start-up (about 2 ms of CPU, now at the first run):
1.72× and 1.45× (342 ms against 235 ms): a run of ten pairs can meet the target. The
spread from run to run is larger than anything left to change.

On 2026-12-07: a quiet run gave 1.72× (317 ms against 184 ms; phases: page sent 148 ms, its
DOMContentLoaded 238, the core composed 252, the socket open 275, the first message 292).
Tried and not adopted: the page's WebSocket opened by a small script at the top of the page,
before the renderer's script loads (the renderer then takes that socket over), so the
handshake and the first request would be done by the time the core is ready. Three runs
alternated with the code before, the load rising from 1 to 12: 1.51–1.67× against 1.61–1.62×.
The early socket opened no sooner: the host answers the handshake only once the core is
composed, since loading and composing the core holds its thread with no gap for the upgrade.
The first state waits for the core, not for the page.`;
