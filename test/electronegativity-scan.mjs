// Runs Electronegativity (@doyensec/electronegativity) once, for test/electronegativity.test.ts:
//   node test/electronegativity-scan.mjs <input dir> <report.csv> <electron version>
// It writes the CSV report the test parses, and prints the files it could not parse as JSON on
// the last line of stdout (the CLI hides those whenever it writes a report file).
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

const [input, output, electronVersion] = process.argv.slice(2);
// Electronegativity is CommonJS; its own requires go through the patched loader above.
const electronegativity = createRequire(import.meta.url)('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

run(
  {
    input: path.resolve(input),
    output,
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
    process.stdout.write(`\n${JSON.stringify({ checks: result.globalChecks + result.atomicChecks, unparsed })}\n`);
  },
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
