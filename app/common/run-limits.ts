/**
 * Limits on runs shared by the core's schemas and the Preferences form. The ceiling on runs at
 * once is high enough for 200 bots supervised together (the many-bots benchmark); the default
 * stays small so a new install does not start more bots than a clinic PC comfortably runs.
 */
export const runLimits = {
  /** The highest "Runs at the same time" a person may choose. */
  maxConcurrentRunsCeiling: 256,
  /** "Runs at the same time" until a person changes it. */
  defaultMaxConcurrentRuns: 8,
} as const;
