import type { LogLine, LogStream } from '../common/contract.js';

/**
 * One log line per text line, readable by a person and parseable back: the file is both the
 * support artefact and the source for `readLog` after a restart. Sanitised text never holds a
 * newline or control character, so the format cannot be broken from inside a line.
 */
export function formatLogLine(line: LogLine): string {
  return `${isoTime(line.at)} ${line.stream.padEnd(6)} #${line.seq} ${line.text}\n`;
}

// A flood writes thousands of lines per millisecond: format each millisecond once.
let cachedAt = Number.NaN;
let cachedIso = '';

function isoTime(at: number): string {
  if (at !== cachedAt) {
    cachedIso = new Date(at).toISOString();
    cachedAt = at;
  }
  return cachedIso;
}

const linePattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (stdout|stderr|system) ?#(\d+) (.*)$/;

export function parseLogLine(text: string): LogLine | undefined {
  const match = linePattern.exec(text);
  if (!match) return undefined;
  const [, iso, stream, seq, body] = match;
  const at = Date.parse(iso ?? '');
  if (Number.isNaN(at)) return undefined;
  return { seq: Number(seq), at, stream: stream as LogStream, text: body ?? '' };
}
