import type { ArtifactList } from './artifact-views.js';

/**
 * A bot attaching in a loop must not flood its own log: the run's log says the first this many
 * kept files, one line each, then one line that there are more, then nothing.
 */
export const maxLoggedKeptFiles = 20;

/** The same for files the store refused (counted over every reason). */
export const maxLoggedRefusals = 20;

/** How often the run detail reads a live run's files again once its log has stopped saying each one. */
export const unloggedFilesReadEveryMs = 2_000;

/**
 * True when the run's log no longer says each file as it is kept or refused, so a system line
 * can no longer tell the run detail that its list changed: it then reads the list on a timer
 * while the run is live.
 */
export function filesOutrunLog(list: ArtifactList): boolean {
  const refused = list.refused.reduce((sum, reason) => sum + reason.count, 0);
  return list.files.length >= maxLoggedKeptFiles || refused >= maxLoggedRefusals;
}
