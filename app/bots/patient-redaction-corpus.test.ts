import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch, LogLine } from '../common/contract.js';
import { redactionMarkers } from '../common/patient-data.js';
import { patientCorpus, type Corpus } from './testing/patient-corpus.js';
import { startSupervisorHarness, type SupervisorHarness } from './testing/supervisor-harness.js';

/**
 * S63 end to end: a real bot process prints a few thousand lines of patient identifiers and their
 * look-alikes through the real capture path of a real supervisor; nothing valid may reach any
 * place a person or a file could see it, every look-alike must survive, and the counts must add up.
 */
describe('the patient-identifier redaction corpus (S63)', () => {
  let harness: SupervisorHarness;
  let botsDir: string;
  let corpus: Corpus;
  const batches: LogBatch[] = [];

  beforeAll(async () => {
    // The run's first system line names the bots folder. mkdtemp's six random letters and digits
    // now and then spell a postcode (`KA12AB`), rightly redacted there and counted with the
    // corpus's; a UUID's groups (8, 4, 4, 4 and 12 hex digits) never have a postcode's length.
    botsDir = join(tmpdir(), `rpa-corpus-bots-${randomUUID()}`);
    await mkdir(botsDir);
    corpus = patientCorpus(63, 160);
    await writeFile(join(botsDir, 'corpus.json'), JSON.stringify(corpus.lines.map((line) => line.text)));
    await writeFile(
      join(botsDir, 'corpus-bot.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "const lines = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8'));",
        // Every seventh line goes to stderr: both streams pass the same redaction.
        "lines.forEach((line, i) => (i % 7 === 6 ? process.stderr : process.stdout).write(line + '\\n'));",
      ].join('\n'),
    );
    await writeFile(
      join(botsDir, 'corpus-bot.bot.json'),
      JSON.stringify({ id: 'corpus-bot', name: 'Corpus bot', description: 'Prints patient identifiers.', command: 'node', args: ['./corpus-bot.mjs'], profileId: 'sandbox', tokenDelivery: 'broker', timeoutMs: 60_000 }),
    );
    harness = await startSupervisorHarness({ botsDir });
    harness.supervisor.api.on('log', (batch) => batches.push(batch));
  });

  afterAll(async () => {
    await harness?.close();
    await rm(botsDir, { recursive: true, force: true });
  });

  it('S63 no valid NHS number, date of birth or postcode reaches the log file, the ring, the UI, the export or the downloaded log; look-alikes stay; counts are right', async () => {
    expect(corpus.lines.length).toBeGreaterThan(3000);
    await harness.signIn();
    const started = await harness.supervisor.api.invoke('startRun', { botId: 'corpus-bot' });
    const ended = await harness.waitForRunEnd(started.id);
    expect(ended.status).toBe('succeeded');

    // The ring: every line, redacted exactly as expected, in order within each stream.
    const page = await harness.supervisor.api.invoke('readLog', { runId: started.id, fromSeq: 0, limit: 5000 });
    const printed = page.lines.filter((line) => line.stream !== 'system');
    // Only the bot's lines hold identifiers, so only they may add to the counts below.
    const systemLines = page.lines.filter((line) => line.stream === 'system').map((line) => line.text);
    expect(systemLines.filter((text) => Object.values(redactionMarkers).some((marker) => text.includes(marker)))).toEqual([]);
    expect(printed).toHaveLength(corpus.lines.length);
    const byStream = (lines: LogLine[], stream: string) => lines.filter((line) => line.stream === stream).map((line) => line.text);
    const expected = (stream: string) => corpus.lines.filter((_, i) => (i % 7 === 6 ? 'stderr' : 'stdout') === stream).map((line) => line.expected);
    expect(byStream(printed, 'stdout')).toEqual(expected('stdout'));
    expect(byStream(printed, 'stderr')).toEqual(expected('stderr'));

    // The counts in the run detail, live from the state the page gets.
    expect(ended.redactions).toEqual(corpus.counts);
    expect((await harness.supervisor.api.invoke('listRuns', {})).find((run) => run.id === started.id)?.redactions).toEqual(corpus.counts);

    // What the page saw: the live batches and the state; the download and the export; every file.
    const live = batches.filter((batch) => batch.runId === started.id).flatMap((batch) => batch.lines.map((line) => line.text));
    expect(live.length).toBeGreaterThan(0);
    const download = await harness.supervisor.api.invoke('exportRunLog', { runId: started.id });
    const audit = await harness.supervisor.api.invoke('exportAudit', {});
    const places: { where: string; text: string }[] = [
      { where: 'the ring (readLog)', text: page.lines.map((line) => line.text).join('\n') },
      { where: 'the live log events', text: live.join('\n') },
      { where: 'the renderer state', text: JSON.stringify(await harness.supervisor.api.invoke('getState', {})) },
      { where: 'the downloaded log (exportRunLog)', text: download.text },
      { where: 'the audit export', text: JSON.stringify(audit) },
    ];
    for (const file of await harness.files()) places.push({ where: file, text: await readFile(file, 'utf8') });
    expect(places.some((place) => place.where.includes(started.id))).toBe(true);
    const found = places.flatMap((place) => corpus.forbidden.filter((value) => place.text.includes(value)).map((value) => `${value} in ${place.where}`));
    expect(found).toEqual([]);

    // The look-alikes are still there, in the download as on screen.
    const missing = corpus.kept.filter((value) => !download.text.includes(value));
    expect(missing).toEqual([]);
  }, 120_000);
});
