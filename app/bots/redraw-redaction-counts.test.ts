import { describe, expect, it } from 'vitest';
import { defaultRedactionSettings } from '../common/patient-data.js';
import { FakeClock } from '../test-support/fake-clock.js';
import { LineSplitter, redrawSnapshotMs } from './line-splitter.js';
import { PatientRedactor } from './patient-redactor.js';
import { Redactor } from './redactor.js';
import { RunLog } from './run-log.js';
import { logText, misbehaving, runToEnd, useRunFixture } from './testing/run-fixture.js';

/*
 * What the run detail's "Hidden from the log" counts (docs/providers.md, section 9): one for each
 * identifier replaced in a line the log keeps, so it is the number of markers a person finds in
 * the downloaded log. A progress line redrawn with carriage returns is kept as its last state,
 * plus a snapshot every five seconds while it is redrawn (docs/bots.md, "Logs"): an identifier in
 * it counts once per kept line, never once per redraw the bot wrote. 943 476 5919 passes the
 * modulus 11 check.
 */
const fixture = useRunFixture();

function markers(text: string, marker: string): number {
  return text.split(marker).length - 1;
}

/** The capture path of one stream (splitter, whole-line redaction, RunLog) on a clock the test moves. */
function capture(chunkBytes: number) {
  const clock = new FakeClock(0);
  const log = new RunLog({ runId: 'run-redraw', clock, redactor: new Redactor(), patient: new PatientRedactor(defaultRedactionSettings) });
  const splitter = new LineSplitter({
    keepBytes: log.keepBytes,
    now: () => clock.now(),
    prepare: (wholeLines) => log.prepare(wholeLines),
    onLine: (line) => log.write('stdout', line.text, line.droppedBytes, line.prepared === true),
  });
  return {
    log,
    at(ms: number, text: string) {
      clock.set(ms);
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += chunkBytes) splitter.push(bytes.subarray(at, at + chunkBytes));
    },
    stored: () => log.page(0, 1000).lines.map((line) => line.text).join('\n'),
  };
}

describe('redaction counts of a redrawn progress line', () => {
  it('counts an identifier once per line the log keeps of a line redrawn for twenty seconds, not once per redraw, however the pipe cuts it', () => {
    for (const chunkBytes of [1, 7, 1 << 16]) {
      const bot = capture(chunkBytes);
      const redraws = 41;
      for (let step = 0; step < redraws; step += 1) bot.at(step * 500, `\rLooking up 943 476 5919, LS1 4AP: ${step}/${redraws - 1}`);
      bot.at(redraws * 500, '\nDone\n');
      const stored = bot.stored();
      const kept = stored.split('\n').filter((line) => line.startsWith('Looking up'));
      // A snapshot every five seconds of the twenty, and the last state.
      expect(kept.length, `chunks of ${chunkBytes}`).toBe(Math.floor(((redraws - 1) * 500) / redrawSnapshotMs) + 1);
      expect(kept.every((line) => line.startsWith('Looking up [NHS number], [postcode]: ')), stored).toBe(true);
      expect(bot.log.redactionCounts(), `chunks of ${chunkBytes}`).toEqual({ nhsNumber: markers(stored, '[NHS number]'), postcode: markers(stored, '[postcode]') });
    }
  });

  it('counts a line redrawn within five seconds once, whether its redraws arrive together or one by one', () => {
    for (const together of [true, false]) {
      const bot = capture(1 << 16);
      const redraws = Array.from({ length: 50 }, (_, step) => `Patient 943 476 5919 ${step * 2}%`);
      if (together) bot.at(0, redraws.join('\r'));
      else redraws.forEach((redraw, step) => bot.at(step * 50, `${redraw}\r`));
      bot.at(3000, '\n');
      expect(bot.stored()).toBe('Patient [NHS number] 98%');
      expect(bot.log.redactionCounts()).toEqual({ nhsNumber: 1 });
    }
  });

  it('a real bot redrawing a line that holds an NHS number many times: the run counts what its stored log hides', async () => {
    const manager = fixture.newManager();
    const redraws = 200;
    const code = `for (let step = 0; step < ${redraws}; step += 1) process.stdout.write('\\rLooking up ' + process.env.PATIENT + ' ' + step);\nprocess.stdout.write('\\n');`;
    manager.setBots([misbehaving('x', { id: 'redraw-bot', args: ['-e', code], env: { PATIENT: '943 476 5919' } })]);
    const ended = await runToEnd(manager, await manager.start('redraw-bot'));
    const log = logText(manager, ended.id);
    expect(ended.status, log).toBe('succeeded');
    expect(log).toContain(`stdout: Looking up [NHS number] ${redraws - 1}`);
    expect(log).not.toContain('943 476 5919');
    // Snapshots only on a machine so loaded that the redraws take five seconds.
    expect(markers(log, '[NHS number]')).toBeLessThan(redraws);
    expect(ended.redactions).toEqual({ nhsNumber: markers(log, '[NHS number]') });
  });
});
