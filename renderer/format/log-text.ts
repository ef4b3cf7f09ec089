import type { LogLine } from '../../app/common/contract.js';
import { formatTimeOfDay } from './format-date-time.js';
import { stripControlSequences } from './strip-control-sequences.js';

/**
 * The lines whose text contains `query`, ignoring case. Returns `lines` itself for an empty
 * query, so the view keeps its identity (and its scroll position) when the search is cleared.
 */
export function filterLogLines(lines: readonly LogLine[], query: string): readonly LogLine[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return lines;
  return lines.filter((line) => line.text.toLowerCase().includes(needle));
}

const streamTags: Record<LogLine['stream'], string> = { stdout: '', stderr: ' [stderr]', system: ' [supervisor]' };

/** Plain text for the clipboard or a download: one line each, with time and stream. */
export function logLinesAsText(lines: readonly LogLine[]): string {
  return lines.map((line) => `${formatTimeOfDay(line.at)}${streamTags[line.stream]} ${stripControlSequences(line.text)}`).join('\n');
}

/**
 * Splits `text` around case-insensitive matches of `query`, for highlighting. Odd indexes are
 * matches. Works on the text as shown (after stripping), so a highlight never splits an escape.
 */
export function splitOnMatches(text: string, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [text];
  const haystack = text.toLowerCase();
  // Lower-casing can change length for a few scripts; then fall back to no highlight.
  if (haystack.length !== text.length) return [text];
  const parts: string[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    parts.push(text.slice(from, at), text.slice(at, at + needle.length));
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return parts;
}
