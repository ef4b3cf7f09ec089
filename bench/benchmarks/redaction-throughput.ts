import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FakeSessionAccess } from '../../app/bots/testing/fake-session-access.js';
import { invalidNhsNumber, seededRandom, validNhsNumber } from '../../app/bots/testing/patient-corpus.js';
import { Redactor } from '../../app/bots/redactor.js';
import { RunManager } from '../../app/bots/run-manager.js';
import type { BotManifest } from '../../app/bots/bot-manifest.js';
import { TokenBroker } from '../../app/broker/token-broker.js';
import type { RedactionSettings } from '../../app/common/patient-data.js';
import { systemClock } from '../../app/ports/clock.js';
import { nullLogger } from '../../app/ports/logger.js';
import type { Benchmark, BenchmarkRow } from '../benchmark.js';
import { formatPair, formatRate, formatRatio, notApplicable } from '../format-values.js';
import { runInterleaved } from '../run-interleaved.js';
import { ratio, summarize, type Summary } from '../stats.js';

const targetRatio = 0.8;
/** Known secrets while the flood runs: a busy morning's tokens and run secrets, JWTs among them. */
const knownSecrets = 50;
const everything: RedactionSettings = { nhsNumber: true, dateOfBirth: true, postcode: true, email: true, phone: true };
const nothing: RedactionSettings = { nhsNumber: false, dateOfBirth: false, postcode: false, email: false, phone: false };

/**
 * Redaction. A real bot process floods its output through the real capture path (pipe, line
 * splitter, sanitise, redact, ring buffer, log file) of a RunManager with every patient pattern on
 * and 50 known secrets (S63, S64); a fifth of the lines hold patient identifiers. The baseline is
 * the same flood, same bot, same capture path, with redaction off (no patient patterns, no known
 * secrets): both sides pay for reading the pipe, decoding, splitting, the control-character check,
 * the JWT-shape check (always on), the ring and the file, so the ratio is what redaction adds.
 * Runs alternate in one process, so both sides see the same machine. Throughput is lines per CPU
 * second of the supervisor process, so other load on the machine does not decide the ratio. The
 * ratio is the median of the pairs' ratios (each pair: one run of each side, back to back).
 */
