// Runs Electronegativity (@doyensec/electronegativity) once, for test/electronegativity.test.ts:
//   node test/electronegativity-scan.mjs <input dir> <electron version>
// It prints its findings and the files it could not parse as JSON on the last line of stdout.
// Not the tool's own CSV report: it writes the header (truncating) and the rows (appending) with
// two unordered asynchronous writes, so on a busy machine the rows can land first and be wiped,
// and the scan then reads as one that found nothing.
//
// Offline by design: Electronegativity 1.10 fetches translations and Electron's release list on
// every run. Its HTTP client (`got`) is swapped for one that fails at once, which it already
// handles (bundled English strings), and the release check is excluded.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const offline = () => Promise.reject(new Error('electronegativity runs offline in tests'));
const got = Object.assign(offline, { get: offline, head: offline, post: offline, stream: offline, extend: () => got });
const load = Module._load;
Module._load = function loadOffline(request, parent, isMain) {
  if (request === 'got') return got;
  return load.call(this, request, parent, isMain);
};

const [input, electronVersion] = process.argv.slice(2);
// Electronegativity is CommonJS; its own requires go through the patched loader above.
const electronegativity = createRequire(import.meta.url)('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

run(
  {
    input: path.resolve(input),
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
).then(
  (result) => {
    const unparsed = result.errors.filter((error) => !error.tolerable).map((error) => ({ file: path.relative(input, error.file), message: error.message }));
    const findings = result.issues.map((issue) => ({ check: issue.id, severity: issue.severity.name, file: issue.file, location: `${issue.location.line}:${issue.location.column}` }));
    process.stdout.write(`\n${JSON.stringify({ checks: result.globalChecks + result.atomicChecks, unparsed, findings })}\n`);
  },
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
