import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Benchmark, BenchContext, BenchmarkRow } from '../benchmark.js';
import { formatMs, formatPair, formatRatio } from '../format-values.js';
import { runInterleaved } from '../run-interleaved.js';
import { ratio, summarize, type Summary } from '../stats.js';
import { chromiumLaunchOptions } from '../support/chromium-launch-options.js';
import { installKeyPaintProbe } from '../support/key-paint-probe.js';
import { auditSearch, runHistorySearch, type KeyPaints, type SearchScreen } from '../support/search-screens.js';
import { clinicZone, startAuditTrailHost, startRunHistoryHost, type SeededHost } from '../support/seeded-search-hosts.js';

const targetMs = 150;

interface Scenario {
  id: 'runs' | 'audit';
  screen: SearchScreen;
  start: (size: number) => Promise<SeededHost>;
  /** What the list holds, for the row's name. */
  noun: string;
  size: number;
  /** The floor: the same screen with almost nothing in it. */
  baselineSize: number;
}

const scenarios: readonly Scenario[] = [
  { id: 'runs', screen: runHistorySearch, start: startRunHistoryHost, noun: 'runs', size: 1_300, baselineSize: 13 },
  { id: 'audit', screen: auditSearch, start: startAuditTrailHost, noun: 'audit records', size: 3_000, baselineSize: 30 },
];

/**
 * Typing in a search box above a long list: key press to the paint that shows the key (Event
 * Timing), in Chromium on the browser host. Runs history with a clinic's week of 1,300 runs, and
 * the Audit screen with a trail of 3,000 records all loaded, each against the same keys in the same
 * search of the same page with a hundredth of the rows, alternated. Target: median < 150 ms.
 */
export const typingLatency: Benchmark = {
  name: 'typing',
  rowIds: scenarios.flatMap((scenario) => [`typing-${scenario.id}-narrowing`, `typing-${scenario.id}-widening`]),
  async run(context) {
    if (!existsSync(join(context.repoRoot, 'out', 'renderer', 'index.html'))) {
      throw new Error('The renderer is not built (out/renderer); run `npm run build` first.');
    }
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const rows: BenchmarkRow[] = [];
      for (const scenario of scenarios) rows.push(...(await measure(context, browser, scenario)));
      return rows;
    } finally {
      await browser.close();
    }
  },
};

async function measure(context: BenchContext, browser: Browser, scenario: Scenario): Promise<BenchmarkRow[]> {
  const { screen } = scenario;
  context.progress(`typing: seeding and starting two browser hosts, ${scenario.size} and ${scenario.baselineSize} ${scenario.noun}`);
  const started = await Promise.allSettled([scenario.start(scenario.size), scenario.start(scenario.baselineSize)]);
  const hosts = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  // Closed before the hosts stop: a page whose host is gone keeps trying to reconnect.
  const contexts: BrowserContext[] = [];
  try {
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const [appHost, baselineHost] = hosts as [SeededHost, SeededHost];
    const app = await openScreen(browser, contexts, screen, appHost);
    const baseline = await openScreen(browser, contexts, screen, baselineHost);
    context.progress(`typing: ${screen.name} open with ${app.rows} and ${baseline.rows} rows; typing`);
    const pairs = context.quick ? 2 : 20;
    const samples = await runInterleaved<KeyPaints>({
      warmupPairs: context.quick ? 1 : 2,
      pairs,
      app: () => app.round(),
      baseline: () => baseline.round(),
      onPair: (index) => {
        if ((index + 1) % 5 === 0) context.progress(`typing: ${screen.name}, ${index + 1} of ${pairs} rounds`);
      },
    });
    const list = (paints: KeyPaints[], key: keyof KeyPaints) => paints.map((paint) => paint[key]).join(', ');
    context.progress(
      `typing: ${screen.name} key press to paint (ms), ${app.rows} rows: narrowing ${list(samples.app, 'narrowingMs')}; widening ${list(samples.app, 'wideningMs')}; ${baseline.rows} rows: narrowing ${list(samples.baseline, 'narrowingMs')}; widening ${list(samples.baseline, 'wideningMs')}`,
    );
    const summary = (paints: KeyPaints[], key: keyof KeyPaints) => summarize(paints.map((paint) => paint[key]));
    const names = { rows: app.rows, baselineRows: baseline.rows };
    return [
      row(scenario, 'narrowing', names, summary(samples.app, 'narrowingMs'), summary(samples.baseline, 'narrowingMs')),
      row(scenario, 'widening', names, summary(samples.app, 'wideningMs'), summary(samples.baseline, 'wideningMs')),
    ];
  } finally {
    await Promise.all(contexts.map((browserContext) => browserContext.close()));
    await Promise.all(hosts.map((host) => host.stop()));
  }
}

/** A page of its own browser context (its own renderer process), as a clinic user in London sees it. */
async function openScreen(browser: Browser, contexts: BrowserContext[], screen: SearchScreen, host: SeededHost): Promise<{ rows: number; round: () => Promise<KeyPaints> }> {
  const browserContext = await browser.newContext({ locale: 'en-GB', timezoneId: clinicZone, viewport: { width: 1280, height: 800 } });
  contexts.push(browserContext);
  const page = await browserContext.newPage();
  const rows = await screen.open(page, host);
  await installKeyPaintProbe(page);
  return {
    rows,
    async round() {
      await page.bringToFront();
      return screen.round(page, rows);
    },
  };
}

function row(scenario: Scenario, key: 'narrowing' | 'widening', names: { rows: number; baselineRows: number }, app: Summary, baseline: Summary): BenchmarkRow {
  const which = key === 'narrowing' ? 'the letter that narrows them' : 'the Backspace that brings them all back';
  return {
    id: `typing-${scenario.id}-${key}`,
    benchmark: `Typing in ${scenario.screen.name} Search with ${names.rows.toLocaleString('en-GB')} ${scenario.noun} loaded: key press → paint, ${which} (Event Timing, browser host in Chromium, n=${app.count})`,
    baseline: `the same keys in the same Search with ${names.baselineRows.toLocaleString('en-GB')} ${scenario.noun}`,
    median: formatPair(app.median, baseline.median, formatMs),
    p95: formatPair(app.p95, baseline.p95, formatMs),
    p99: formatPair(app.p99, baseline.p99, formatMs),
    ratio: formatRatio(ratio(app.median, baseline.median)),
    target: `median < ${targetMs} ms`,
    met: app.median < targetMs,
  };
}
