import { describe, expect, it } from 'vitest';
import { LineSplitter, redrawSnapshotMs, type SplitLine } from './line-splitter.js';

const second = 1000;

/** A splitter on a clock the test moves: `at(ms, text)` pushes `text` at that time. */
function timedSplitter(keepBytes = 1024, snapshotEveryMs?: number) {
  let now = 0;
  const lines: (SplitLine & { at: number })[] = [];
  const splitter = new LineSplitter({ keepBytes, now: () => now, snapshotEveryMs, onLine: (line) => lines.push({ ...line, at: now }) });
  return {
    lines,
    at(ms: number, text: string) {
      now = ms;
      splitter.push(Buffer.from(text));
    },
    end(ms: number) {
      now = ms;
      splitter.end();
    },
  };
}

/**
 * A bot that draws a progress bar with carriage returns for minutes prints no newline in all that
 * time. The operator must still see it move while it runs, and the saved log keep how it went.
 */
describe('LineSplitter and a line redrawn for a long time', () => {
  it('shows the line as drawn at most every five seconds while it is redrawn, then its last state when it ends', () => {
    expect(redrawSnapshotMs).toBe(5 * second);
    const bot = timedSplitter();
    for (let percent = 0; percent <= 20; percent += 1) bot.at(percent * second, `\rUploading ${percent}%`);
    bot.at(20.5 * second, '\nDone\n');
    expect(bot.lines.map(({ text, at }) => [text, at])).toEqual([
      ['Uploading 4%', 5 * second],
      ['Uploading 9%', 10 * second],
      ['Uploading 14%', 15 * second],
      ['Uploading 19%', 20 * second],
      ['Uploading 20%', 20.5 * second],
      ['Done', 20.5 * second],
    ]);
  });

  it('keeps a bar redrawn for less than five seconds to its last state, as before', () => {
    const bot = timedSplitter();
    for (let step = 0; step < 40; step += 1) bot.at(step * 100, `\rbar ${step}/39`);
    bot.at(4 * second, '\n');
    expect(bot.lines.map((line) => line.text)).toEqual(['bar 39/39']);
  });

  it('shows progress that never ends in a newline, and its last state when the bot exits', () => {
    const bot = timedSplitter();
    for (let step = 0; step <= 12; step += 1) bot.at(step * second, `${step === 0 ? '' : '\r'}step ${step}`);
    expect(bot.lines.map((line) => line.text)).toEqual(['step 4', 'step 9']);
    bot.end(13 * second);
    expect(bot.lines.map((line) => line.text)).toEqual(['step 4', 'step 9', 'step 12']);
  });

  it('shows a redraw written in pieces whole, and never a carriage return of a CRLF as a redraw', () => {
    const bot = timedSplitter();
    bot.at(0, 'Checking claim 1');
    bot.at(6 * second, ' of 3\r');
    bot.at(6.5 * second, 'Checking claim 2 of 3\r');
    bot.at(7 * second, '\n');
    expect(bot.lines.map((line) => line.text)).toEqual(['Checking claim 1 of 3', 'Checking claim 2 of 3']);
  });

  it('writes no empty line when the last redraw ends in a carriage return, and none twice', () => {
    const bot = timedSplitter();
    bot.at(0, '\r 10%');
    bot.at(6 * second, '\r 90%\r');
    bot.at(12 * second, '\r100%\r');
    bot.at(12.5 * second, '\r\n');
    expect(bot.lines.map((line) => line.text)).toEqual([' 10%', ' 90%', '100%']);
  });

  it('bounds a shown redraw to the kept bytes and counts the rest as dropped', () => {
    const bot = timedSplitter(50);
    bot.at(0, `\r${'a'.repeat(80)}`);
    bot.at(6 * second, `${'a'.repeat(40)}\r${'b'.repeat(10)}`);
    bot.at(7 * second, '\n');
    expect(bot.lines).toEqual([
      { text: 'a'.repeat(50), droppedBytes: 70, at: 6 * second },
      { text: 'b'.repeat(10), droppedBytes: 0, at: 7 * second },
    ]);
  });

  it('holds one redraw at most, however long a bot redraws without a newline', () => {
    const bot = timedSplitter(200);
    // An hour of a bar redrawn ten times a second, the redraws of each second in one chunk.
    const redraw = (step: number) => `\rWaiting for the portal ${'#'.repeat(step % 100).padEnd(100, '.')} ${step}`;
    let step = 0;
    for (let ms = 0; ms < 3600 * second; ms += second) {
      let chunk = '';
      for (let tenth = 0; tenth < 10; tenth += 1) chunk += redraw(step++);
      bot.at(ms, chunk);
    }
    bot.at(3600 * second, '\n');
    const last = bot.lines.at(-1);
    expect(last).toEqual({ text: redraw(step - 1).slice(1), droppedBytes: 0, at: 3600 * second });
    // One line each five seconds, and the last state.
    expect(bot.lines).toHaveLength(720);
    for (const line of bot.lines) expect(Buffer.byteLength(line.text)).toBeLessThanOrEqual(200);
  });

  it('shows the line at the period it is given instead (tests shorten it), in the same way', () => {
    const bot = timedSplitter(1024, 500);
    for (let step = 0; step <= 20; step += 1) bot.at(step * 100, `\rUploading ${step}/20`);
    bot.at(2050, '\nDone\n');
    expect(bot.lines.map(({ text, at }) => [text, at])).toEqual([
      ['Uploading 4/20', 500],
      ['Uploading 9/20', 1000],
      ['Uploading 14/20', 1500],
      ['Uploading 19/20', 2000],
      ['Uploading 20/20', 2050],
      ['Done', 2050],
    ]);
  });

  it('refuses a period that is not a number of milliseconds above zero', () => {
    for (const bad of [0, -500, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new LineSplitter({ keepBytes: 1024, onLine: () => undefined, snapshotEveryMs: bad })).toThrow(
        `A line splitter's snapshotEveryMs must be a number of milliseconds above zero, not ${String(bad)}.`,
      );
    }
  });
});
