import { formatBytes } from '../common/format-bytes.js';
import { maxLoggedKeptFiles } from '../common/artifact-log-limits.js';
import type { ArtifactView } from '../common/views.js';

/**
 * The run's system line for a file kept with the run: where in the bot's work it came, and the
 * run detail, which re-reads the run's files at a system line, lists it while the run runs (past
 * the limit it reads them on a timer: `filesOutrunLog`).
 * `count` is how many files the run has kept, this one included.
 */
export function keptLogLine(artifact: Pick<ArtifactView, 'name' | 'kind' | 'bytes'>, count: number): string | undefined {
  if (count <= maxLoggedKeptFiles) return `The bot attached "${artifact.name}" (${artifact.kind === 'screenshot' ? 'a screenshot, ' : ''}${formatBytes(artifact.bytes, 'up')}), kept with the run's files.`;
  if (count === maxLoggedKeptFiles + 1) return "The bot attached more files; the run detail lists them under the run's files.";
  return undefined;
}