export const redactionThroughput: Benchmark = {
  name: 'redaction',
  rowIds: ['redaction-throughput'],
  async run(context) {
    const dir = await mkdtemp(join(tmpdir(), 'rpa-bench-redaction-'));
    const lineCount = context.quick ? 20_000 : 400_000;
    await writeFile(join(dir, 'lines.txt'), `${floodLines(2000).join('\n')}\n`);
    await writeFile(join(dir, 'flood.mjs'), floodBot(lineCount / 2000));
    const sessions = new FakeSessionAccess();
    sessions.signIn('bench', { accessToken: `tok_${'b'.repeat(40)}`, expiresAt: Date.now() + 24 * 3600_000 });
    const broker = new TokenBroker({ sessions, clock: systemClock, logger: nullLogger });
    await broker.start();
    const bot: BotManifest = { id: 'flood', name: 'Flood', description: '', command: process.execPath, args: [join(dir, 'flood.mjs')], cwd: dir, profileId: 'bench', tokenDelivery: 'broker', concurrency: 1, env: {} };
    const on = new Redactor();
    for (let i = 0; i < knownSecrets; i += 1) on.add(i % 2 === 0 ? fakeJwt(i) : `rs_${i}_${'k'.repeat(20)}${i * 7919}`);
    let round = 0;
    const collectGarbage = garbageCollector();
    const measure = async (redaction: RedactionSettings, redactor: Redactor): Promise<number> => {
      round += 1;
      // The last run's rings and files are garbage now: collected here, outside the measurement,
      // they are not charged to whichever side happens to run next.
      collectGarbage();
      const manager = new RunManager({ sessions, broker, clock: systemClock, logger: nullLogger, dataDir: join(dir, `data-${round}`), redactor, redactionFor: () => redaction });
      try {
        manager.setBots([bot]);
        const cpuBefore = process.cpuUsage();
        const run = await manager.start(bot.id);
        await new Promise<void>((resolve) => {
          const subscription = manager.onDidRunEvent((event) => {
            if (event.type === 'ended' && event.run.id === run.id) {
              subscription.dispose();
              resolve();
            }
          });
        });
        const cpu = process.cpuUsage(cpuBefore);
        const view = manager.getRun(run.id);
        if (view?.status !== 'succeeded') throw new Error(`the flood bot ended ${view?.status ?? 'unknown'}`);
        // Lines per CPU second of this process (the supervisor side): on a shared, busy machine
        // wall time mostly measures the scheduler, while CPU time is what capture costs.
        const perCpuSecond = lineCount / ((cpu.user + cpu.system) / 1e6);
        context.progress(`redaction: ${redaction === everything ? 'on' : 'off'} ${formatRate(perCpuSecond, 'lines/CPU s')}`);
        return perCpuSecond;
      } finally {
        await manager.dispose();
        await rm(join(dir, `data-${round}`), { recursive: true, force: true });
      }
    };
    try {
      const samples = await runInterleaved({
        warmupPairs: context.quick ? 0 : 1,
        pairs: context.quick ? 1 : 7,
        app: () => measure(everything, on),
        baseline: () => measure(nothing, new Redactor()),
        onPair: (index) => context.progress(`redaction: pair ${index + 1}`),
      });
      // Each pair's two runs are next to each other in time, so their ratio shares the machine's
      // state; the median of those ratios is steadier than the ratio of the two sides' medians,
      // which can pair a run from a busy minute with one from a quiet one.
      const pairRatios = samples.app.map((app, index) => ratio(app, samples.baseline[index] ?? Number.NaN));
      return [rowFor(summarize(samples.app).median, summarize(samples.baseline).median, summarize(pairRatios), lineCount)];
    } finally {
      await broker.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function rowFor(app: number, baseline: number, pairRatios: Summary, count: number): BenchmarkRow {
  const value = pairRatios.median;
  return {
    id: 'redaction-throughput',
    benchmark: `Redaction: capture throughput (lines per CPU second of the supervisor) of a flooding bot with every patient pattern on and ${knownSecrets} known secrets (${count.toLocaleString('en-GB')} lines, a fifth with identifiers)`,
    baseline: 'the same flood with redaction off (no patient patterns, no known secrets)',
    median: formatPair(app, baseline, (perSecond) => formatRate(perSecond, 'lines/CPU s')),
    p95: notApplicable,
    p99: notApplicable,
    ratio: `${formatRatio(value)} (median of ${pairRatios.count} ${pairRatios.count === 1 ? 'pair' : 'pairs'}; ${formatRatio(pairRatios.min)}–${formatRatio(pairRatios.max)})`,
    target: `≥ ${targetRatio}× the baseline`,
    met: value >= targetRatio,
  };
}

/** A full garbage collection, from V8 itself (the flag takes effect for functions made after it is set). */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Writes the prepared lines `repeat` times as fast as the pipe takes them. */
function floodBot(repeat: number): string {
  return [
    "import { readFileSync } from 'node:fs';",
    "const chunk = readFileSync(new URL('./lines.txt', import.meta.url));",
    `let left = ${repeat};`,
    'const write = () => { while (left > 0) { left -= 1; if (!process.stdout.write(chunk)) return process.stdout.once("drain", write); } };',
    'write();',
  ].join('\n');
}

/** What bots print: timestamps, ids, amounts, URLs; every fifth line holds a patient identifier. */
function floodLines(count: number): string[] {
  const random = seededRandom(6);
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    switch (i % 10) {
      case 0:
        lines.push(`2026-12-04T09:00:${String(i % 60).padStart(2, '0')}.123Z INFO patient ${validNhsNumber(random)} claim CLM-${i} submitted`);
        break;
      case 5:
        lines.push(`row ${i}: DOB: 12/03/1961, address 1 High Street, Leeds LS1 4AP, ref ${invalidNhsNumber(random)}`);
        break;
      case 3:
        lines.push(`GET https://api.example.nhs.uk/v1/claims/${i}?page=2 200 in ${i % 400} ms`);
        break;
      default:
        lines.push(`step ${i} of the morning batch: 3 items processed, total £${(i * 1.37).toFixed(2)}, queue depth ${i % 17}`);
    }
  }
  return lines;
}

function fakeJwt(i: number): string {
  const part = (text: string) => Buffer.from(text).toString('base64url');
  return `${part('{"alg":"RS256","kid":"k1"}')}.${part(`{"sub":"user-${i}","iat":${1_700_000_000 + i},"scope":"claims"}`)}.${part(`signature-${i}-${'s'.repeat(40)}`)}`;
}
