/**
 * What was measured, changed and measured again, kept in docs/benchmarks.md whether or not the
 * rows miss today: the table shows only the latest run. Add an entry when a fix changes a row.
 */
export const fixHistory = `## Fixes, with before and after

| Row | Before | After | What changed |
| --- | --- | --- | --- |
| Log flood: event-loop lag p99 | 1,612 ms | 57–115 ms | Pipes only queue chunks; one time-sliced drain (8 ms per turn) shared by all runs; bots at lower priority (app/bots/capture-scheduler.ts) |
| Log flood: event-loop lag p99 | 65 ms (1.97× the bare-pipe baseline) | 29–37 ms (0.8–1.0×) | Live log lines are batched and sent only for runs a window follows (\`followLogs\`, app/transport/supervisor-connections.ts) |
| Log flood: RSS growth per million lines | 267 MB | 85–90 MB | One memory budget shared by all runs' rings; rings grow on demand; smaller file backlog |
| Log flood: RSS growth per million lines | 90 MB | 37–51 MB | \`followLogs\` (above); capture queue 64 KB and file backlog 128 KB per run; 64 KB log-file writes |
| Log flood: lines captured per second | 186 k/s | 290–380 k/s | \`followLogs\` (above) |
| Token fetch throughput, 64 clients (SDK) | 3,159 /s | 10,695–18,924 /s | The SDK sends over \`node:http\` with one keep-alive agent instead of \`fetch\` |
| Redaction: capture throughput with every pattern on | 0.56–0.58× (136 k vs 236 k lines/CPU s, load 22–30) | 0.64–0.76× (207 k vs 323 k and 179 k vs 235 k lines/CPU s, load 11–15) | One digit-chain prefilter for NHS and phone numbers that starts only at the first digit of a run; each distinct prefilter tested once; an allocation-free replace callback (app/bots/patient-identifiers.ts, patient-redactor.ts). Still short of 0.8×. Tried and not adopted: a hand-written one-pass character scan instead of the prefilter regex (slower than irregexp here), case-spelt patterns instead of the \`i\` flag (no change), one global scan for all prefilters on candidate lines (no change) |
| Redaction: capture throughput with every pattern on | 0.64–0.76× | 0.69–0.83× (171 k vs 205 k, 228 k vs 333 k, 269 k vs 336 k, 261 k vs 335 k lines/CPU s; load 18–30; 0.74× at load 23–36 before the last two changes) | The line splitter hands \`RunLog.prepare\` the whole lines of each chunk before it splits them: one secret scan and one prefilter scan (a \`g\` regex) cover the chunk, and only the lines the prefilter hits are cut out and redacted (app/bots/line-splitter.ts, sanitize-log-text.ts, patient-redactor.ts); a line cut by a chunk edge or holding a control character takes the per-line path. A candidate line runs every enabled kind (email only with an '@') in an \`exec\` loop, instead of one test per kind's fragment and \`replace\` with a callback (candidate lines 3.3 → 1.6 µs each in a micro-benchmark). Both digit fragments hang off one leading \`\\d\` in the prefilter (about 12% off its scan). Secret windows: a 64 K-bit filter of window hashes before the map look-up. Measured and not adopted: a hand-written one-pass scan of all fragments over the chunk (1.8× slower than the regex scan), the prefilter's \`exec\` with a group per kind to get each line's kinds in the same pass (slower than testing per line), the full pattern's leading look-behinds moved after the first character (slower), a look-ahead of the fragments' first characters before the alternation (2.5× slower) |
| Cold start → Overview interactive | 3.58× (14.4 s / 4.0 s, load average 23–29) | 3.13× (7.4 s / 2.4 s, load 13–15) | The browser host serves its page before it composes the core; the core, undici and the command dispatcher load on demand (main/browser/browser-host.ts) |
| Cold start → Overview interactive | 3.13× | 2.71× (4.8 s / 1.8 s, load 11–15) | The core starts loading once the page has fetched its script (or after 500 ms), so Chromium runs the 439 KB renderer while Node loads and composes the core |
| Cold start → Overview interactive | 2.71× | 2.50× (3.6 s / 1.4 s, load 14–20) | zod loads with the first lock-file read or hand-off, not before the page is served (main/browser/instance-lock.ts, browser-host-server.ts) |
| Cold start → Overview interactive | 7.75 s (packages left external, as before) | 5.67 s (same run, interleaved; static page 2.36 s; load 22–25) | The browser host runs as one bundle with its dependencies in it (conf with ajv, zod, openid-client, jose, ws, undici), built by browser-host.vite.config.ts for \`npm run start:browser\` and this row alike |
| Cold start → Overview interactive | 5.36 s (one 439 KB entry) | 5.28 s (same run; within the noise at load 21) | Settings, Audit, Runs and the first-run wizard load in chunks of their own (renderer/screens/lazy-screens.tsx): the page's entry and its modulepreloaded shared chunk are 387 KB |
| Cold start → Overview interactive | 2.50× | 1.98× (5.0 s / 2.5 s, load 20–21, 15-minute average 30) | The two steps above, and the page address printed before the lock file's two fsyncs (main/browser/browser-host.ts), measured by \`npm run bench -- --only cold-start\` |
| Cold start → Overview interactive | 1.94× (4.1 s / 2.1 s, load 10–13) | 1.87× (3.9 s / 2.1 s, load 12–15; within the noise) | Today's local day in the computer's own zone comes from \`Date\`'s local fields, not \`Intl.DateTimeFormat\` (app/state/local-day.ts): a process's first DateTimeFormat cost 120–230 ms at load 10–15 (ICU's locale and calendar data), \`Date\` 0.3 ms. A computed day is reused while it lasts, for at most a minute. No Intl is left on the host's path to its first state |
| Cold start → Overview interactive | 1.87× | 1.93× (3.3 s / 1.7 s, load 14–16; within the noise) | The browser host bundle leaves out conf's ajv, ajv-formats and semver (conf never reaches them without a schema or migrations) and zod's locales other than English (scripts/browser-host-stubs-plugin.ts): the settings chunk 391 → 48 KB, zod's 648 → 379 KB; what loads before the first state 1.55 → 1.16 MB |
| Cold start → Overview interactive | 1.93× | 2.01× (3.2 s / 1.6 s, load 12–13; within the noise) | \`defaultMachinePolicy\` written out instead of parsed at import (app/policy/machine-policy.ts), so a start without a policy file compiles no policy parser. zod's \`jitless\` for parse-once schemas measured no difference (first parses of the policy, a manifest and a profile: 10–40 ms either way at load 15, most of it compiling zod's own code) and was not adopted |
| Cold start → Overview interactive | 2.21× with a fresh browser profile per start (2.9 s / 1.3 s, load 9–15) | kept profile: 2.05× (2.0 s / 0.96 s, same run) | The browser host starts on the port it used last time (main/browser/last-port.ts; any free port when it is taken) and serves the page's entry, modulepreloaded chunk and stylesheet \`public, max-age=31536000, immutable\`, each pinned by a Subresource Integrity hash the host writes into the page as it serves it (main/browser/renderer-files.ts); the page stays \`no-store\` and holds no secret. The row gives each side one Chromium profile kept across its starts (a restored session means the app ran before in that browser); a fresh-profile row stays as information. By phase, kept profile: committed → DOMContentLoaded 0.32 s against 0.07 s (was 0.5 s with a fresh profile) |
| Cold start → Overview interactive | 2.05× (kept profile) | 2.00× (1.21 s / 0.60 s, load 0.7–5.9) and 2.14× (0.79 s / 0.37 s, load 2.8–3.9); fresh profile 1.81× (1.88 s / 1.04 s) and 2.19× (1.13 s / 0.52 s), same runs | The pinned files carry a cookie naming their build; a page request with it (the browser has them cached) starts the core at once instead of after the page's WebSocket opens, and the request dispatcher loads after the page is sent instead of before (page response 56 ms after the address, was 240 ms). By phase, kept profile: address 0.43 s / 0.40 s, DOMContentLoaded 0.75 s / 0.49 s, interactive 1.21 s / 0.60 s: what is left is the core loading and composing (about 0.45 s after DOMContentLoaded), not Chromium |
| Many bots, UI: Overview frame time with 200 printing bots | 114 bots started (64 printing, 50 queued: the ceiling on runs at once was 64); p95 1,117 ms | all 200 printing (ceiling 256, app/common/run-limits.ts) | "Runs at the same time" may be set up to 256; the bench sets it to the number of bots |
| Many bots, UI: the page's main-thread CPU in the 10 s window, 200 printing bots; from a Chromium trace, thread time | 720 ms (layout 239 ms in 21 passes, paint 167 ms, 281 timer tasks: one duration timer per card, each on its own phase); frame p95 767 ms, load 20 → 71 | 235 ms (layout 46 ms, paint 40 ms, 32 timer tasks); frame p95 1,050 ms, load 14 → 58. Next run, from the row itself: frame median 16.7 ms (was 300 ms), p95 417 ms, load 54 → 63; the page's main thread used 33 ms of CPU per second with 200 bots and 43 ms with none. A third run at a lower load (11 → 44): median 16.7 ms, p95 133 ms, page 40 ms CPU/s busy vs 42 idle | Unchanged bots and runs keep their identity across snapshots (renderer/state/share-unchanged.ts) and bot cards are memoised; every ticking duration reads one clock that ticks on whole seconds (renderer/state/use-shared-clock.ts); cards out of view skip style, layout and paint (\`content-visibility: auto\`); core snapshots are paced by their cost (app/composition/paced-publisher.ts). No state reached the page during either window (0 socket messages): the page's own work was timers and layout only |

Cold start was measured on the shared 2-core machine with other sessions running (load
averages above), so its absolute times are several times slower than on an idle machine and the
ratios are pessimistic. Through the last three steps the ratio stayed at 1.9–2.0× while both
sides' absolute times moved with the load: the host's own CPU on the way to its first state no
longer sets the ratio. By phase (medians of four starts each, under \`--cpu-prof\`, load 12–13):
process start → address printed 1.9 s against 1.5 s for the bare server (the host's 153 KB
entry, with ws, compiles and runs first); address → page committed 0.7 s against 0.3 s;
committed → DOMContentLoaded 1.0 s against 0.1 s (Chromium fetches and runs the renderer's
393 KB of modules; the baseline page has no script); → interactive 1.0 s against 0.65 s. On the
host's side the zod chunk and the command dispatcher load right after it listens, then the host
waits 0.3–0.5 s for Chromium's first request; the core (1.16 MB of modules) loads once the page
has its script and takes about 0.7 s at these loads, most of it V8 compiling modules. Tried and
not adopted: loading ws and the command dispatcher only once the page has its script (slower:
the socket then waited behind the core). Tried, measured and not adopted: a V8 code cache
(the bundle as CommonJS chunks, each compiled from a \`.v8cache\` file beside it): 1.81× and
1.83× against 2.01× and 2.06× just before it (load 10–14), host CPU to first paint 750 → 500 ms.
Node 20 has no \`module.enableCompileCache\`, so it meant replacing Node's internal
\`Module.prototype._compile\`, and cached code loses the dynamic-\`import()\` callback; a gain of
about 0.2× did not pay for that. Node 22's supported compile cache is the way once the project
moves to it. Caching the renderer in the browser (the last two rows) took Chromium's side of the
gap from 0.9 s to 0.25 s, but the baseline gains as much from a kept profile, so the ratio
stays at about 2×: with the renderer cached, the host's core (load and compose, about 0.45 s
after DOMContentLoaded on an idle machine) is what is left. Not adopted for the Electron shell:
a custom protocol with \`codeCache: true\` (the window loads the renderer from \`file://\`, and
moving it would touch the navigation and IPC-sender policies with no way to run Electron here). Not tried: a user-land startup snapshot (\`--snapshot-blob\`, experimental in
Node 20: a flag on the command line, one CommonJS file, no dynamic import).

A larger V8 young generation (\`--max-semi-space-size=32\`) was tried for the flood and measured
worse (71 MB per million lines), so it was not adopted.

The many-bots UI row's frame times were measured while other sessions' builds and benchmarks ran
beside the 200 bots (load averages above, up to 71 on two cores): the page's main thread then
waits for the CPU far longer than it works (235 ms of CPU in a 14 s trace whose tasks took 11.9 s
of wall time), so the frame times say more about the machine than about the page. The row
therefore also reports the page's own main-thread CPU per second, busy and idle. The core row (many-bots-lag,
the RunManager alone) was not changed here; measured beside the same load (18.6 → 81) it read
p99 566 ms against 6,879 ms for the bare bots (0.08×), short of the absolute 50 ms. A windowed bot
list was not adopted: with the page's work this small it would save little, and it would take
off-screen bots out of the tab order, screen readers and find-in-page.
`;
