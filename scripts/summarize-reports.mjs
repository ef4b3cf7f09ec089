// Prints the one plain summary line, counted from the runners' JSON reports.
import { existsSync, readFileSync } from 'node:fs';

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function summarize(dir = 'reports') {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const missing = [];
  const vitest = readJson(`${dir}/vitest.json`);
  if (vitest) {
    passed += vitest.numPassedTests ?? 0;
    failed += (vitest.numFailedTests ?? 0) + (vitest.numFailedTestSuites && !vitest.numFailedTests ? vitest.numFailedTestSuites : 0);
    skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  } else missing.push('vitest');
  const playwright = readJson(`${dir}/playwright.json`);
  if (playwright?.stats) {
    passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
    failed += playwright.stats.unexpected ?? 0;
    skipped += playwright.stats.skipped ?? 0;
    failed += (playwright.errors ?? []).length;
  } else missing.push('playwright');
  // A runner that left no report counts as a failure, so a crash can never look green.
  failed += missing.length;
  return { passed, failed, skipped, missing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passed, failed, skipped, missing } = summarize(process.argv[2]);
  if (missing.length > 0) console.log(`missing reports: ${missing.join(', ')}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
}
