/** Messages between the log-flood benchmark (parent, drives Chromium) and its core process. */

export interface FloodPlan {
  bots: number;
  /** Length of each measured window (app, then baseline). */
  windowMs: number;
  repoRoot: string;
  /** Another bot script than flood-bot.mjs, with its environment (the many-bots UI row uses pace-bot.mjs). */
  bot?: { script: string; env: Record<string, string> };
  /**
   * The bot's lines start with their print time (pace-bot.mjs): the window then opens only once
   * every run's newest captured line is fresh, so it measures bots printing, not the backlog that
   * piled up in their pipes while the runs were being started.
   */
  linesCarryPrintTime?: boolean;
}

/** What one measured window saw in the core process. */
export interface FloodWindow {
  /** Bots that were flooding during the window. */
  bots: number;
  lines: number;
  elapsedMs: number;
  /** Lines captured since the flood started, and the RSS growth since just before it started. */
  linesSinceStart: number;
  rssGrowthBytes: number;
  rssBeforeBytes: number;
  /** RSS when the window opened: the growth from here on is the steady state, rings already filling. */
  rssAtWindowStartBytes: number;
  rssAfterBytes: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Where the memory was at the end of the window: the JS heap, and Buffers outside it. */
  heapUsedBytes: number;
  externalBytes: number;
}

export type FloodCoreMessage =
  | { type: 'ready'; pageUrl: string }
  /** `settledAfterMs`: how long the wait for fresh lines took (0 when the plan has no such wait). */
  | { type: 'flooding'; settledAfterMs: number }
  | { type: 'appResult'; window: FloodWindow }
  | { type: 'baselineResult'; window: FloodWindow }
  | { type: 'failed'; message: string };

export type FloodParentMessage = { type: 'start' } | { type: 'measure' } | { type: 'exit' };

export const floodBotId = (index: number): string => `flood-${String(index + 1).padStart(2, '0')}`;

/** How long ago a pace-bot line (its first 24 characters an ISO time) was printed; NaN for other lines. */
export function paceLineAgeMs(text: string, now = Date.now()): number {
  return now - Date.parse(text.slice(0, 24));
}
